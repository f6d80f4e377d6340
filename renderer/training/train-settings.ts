/**
 * The filter's training settings as the Train page's form shows them. Defaults are docs/experiments.md
 * section 4's (lambda 1, mu 0.1, c 0.1, tau 0.2, 128 hidden units, 200 epochs, Adam 1e-3); a test
 * holds them equal to the engine's DEFAULT_TRAINING. The form sends only what differs from the
 * defaults, as `filter.training.*` overrides, and the services validate them (INVALID_CONFIG
 * naming the field).
 */

export type TrainKey = 'lambda' | 'mu' | 'c' | 'hidden' | 'epochs' | 'learningRate' | 'tau' | 'patience' | 'heldOut' | 'groupsPerBatch' | 'seed';

export interface TrainField {
  key: TrainKey;
  /** The config path the services name in their errors. */
  path: `filter.training.${TrainKey}`;
  label: string;
  hint: string;
  kind: 'number' | 'integer';
  default: number;
  /** Shown under "More settings". */
  advanced?: boolean;
}

const field = (key: TrainKey, label: string, hint: string, kind: 'number' | 'integer', dflt: number, advanced = false): TrainField => ({
  key,
  path: `filter.training.${key}`,
  label,
  hint,
  kind,
  default: dflt,
  advanced,
});

export const TRAIN_FIELDS: readonly TrainField[] = [
  field('lambda', 'λ: weight of L_contr', 'L = L_cls + λ L_contr + μ L_ess · number ≥ 0', 'number', 1),
  field('mu', 'μ: weight of L_ess', 'keeps the effective sample size up · number ≥ 0', 'number', 0.1),
  field('c', 'c: required contraction', 'V(e_w) ≤ (1 − c) V(e_0) · 0 to 1', 'number', 0.1),
  field('hidden', 'Hidden width', 'ReLU units of the one hidden layer · integer 1 to 4096', 'integer', 128),
  field('epochs', 'Epochs', 'at most; early stopping may end sooner · integer ≥ 1', 'integer', 200),
  field('learningRate', 'Learning rate', 'Adam step size · number > 0, ≤ 10', 'number', 1e-3),
  field('tau', 'τ: ESS floor', 'L_ess = max(0, τ − ESS/N) · 0 to 1', 'number', 0.2, true),
  field('patience', 'Early-stop patience', 'epochs without a held-out improvement · 0 never stops early', 'integer', 40, true),
  field('heldOut', 'Held-out share', 'label generations kept for metrics and early stopping · 0 to 0.9', 'number', 0.2, true),
  field('groupsPerBatch', 'Generations per batch', 'label generations per optimisation step · integer ≥ 1', 'integer', 4, true),
  field('seed', 'Seed', 'initialisation, held-out split and batch order · integer ≥ 0', 'integer', 1, true),
];

export type TrainValues = Readonly<Record<TrainKey, string>>;

/** The form's starting values: every field at its default. */
export function defaultValues(): TrainValues {
  return Object.fromEntries(TRAIN_FIELDS.map((f) => [f.key, String(f.default)])) as Record<TrainKey, string>;
}

/**
 * `filter.training.KEY=VALUE` for each field that differs from its default, in the form's order.
 * Empty fields mean the default; text that is not a number is sent as typed, so the services'
 * validation names it.
 */
export function toOverrides(values: TrainValues): string[] {
  const out: string[] = [];
  for (const f of TRAIN_FIELDS) {
    const raw = (values[f.key] ?? '').trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n === f.default) continue;
    out.push(`${f.path}=${raw}`);
  }
  return out;
}

/** The epochs the form asks for (the charts' x extent), or the default when it is not a number yet. */
export function epochsOf(values: TrainValues): number {
  const n = Number((values.epochs ?? '').trim());
  return Number.isInteger(n) && n >= 1 ? n : TRAIN_FIELDS.find((f) => f.key === 'epochs')!.default;
}

/**
 * The field a services' message names: "filter.training.lambda: expected ..." gives the path
 * and the rest, or null when the message does not start with a known field of the form.
 */
export function fieldError(message: string): { key: TrainKey; path: string; message: string } | null {
  const colon = message.indexOf(': ');
  if (colon <= 0) return null;
  const path = message.slice(0, colon);
  const f = TRAIN_FIELDS.find((x) => x.path === path);
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
export function valuesFromSettings(settings: unknown): TrainValues {
  const out = { ...defaultValues() } as Record<TrainKey, string>;
  if (settings && typeof settings === 'object') {
    for (const f of TRAIN_FIELDS) {
      const v = (settings as Record<string, unknown>)[f.key];
      if (typeof v === 'number' && Number.isFinite(v)) out[f.key] = String(v);
    }
  }
  return out;
}

/** "λ 1 · μ 0.1 · c 0.1 · 128 hidden · lr 0.001 · 200 epochs", the settings at a glance. */
export function describeSettings(settings: unknown): string {
  if (!settings || typeof settings !== 'object') return '';
  const s = settings as Record<string, unknown>;
  const num = (k: string): string | null => (typeof s[k] === 'number' ? String(s[k]) : null);
  const parts = [
    num('lambda') && `λ ${num('lambda')}`,
    num('mu') && `μ ${num('mu')}`,
    num('c') && `c ${num('c')}`,
    num('hidden') && `${num('hidden')} hidden`,
    num('learningRate') && `lr ${num('learningRate')}`,
    num('epochs') && `${num('epochs')} epochs`,
  ];
  return parts.filter(Boolean).join(' · ');
}
