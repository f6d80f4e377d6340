import type { FieldInfo, PresetInfo, RunRequest } from '../../preload/contract';

/** A full run config (the contract names it through PresetInfo; the renderer imports no engine code). */
export type RunConfig = PresetInfo['config'];

/** The form's text for every field, by dotted path (what the user typed, not yet parsed). */
export type FormValues = Readonly<Record<string, string>>;

/**
 * The fields the New-run form offers, in order, with a label; the rest of a config comes from
 * the preset. Each is shown only if `config:fields` lists it (the engine's registry decides what
 * exists and how it is checked) and, for the conditional ones, when it applies.
 */
export const FORM_FIELDS: readonly { path: string; label: string; when?: (values: FormValues) => boolean }[] = [
  { path: 'name', label: 'Run name' },
  { path: 'replicates', label: 'Replicates R' },
  { path: 'generations', label: 'Generations T' },
  { path: 'seed', label: 'Seed' },
  { path: 'model.dim', label: 'Dimension d' },
  { path: 'sampleSize.schedule', label: 'Sample-size schedule' },
  { path: 'sampleSize.n0', label: 'Base sample size n0' },
  { path: 'sampleSize.power', label: 'Schedule power p', when: (v) => v['sampleSize.schedule'] === 'power' },
  { path: 'data.mode', label: 'Data mode' },
  { path: 'data.realPerGeneration', label: 'Real samples per generation', when: (v) => v['data.mode'] === 'fresh' },
  { path: 'data.realWeight', label: 'Real-data weight w', when: (v) => v['data.mode'] === 'fresh' },
  { path: 'filter.kind', label: 'Filter' },
  { path: 'filter.keepFraction', label: 'Keep fraction q', when: (v) => v['filter.kind'] === 'oracle' },
  { path: 'filter.radius', label: 'Verifier radius r', when: (v) => v['filter.kind'] === 'verifier' },
  { path: 'filter.centerOffset', label: 'Verifier centre offset', when: (v) => v['filter.kind'] === 'verifier' },
];

export interface ShownField {
  path: string;
  label: string;
  info: FieldInfo;
}

/** The form's fields that the engine knows and that apply to the current values. */
export function visibleFields(fields: readonly FieldInfo[], values: FormValues): ShownField[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  return FORM_FIELDS.flatMap((f) => {
    const info = byPath.get(f.path);
    if (!info || (f.when && !f.when(values))) return [];
    return [{ path: f.path, label: f.label, info }];
  });
}

/** Reads a dotted path from a config. */
export function readPath(config: unknown, path: string): unknown {
  let cur = config;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The form's starting text: every form field's value in the preset's (defaults-filled) config. */
export function initialValues(config: RunConfig): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { path } of FORM_FIELDS) {
    const v = readPath(config, path);
    values[path] = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return values;
}

/**
 * One field's text as the VALUE of a `PATH=VALUE` override, which the engine reads as JSON when
 * it parses and as a string otherwise (the CLI's `--set`). Numbers go as typed, so a typo reaches
 * the validator and comes back with the CLI's message; a string that would parse as JSON (a name
 * such as "42") is quoted so it stays a string.
 */
export function overrideValue(kind: FieldInfo['kind'], text: string): string {
  if (kind !== 'string' && kind !== 'enum') return text.trim();
  try {
    JSON.parse(text);
    return JSON.stringify(text);
  } catch {
    return text;
  }
}

/** The request the form stands for: the preset plus an override for every field the user changed. */
export function toRequest(preset: string, presetConfig: RunConfig, fields: readonly FieldInfo[], values: FormValues): RunRequest {
  const initial = initialValues(presetConfig);
  const overrides = visibleFields(fields, values)
    .filter((f) => values[f.path] !== undefined && values[f.path] !== initial[f.path])
    .map((f) => `${f.path}=${overrideValue(f.info.kind, values[f.path])}`);
  return { preset, overrides };
}

/** Quotes a shell word only when it needs it. */
function shellWord(word: string): string {
  return /^[\w.,:=+/@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The same run from a terminal, for copying or scripting. */
export function cliCommand(request: RunRequest): string {
  const parts = ['npm run --silent cli -- run'];
  if (request.preset) parts.push(`--preset ${shellWord(request.preset)}`);
  for (const o of request.overrides ?? []) parts.push(`--set ${shellWord(o)}`);
  return parts.join(' ');
}

/** A short hint of what a field accepts, from the registry ("integer ≥ 1, ≤ 1000000"). */
export function rangeHint(info: FieldInfo): string {
  const kind = info.kind === 'integer' ? 'integer' : info.kind === 'number' ? 'number' : info.kind === 'numberOrArray' ? 'number or list' : null;
  if (!kind) return '';
  const parts = [kind];
  if (info.above !== undefined) parts.push(`> ${info.above}`);
  else if (info.min !== undefined) parts.push(`≥ ${info.min}`);
  if (info.max !== undefined && info.max < 1e15) parts.push(`≤ ${info.max}`);
  return parts.join(', ');
}
