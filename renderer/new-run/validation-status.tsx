import type { Validation } from './use-validation';

/** One line under the form: checking, valid (with what will run), or the problem in a field not on the form. */
export function ValidationStatus({ validation, fieldOnForm }: { validation: Validation; fieldOnForm: boolean }) {
  const { result, pending } = validation;
  if (result === null) return <p className="validation validation-muted">Checking the config…</p>;
  if (!result.ok) {
    return fieldOnForm ? (
      <p className="validation validation-error" data-testid="validation-status">
        Fix the field marked above to start.
      </p>
    ) : (
      <p className="validation validation-error" role="alert" data-testid="validation-status">
        <span className="mono">{result.path}</span>: {result.message}
      </p>
    );
  }
  const c = result.config;
  return (
    <p className={`validation validation-ok${pending ? ' validation-muted' : ''}`} data-testid="validation-status">
      {pending ? 'Checking… ' : 'Valid: '}
      {c.replicates} replicates of a {c.model.family} model in d = {c.model.dim}, generations 0 to {c.generations}.
    </p>
  );
}
