import type { ArgsOf, PresetInfo } from '../../preload/contract';

/** The families whose candidates can be labelled (the regression family has no label rule). */
export const LABEL_FAMILIES = ['gaussian', 'poisson', 'bernoulli', 'exponential'] as const;
export type LabelFamily = (typeof LABEL_FAMILIES)[number];

/** The New label set form as typed (strings, so a half-typed number is kept as it is). */
export interface CreateForm {
  name: string;
  labeler: string;
  preset: string;
  family: LabelFamily;
  dim: string;
  generations: string;
  candidates: string;
  contamination: string;
}

export type CreateFormErrors = Partial<Record<keyof CreateForm, string>>;

/** The page draws every candidate of a generation, so it keeps them to what a scatter shows well. */
export const MAX_CANDIDATES = 20_000;
export const MAX_GENERATIONS = 1000;
export const MAX_DIM = 512;

export const DEFAULT_PRESET = 'filter-constant-n';

/** A small first set: a person labels a few hundred candidates, not the machine rule's 20 x 1000. */
export function defaultCreateForm(labeler = ''): CreateForm {
  return { name: '', labeler, preset: DEFAULT_PRESET, family: 'gaussian', dim: '2', generations: '5', candidates: '200', contamination: '0.3' };
}

/** Presets a label set can start from: every one whose family has candidates to label. */
export function labelPresets(presets: readonly PresetInfo[]): PresetInfo[] {
  return presets.filter((p) => (LABEL_FAMILIES as readonly string[]).includes(p.config.model.family));
}

/** The form after choosing a preset: its model's family and d; the labelling sizes stay as typed. */
export function withPreset(form: CreateForm, preset: PresetInfo): CreateForm {
  const family = preset.config.model.family;
  return {
    ...form,
    preset: preset.name,
    family: (LABEL_FAMILIES as readonly string[]).includes(family) ? (family as LabelFamily) : form.family,
    dim: String(preset.config.model.dim),
  };
}

function integerError(text: string, min: number, max: number): string | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) return `expected an integer from ${min} to ${max}, got ${text.trim() === '' ? 'nothing' : text.trim()}`;
  return null;
}

/** What is wrong with the form, field by field (empty when it can be sent). */
export function validateCreateForm(form: CreateForm): CreateFormErrors {
  const errors: CreateFormErrors = {};
  if (form.name.trim() === '') errors.name = 'give the label set a name';
  if (form.labeler.trim() === '') errors.labeler = 'say who labels (saved with every label)';
  if (form.preset.trim() === '') errors.preset = 'choose a preset';
  const dim = integerError(form.dim, 1, MAX_DIM);
  if (dim) errors.dim = dim;
  const generations = integerError(form.generations, 1, MAX_GENERATIONS);
  if (generations) errors.generations = generations;
  const candidates = integerError(form.candidates, 2, MAX_CANDIDATES);
  if (candidates) errors.candidates = candidates;
  const c = Number(form.contamination.trim());
  if (form.contamination.trim() === '' || !Number.isFinite(c) || c < 0 || c > 0.99) errors.contamination = `expected a number from 0 to 0.99, got ${form.contamination.trim() || 'nothing'}`;
  return errors;
}

/**
 * The `labels:create` request for a human label set: the preset, then the form's settings as
 * `--set`-style overrides (docs/cli.md), so the services validate them as the CLI would.
 */
export function createRequest(form: CreateForm): ArgsOf<'labels:create'> {
  return {
    kind: 'human',
    name: form.name.trim(),
    labeler: form.labeler.trim(),
    request: {
      preset: form.preset,
      overrides: [
        `model.family=${form.family}`,
        `model.dim=${form.dim.trim()}`,
        `filter.labels.generations=${form.generations.trim()}`,
        `filter.labels.candidates=${form.candidates.trim()}`,
        `filter.labels.contamination=${form.contamination.trim()}`,
      ],
    },
  };
}

/** The same request as a command line (shown under the form, as New run does). */
export function createCommand(form: CreateForm): string {
  const req = createRequest(form);
  const quote = (s: string): string => (/^[\w.,=/+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const sets = (req.request.overrides ?? []).map((o) => `--set ${quote(o)}`).join(' ');
  return `npm run cli -- label --labeler ${quote(req.labeler ?? '')} --name ${quote(req.name)} --preset ${quote(req.request.preset ?? '')} ${sets}`;
}
