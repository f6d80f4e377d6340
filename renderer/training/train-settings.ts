/**
 * The filter's training settings as the Train page's form shows them. Each field's label, doc,
 * kind, range and default come from the engine's field table through `config:fields` (the
 * defaults are docs/experiments.md section 4's); this file only says which fields the form
 * shows and where. The form sends only what differs from the defaults, as `filter.training.*`
 * overrides, and the services validate them (INVALID_CONFIG naming the field).
 */
import type { FieldInfo, FilterSettings } from '../../preload/contract';
import { fieldHint } from '../lib/field-hint';

/** The form's fields in order: the first group always shown, the second under "More settings". */
const MAIN_KEYS = ['lambda', 'mu', 'c', 'hidden', 'epochs', 'learningRate'] as const satisfies readonly (keyof FilterSettings)[];
const MORE_KEYS = ['tau', 'patience', 'heldOut', 'groupsPerBatch', 'seed'] as const satisfies readonly (keyof FilterSettings)[];

export type TrainKey = (typeof MAIN_KEYS)[number] | (typeof MORE_KEYS)[number];

export interface TrainField {
  key: TrainKey;
  /** The config path the services name in their errors. */
  path: `filter.training.${TrainKey}`;
  label: string;
  hint: string;
  kind: 'number' | 'integer';
  default: number;
  /** Shown under "More settings". */
  advanced: boolean;
}

/**
 * The form's fields from what `config:fields` sends. The training seed has no default of its
 * own (it follows the run's seed, engine/neural/settings.ts) and `filters:train` trains from the
 * default config, so its default is the run's `seed` default. Throws when the table lacks a
 * field or a default: the services and this page disagree, and the page says so.
 */
export function trainFields(fields: readonly FieldInfo[]): TrainField[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const field = (key: TrainKey, advanced: boolean): TrainField => {
    const path = `filter.training.${key}` as const;
    const info = byPath.get(path);
    const dflt = info?.default ?? (key === 'seed' ? byPath.get('seed')?.default : undefined);
    if (!info || (info.kind !== 'number' && info.kind !== 'integer') || typeof dflt !== 'number') {
      throw new Error(`config:fields has no numeric ${path} with a default; the Train form cannot show it`);
    }
    return { key, path, label: info.label, hint: fieldHint(info), kind: info.kind, default: dflt, advanced };
  };
  return [...MAIN_KEYS.map((k) => field(k, false)), ...MORE_KEYS.map((k) => field(k, true))];
}

export type TrainValues = Readonly<Record<TrainKey, string>>;

/** The form's starting values: every field at its default. */
export function defaultValues(fields: readonly TrainField[]): TrainValues {
  return Object.fromEntries(fields.map((f) => [f.key, String(f.default)])) as Record<TrainKey, string>;
}

/**
 * `filter.training.KEY=VALUE` for each field that differs from its default, in the form's order.
 * Empty fields mean the default; text that is not a number is sent as typed, so the services'
 * validation names it.
 */
export function toOverrides(fields: readonly TrainField[], values: TrainValues): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const raw = (values[f.key] ?? '').trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n === f.default) continue;
    out.push(`${f.path}=${raw}`);
  }
  return out;
}

/** The epochs the form asks for (the charts' x extent), or the default when it is not a number yet. */
export function epochsOf(fields: readonly TrainField[], values: TrainValues): number {
  const n = Number((values.epochs ?? '').trim());
  return Number.isInteger(n) && n >= 1 ? n : fields.find((f) => f.key === 'epochs')!.default;
}

/**
 * The field a services' message names: "filter.training.lambda: expected ..." gives the path
 * and the rest, or null when the message does not start with a known field of the form.
 */
export function fieldError(fields: readonly TrainField[], message: string): { key: TrainKey; path: string; message: string } | null {
  const colon = message.indexOf(': ');
  if (colon <= 0) return null;
  const path = message.slice(0, colon);
  const f = fields.find((x) => x.path === path);
  return f ? { key: f.key, path, message: message.slice(colon + 2) } : null;
}

/** The same training from a terminal. */
export function trainCliCommand(labelSetId: string, overrides: readonly string[], name?: string): string {
  const parts = ['npm run --silent cli -- train-filter --labels', labelSetId];
  if (name && name.trim()) parts.push('--name', shellQuote(name.trim()));
  for (const o of overrides) parts.push('--set', shellQuote(o));
  return parts.join(' ');
}

function shellQuote(s: string): string {
  return /^[\w.,:=/+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A stored filter's settings as form values (fields it lacks keep their defaults). */
export function valuesFromSettings(fields: readonly TrainField[], settings: FilterSettings | null): TrainValues {
  const out = { ...defaultValues(fields) } as Record<TrainKey, string>;
  if (settings) for (const f of fields) out[f.key] = String(settings[f.key]);
  return out;
}

/** "λ 1 · μ 0.1 · c 0.1 · 128 hidden · lr 0.001 · 200 epochs", the settings at a glance. */
export function describeSettings(settings: FilterSettings | null): string {
  if (!settings) return '';
  const s = settings;
  return [`λ ${s.lambda}`, `μ ${s.mu}`, `c ${s.c}`, `${s.hidden} hidden`, `lr ${s.learningRate}`, `${s.epochs} epochs`].join(' · ');
}
