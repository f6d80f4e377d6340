import { useId, type FormEvent, type ReactNode } from 'react';
import { ErrorNotice } from '../shell/error-notice';
import { fieldError, trainCliCommand, type TrainField, type TrainKey, type TrainValues } from './train-settings';
import type { TrainValidation } from './use-train-validation';

interface Props {
  /** The form's fields, from the engine's table (train-settings.ts). */
  fields: readonly TrainField[];
  values: TrainValues;
  overrides: readonly string[];
  name: string;
  namePlaceholder: string;
  labelSetId: string | null;
  validation: TrainValidation;
  /** A field the services refused on Start (INVALID_CONFIG), shown by that field. */
  startFieldError: { key: TrainKey; message: string } | null;
  startError: unknown;
  /** Why Start cannot be pressed now, or null. */
  blocked: string | null;
  starting: boolean;
  onChange: (key: TrainKey, value: string) => void;
  onName: (name: string) => void;
  onReset: () => void;
  onStart: () => void;
  children?: ReactNode;
}

/** The filter's settings (docs/experiments.md 4 defaults), checked as the user types, and Start. */
export function TrainForm(props: Props) {
  const { fields, values, overrides, validation, startFieldError, starting, blocked } = props;
  const invalid = validation.result !== null && !validation.result.ok ? validation.result : null;
  const invalidField = invalid ? fieldError(fields, `${invalid.path}: ${invalid.message}`) : null;
  const errorOf = (key: TrainKey): string | null => (invalidField?.key === key ? invalidField.message : startFieldError?.key === key ? startFieldError.message : null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    props.onStart();
  };
  const nameId = useId();
  const changed = overrides.length;

  return (
    <form className="train-form" onSubmit={submit} noValidate aria-label="Filter settings" data-testid="train-form">
      {props.children}
      <fieldset className="train-fields">
        <legend>Settings</legend>
        <div className="train-field-grid">
          {fields.filter((f) => !f.advanced).map((f) => (
            <TrainFieldInput key={f.key} field={f} value={values[f.key]} error={errorOf(f.key)} onChange={props.onChange} />
          ))}
        </div>
        <details className="train-more" open={fields.some((f) => f.advanced && errorOf(f.key) !== null) || undefined}>
          <summary>More settings: τ, early stopping, held-out share, batches, seed</summary>
          <div className="train-field-grid">
            {fields.filter((f) => f.advanced).map((f) => (
              <TrainFieldInput key={f.key} field={f} value={values[f.key]} error={errorOf(f.key)} onChange={props.onChange} />
            ))}
          </div>
        </details>
      </fieldset>
      <div className="field train-name">
        <label htmlFor={nameId}>Filter name</label>
        <input id={nameId} type="text" value={props.name} placeholder={props.namePlaceholder} onChange={(e) => props.onName(e.target.value)} autoComplete="off" spellCheck={false} />
        <p className="field-hint">Stored under this name, with its own id, as soon as training starts.</p>
      </div>
      <p className={`validation ${invalid && !invalidField ? 'validation-error' : 'validation-muted'}`} data-testid="train-validation" role={invalid && !invalidField ? 'alert' : undefined}>
        {validation.result === null
          ? 'Checking the settings…'
          : invalid
            ? invalidField
              ? 'Fix the field marked above to start.'
              : `${invalid.path}: ${invalid.message}`
            : changed === 0
              ? 'Defaults of docs/experiments.md section 4.'
              : `${changed} setting${changed === 1 ? '' : 's'} changed from the defaults.`}
      </p>
      {validation.error !== null && <ErrorNotice error={validation.error} context="Could not check the settings" />}
      {props.startError !== null && <ErrorNotice error={props.startError} context="Could not start training" />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={starting || invalid !== null || blocked !== null} aria-describedby={blocked ? `${nameId}-blocked` : undefined}>
          {starting ? 'Starting…' : 'Start training'}
        </button>
        <button type="button" className="button-quiet" onClick={props.onReset} disabled={starting || changed === 0}>
          Reset to defaults
        </button>
      </div>
      {blocked && (
        <p className="train-muted train-blocked" id={`${nameId}-blocked`}>
          {blocked}
        </p>
      )}
      {props.labelSetId && (
        <p className="cli-equivalent">
          From a terminal: <code data-testid="train-cli">{trainCliCommand(props.labelSetId, overrides, props.name)}</code>
        </p>
      )}
    </form>
  );
}

function TrainFieldInput({ field, value, error, onChange }: { field: TrainField; value: string; error: string | null; onChange: (key: TrainKey, value: string) => void }) {
  const id = useId();
  const changed = value.trim() !== '' && Number(value) !== field.default;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-testid={`train-field-${field.key}`}>
      <label htmlFor={id}>
        {field.label}
        {changed && (
          <span className="train-changed" title={`default ${field.default}`}>
            {' '}
            (default {field.default})
          </span>
        )}
      </label>
      <input
        id={id}
        type="text"
        inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
        spellCheck={false}
        autoComplete="off"
        value={value}
        placeholder={String(field.default)}
        onChange={(e) => onChange(field.key, e.target.value)}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {field.hint}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
