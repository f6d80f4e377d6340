import { useState, type FormEvent } from 'react';
import type { LabelSetInfo } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { ErrorNotice } from '../shell/error-notice';
import {
  commandPending,
  createCommand,
  createRequest,
  defaultCreateForm,
  labelFamilies,
  labelPresets,
  MAX_CANDIDATES,
  validateCreateForm,
  withPreset,
  type CreateForm,
  type LabelFamilies,
} from './create-form';
import { FormRow } from './form-row';
import { rememberedLabeler, rememberLabeler } from './labeler-memory';

interface Props {
  onCreated: (set: LabelSetInfo) => void;
  onCancel?: () => void;
}

/**
 * A new human label set: its name, who labels, and the experiment whose candidates are labelled
 * (a preset's model with the family, d and labelling sizes set here). The labeller's name is
 * stored with the set and with every label saved. The families it offers come from
 * `config:fields`, so it waits for them first.
 */
export function NewLabelSet(props: Props) {
  const families = useRequest(() => invoke('config:fields', undefined).then(labelFamilies));
  if (families.data) return <NewLabelSetForm {...props} families={families.data} />;
  return (
    <div className="run-form new-label-set">
      <h2>New label set</h2>
      {families.error !== null ? <ErrorNotice error={families.error} context="Could not load the label families" /> : <p className="loading">Loading…</p>}
      {props.onCancel && (
        <div className="form-actions">
          <button type="button" className="button-quiet" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

function NewLabelSetForm({ onCreated, onCancel, families }: Props & { families: LabelFamilies }) {
  const presets = useRequest(() => invoke('presets:list', undefined));
  const [form, setForm] = useState<CreateForm>(() => defaultCreateForm(families, rememberedLabeler()));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const errors = validateCreateForm(form);
  const shown = tried ? errors : {};
  const choices = presets.data ? labelPresets(presets.data, families) : [];
  const command = createCommand(form);

  const set = <K extends keyof CreateForm>(key: K, value: CreateForm[K]): void => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const created = await invoke('labels:create', createRequest(form));
      rememberLabeler(form.labeler.trim());
      onCreated(created);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="run-form new-label-set" data-testid="new-label-set" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-label-set-title">
      <h2 id="new-label-set-title">New label set</h2>
      <div className="field-grid">
        <FormRow label="Name" error={shown.name}>
          {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} placeholder="e.g. first pass, 2-d Gaussian" autoComplete="off" />}
        </FormRow>
        <FormRow label="Labeller" hint="Your name, stored with every label" error={shown.labeler}>
          {(p) => <input {...p} value={form.labeler} onChange={(e) => set('labeler', e.target.value)} autoComplete="name" />}
        </FormRow>
        <FormRow label="Preset" hint="The model's other settings (truth, sigma, n0, seed)" error={shown.preset ?? (presets.error ? 'could not load the presets' : undefined)}>
          {(p) => (
            <select
              {...p}
              value={form.preset}
              onChange={(e) => {
                const preset = choices.find((c) => c.name === e.target.value);
                setForm((f) => (preset ? withPreset(f, preset, families) : { ...f, preset: e.target.value }));
              }}
            >
              {choices.length === 0 && <option value={form.preset}>{form.preset}</option>}
              {choices.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </FormRow>
        <FormRow label="Family" error={shown.family}>
          {(p) => (
            <select {...p} value={form.family} onChange={(e) => set('family', e.target.value)}>
              {families.names.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </FormRow>
        <FormRow label="Dimension d" hint="Above 2 the plot shows the first two principal components" error={shown.dim}>
          {(p) => <input {...p} inputMode="numeric" value={form.dim} onChange={(e) => set('dim', e.target.value)} />}
        </FormRow>
        <FormRow label="Label generations K" error={shown.generations}>
          {(p) => <input {...p} inputMode="numeric" value={form.generations} onChange={(e) => set('generations', e.target.value)} />}
        </FormRow>
        <FormRow label="Candidates per generation" hint={`Up to ${MAX_CANDIDATES.toLocaleString('en')}`} error={shown.candidates}>
          {(p) => <input {...p} inputMode="numeric" value={form.candidates} onChange={(e) => set('candidates', e.target.value)} />}
        </FormRow>
        <FormRow label="Machine rule: share bad" hint="Contamination, for the rule's suggestion and kappa" error={shown.contamination}>
          {(p) => <input {...p} inputMode="decimal" value={form.contamination} onChange={(e) => set('contamination', e.target.value)} />}
        </FormRow>
      </div>
      {failure !== null && <ErrorNotice error={failure} context="Could not create the label set" onDismiss={() => setFailure(null)} />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create and start labelling'}
        </button>
        {onCancel && (
          <button type="button" className="button-quiet" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
      {command !== null ? (
        <p className="cli-equivalent">
          Same from a terminal: <code data-testid="label-cli-command">{command}</code>
        </p>
      ) : (
        <p className="cli-equivalent" data-testid="label-cli-pending">
          {commandPending(form)}
        </p>
      )}
    </form>
  );
}

