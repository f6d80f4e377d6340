import { describeError } from '../lib/errors';

interface Props {
  error: unknown;
  /** What was being done, e.g. "Could not load the runs". */
  context: string;
  onDismiss?: () => void;
}

/** A failed request, said plainly: what failed, the services' message and code. */
export function ErrorNotice({ error, context, onDismiss }: Props) {
  const { message, code } = describeError(error);
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice">
      <p>
        <strong>{context}:</strong> {message}
        {code && <span className="error-code"> ({code})</span>}
      </p>
      {onDismiss && (
        <button type="button" className="button-quiet" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
