/** Config comparison for the table of differing fields: flatten to dotted paths, keep what differs. */

export type FlatConfig = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A nested config as `{ "model.dim": 2, "filter.kind": "oracle", ... }`: the dotted paths of
 * docs/cli.md. Arrays (e.g. `model.truth` per coordinate) are leaves; empty objects vanish.
 */
export function flattenConfig(value: unknown, prefix = ''): FlatConfig {
  const out: FlatConfig = {};
  if (!isPlainObject(value)) {
    if (prefix) out[prefix] = value;
    return out;
  }
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(v)) Object.assign(out, flattenConfig(v, path));
    else if (v !== undefined) out[path] = v;
  }
  return out;
}

/** Whether two leaf values are the same (arrays by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** A leaf as the table shows it; an absent field is a dash (the run does not have it). */
export function formatConfigValue(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return JSON.stringify(value);
}

export interface DiffRow {
  path: string;
  /** One per run, in the order given (the baseline first). */
  values: unknown[];
  /** Per run: differs from the first run (the baseline). The baseline's own cell is false. */
  differs: boolean[];
}

export interface ConfigDiff {
  rows: DiffRow[];
  /** Paths present in some run and equal in all of them. */
  sameCount: number;
}

/** Paths left out of the table: the run's name is already its column's header. */
export const DIFF_IGNORED: readonly string[] = ['name'];

/**
 * The fields that differ between runs (first run = baseline), sorted by path; with `all`, every
 * field. A field one run lacks and another has counts as differing.
 */
export function diffConfigs(configs: readonly unknown[], options: { all?: boolean; ignore?: readonly string[] } = {}): ConfigDiff {
  const ignore = new Set(options.ignore ?? DIFF_IGNORED);
  const flats = configs.map((c) => flattenConfig(c));
  const paths = [...new Set(flats.flatMap((f) => Object.keys(f)))].filter((p) => !ignore.has(p)).sort();
  const rows: DiffRow[] = [];
  let sameCount = 0;
  for (const path of paths) {
    const values = flats.map((f) => f[path]);
    const differs = values.map((v) => !sameValue(v, values[0]));
    const anyDiff = differs.some(Boolean);
    if (!anyDiff) sameCount++;
    if (anyDiff || options.all) rows.push({ path, values, differs });
  }
  return { rows, sameCount };
}
