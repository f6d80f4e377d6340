import type { ArgsOf, FieldInfo, PresetInfo } from '../../preload/contract';

/** The families whose candidates can be labelled, and the one the form starts with. */
export interface LabelFamilies {
  names: readonly string[];
  initial: string;
}

/**
 * What `config:fields` says of `model.family`: the labellable families (the engine's
 * FAMILY_SPECS[f].labelable) and its default when that is one of them. Throws when it names
 * none: the form would have nothing to offer.
 */
export function labelFamilies(fields: readonly FieldInfo[]): LabelFamilies {
  const info = fields.find((f) => f.path === 'model.family');
  const names = info?.labelable ?? [];
  if (names.length === 0) throw new Error('config:fields names no family whose candidates can be labelled');
  const initial = typeof info?.default === 'string' && names.includes(info.default) ? info.default : names[0];
  return { names, initial };
}

/** The New label set form as typed (strings, so a half-typed number is kept as it is). */
export interface CreateForm {
  name: string;
  labeler: string;
  preset: string;
  family: string;
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
export function defaultCreateForm(families: LabelFamilies, labeler = ''): CreateForm {
  return { name: '', labeler, preset: DEFAULT_PRESET, family: families.initial, dim: '2', generations: '5', candidates: '200', contamination: '0.3' };
}

/** Presets a label set can start from: every one whose family has candidates to label. */
export function labelPresets(presets: readonly PresetInfo[], families: LabelFamilies): PresetInfo[] {
  return presets.filter((p) => families.names.includes(p.config.model.family));
}

/** The form after choosing a preset: its model's family and d; the labelling sizes stay as typed. */
export function withPreset(form: CreateForm, preset: PresetInfo, families: LabelFamilies): CreateForm {
  const family = preset.config.model.family;
  return {
    ...form,
    preset: preset.name,
    family: families.names.includes(family) ? family : form.family,
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

/**
 * A word for a POSIX shell: left bare when it holds only characters no shell treats specially,
 * otherwise in single quotes (inside which nothing is special; a quote itself is closed,
 * escaped and reopened: ' becomes '\\'').
 */
export function shellQuote(word: string): string {
  return /^[\w.,=/+:@%-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `--option VALUE`; a value that starts with "-" goes as `--option=VALUE`, so the CLI cannot take it for an option. */
function optionWord(name: string, value: string): string {
  return value.startsWith('-') ? `--${name}=${shellQuote(value)}` : `--${name} ${shellQuote(value)}`;
}

/**
 * The same request as a command line (shown under the form, as New run does), or null while
 * the form would not make a valid one: a half-filled form (no labeller yet) must not show a
 * command that fails (`--labeler ''` exits 2).
 */
export function createCommand(form: CreateForm): string | null {
  if (Object.keys(validateCreateForm(form)).length > 0) return null;
  const req = createRequest(form);
  const words = [
    'npm run cli -- label',
    optionWord('labeler', req.labeler ?? ''),
    optionWord('name', req.name),
    optionWord('preset', req.request.preset ?? ''),
    ...(req.request.overrides ?? []).map((o) => optionWord('set', o)),
  ];
  return words.join(' ');
}

/** What the form says in place of the command while it has none ("Fill in Labeller to see ..."). */
export function commandPending(form: CreateForm): string {
  const fields = fieldsForCommand(form);
  const list = fields.length <= 1 ? fields.join('') : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
  return `Fill in ${list} to see the same as a terminal command.`;
}

/** The fields a terminal command still waits for (empty or invalid), by their labels in the form. */
export function fieldsForCommand(form: CreateForm): string[] {
  const names: Record<keyof CreateForm, string> = {
    name: 'Name',
    labeler: 'Labeller',
    preset: 'Preset',
    family: 'Family',
    dim: 'Dimension d',
    generations: 'Label generations K',
    candidates: 'Candidates per generation',
    contamination: 'Machine rule: share bad',
  };
  return (Object.keys(validateCreateForm(form)) as (keyof CreateForm)[]).map((k) => names[k]);
}
