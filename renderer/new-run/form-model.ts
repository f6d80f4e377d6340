import { getPath } from '../../common/path';
import type { FieldInfo, PresetInfo, RunRequest } from '../../preload/contract';

/** A full run config (the contract names it through PresetInfo; the renderer imports no engine code). */
export type RunConfig = PresetInfo['config'];

/** The form's text for every field, by dotted path (what the user typed, not yet parsed). */
export type FormValues = Readonly<Record<string, string>>;

/**
 * The fields the New-run form offers, in order; the rest of a config comes from the preset. Each
 * is shown only if `config:fields` lists it, with the label and the "applies only when" rule the
 * engine's table gives it (the same rule validation enforces).
 */
export const FORM_FIELDS: readonly string[] = [
  'name',
  'replicates',
  'generations',
  'seed',
  'model.dim',
  'sampleSize.schedule',
  'sampleSize.n0',
  'sampleSize.power',
  'data.mode',
  'data.realPerGeneration',
  'data.realWeight',
  'filter.kind',
  'filter.keepFraction',
  'filter.radius',
  'filter.centerOffset',
];

export interface ShownField {
  path: string;
  label: string;
  info: FieldInfo;
}

/** Whether a field's rule holds for the form's values (a condition on a field the form lacks does not hold). */
export function applies(info: FieldInfo, values: FormValues): boolean {
  return (info.appliesWhen ?? []).every((c) => {
    const v = values[c.path] === '' ? undefined : values[c.path];
    const actual = v ?? c.absent;
    return actual !== undefined && c.is.includes(actual);
  });
}

/** The form's fields that the engine knows and that apply to the current values. */
export function visibleFields(fields: readonly FieldInfo[], values: FormValues): ShownField[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  return FORM_FIELDS.flatMap((path) => {
    const info = byPath.get(path);
    if (!info || !applies(info, values)) return [];
    return [{ path, label: info.label, info }];
  });
}

/** The form's starting text: every form field's value in the preset's (defaults-filled) config. */
export function initialValues(config: RunConfig): Record<string, string> {
  const values: Record<string, string> = {};
  for (const path of FORM_FIELDS) {
    const v = getPath(config, path);
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
