import { useId } from 'react';
import type { ShownField } from './form-model';
import { fieldHint } from '../lib/field-hint';

interface Props {
  field: ShownField;
  value: string;
  /** The validator's message when this field is the one it names. */
  error: string | null;
  onChange: (path: string, value: string) => void;
}

/** One config field: a select for enums, a text box for the rest, with its doc and its error. */
export function FormField({ field, value, error, onChange }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const { info } = field;
  const describedBy = error ? `${hintId} ${errorId}` : hintId;
  const hint = fieldHint(info);

  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-testid={`field-${field.path}`}>
      <label htmlFor={id}>
        {field.label}{' '}
        <span className="field-path mono" aria-hidden="true">
          {field.path}
        </span>
      </label>
      {info.kind === 'enum' && info.values ? (
        <select id={id} value={value} onChange={(e) => onChange(field.path, e.target.value)} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
          {info.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode={info.kind === 'integer' ? 'numeric' : info.kind === 'number' ? 'decimal' : undefined}
          spellCheck={false}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(field.path, e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
      {error && (
        <p className="field-error" id={errorId} data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
