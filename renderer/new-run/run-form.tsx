import type { FormEvent } from 'react';
import type { RunRequest } from '../../preload/contract';
import { ErrorNotice } from '../shell/error-notice';
import { FormField } from './form-field';
import { cliCommand, type FormValues, type ShownField } from './form-model';
import type { Validation } from './use-validation';
import { ValidationStatus } from './validation-status';

interface Props {
  fields: readonly ShownField[];
  values: FormValues;
  request: RunRequest;
  validation: Validation;
  starting: boolean;
  startError: unknown;
  onChange: (path: string, value: string) => void;
  onStart: () => void;
  onReset: () => void;
}

/** The preset's most useful fields, checked as the user types, and Start. */
export function RunForm({ fields, values, request, validation, starting, startError, onChange, onStart, onReset }: Props) {
  const invalid = validation.result !== null && !validation.result.ok ? validation.result : null;
  const fieldOnForm = invalid !== null && fields.some((f) => f.path === invalid.path);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onStart();
  };

  return (
    <form className="run-form" onSubmit={submit} noValidate aria-label="Run settings" data-testid="run-form">
      <div className="field-grid">
        {fields.map((field) => (
          <FormField key={field.path} field={field} value={values[field.path] ?? ''} error={invalid?.path === field.path ? invalid.message : null} onChange={onChange} />
        ))}
      </div>
      <ValidationStatus validation={validation} fieldOnForm={fieldOnForm} />
      {validation.error !== null && <ErrorNotice error={validation.error} context="Could not check the config" />}
      {startError !== null && <ErrorNotice error={startError} context="Could not start the run" />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={starting || invalid !== null}>
          {starting ? 'Starting…' : 'Start run'}
        </button>
        <button type="button" className="button-quiet" onClick={onReset} disabled={starting}>
          Reset to preset
        </button>
      </div>
      <p className="cli-equivalent">
        From a terminal: <code data-testid="cli-command">{cliCommand(request)}</code>
      </p>
    </form>
  );
}
