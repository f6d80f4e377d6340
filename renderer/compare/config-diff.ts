/** Config comparison for the table of differing fields: flatten to dotted paths, keep what differs. */

import { isPlainObject } from '../../common/path';
import type { FilterProvenance } from '../../preload/contract';

export type FlatConfig = Record<string, unknown>;

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

/** Stored filters' provenance (`filters:provenance`), by filter id. */
export type ProvenanceById = ReadonlyMap<string, FilterProvenance>;

/** The stored filter a run reuses: `filter.id` of a neural run, else null (a neural run without it trains its own). */
export function storedFilterId(config: unknown): string | null {
  const filter = isPlainObject(config) ? config.filter : undefined;
  if (!isPlainObject(filter) || filter.kind !== 'neural') return null;
  return typeof filter.id === 'string' && filter.id !== '' ? filter.id : null;
}

/**
 * A run's config as the table compares it. A run that reuses a stored filter never labels
 * anything: its `filter.labels` (often a preset's machine-labelling defaults, 20 x 1000) would
 * misstate where its filter came from, so they are left out once the filter's label set is
 * known; the provenance rows say what it really was.
 */
export function configForDiff(config: unknown, provenance: ProvenanceById): unknown {
  const id = storedFilterId(config);
  if (id === null || !provenance.get(id)?.labelSet || !isPlainObject(config) || !isPlainObject(config.filter)) return config;
  const filter = { ...config.filter };
  delete filter.labels;
  return { ...config, filter };
}

/** A row about a run's stored filter: not a config field, so it has a label of its own. */
export interface ProvenanceRow extends DiffRow {
  label: string;
}

/** The provenance rows, in the order shown; `path` is the row's key (data-path), never a config field. */
export const PROVENANCE_FIELDS = [
  { path: 'provenance.filter', label: 'stored filter' },
  { path: 'provenance.labelSet', label: 'trained on label set' },
  { path: 'provenance.labeler', label: 'labelled by' },
  { path: 'provenance.shape', label: 'label generations × candidates' },
] as const;

type ProvenancePath = (typeof PROVENANCE_FIELDS)[number]['path'];
type ProvenanceCells = Partial<Record<ProvenancePath, string>>;

function provenanceCells(config: unknown, provenance: ProvenanceById): ProvenanceCells {
  const id = storedFilterId(config);
  if (id === null) {
    const filter = isPlainObject(config) ? config.filter : undefined;
    return isPlainObject(filter) && filter.kind === 'neural' ? { 'provenance.filter': 'none: the run trains its own' } : {};
  }
  const p = provenance.get(id);
  if (!p) return { 'provenance.filter': `${id} (loading…)` };
  if (!p.filter) return { 'provenance.filter': `${id}: no longer stored`, 'provenance.labelSet': 'unknown' };
  const filter = `${p.filter.name} (${id})`;
  const set = p.labelSet;
  if (!set) {
    return { 'provenance.filter': filter, 'provenance.labelSet': p.filter.labelSetId === null ? 'none recorded' : `${p.filter.labelSetId}: no longer stored` };
  }
  return {
    'provenance.filter': filter,
    'provenance.labelSet': `${set.name} (${set.id})`,
    'provenance.labeler': set.kind === 'human' ? `${set.labeler} (by hand)` : set.labeler,
    'provenance.shape': `${set.generations} × ${set.candidatesPerGeneration}`,
  };
}

/**
 * Where each run's stored filter came from (baseline first): the filter, its label set (name
 * and id), who labelled it and its generations x candidates. Empty unless some run reuses a
 * stored filter; shown whether or not the runs differ, since the config alone cannot say it.
 */
export function provenanceRows(configs: readonly unknown[], provenance: ProvenanceById): ProvenanceRow[] {
  if (configs.every((c) => storedFilterId(c) === null)) return [];
  const cells = configs.map((c) => provenanceCells(c, provenance));
  return PROVENANCE_FIELDS.map(({ path, label }) => {
    const values = cells.map((c) => c[path]);
    return { path, label, values, differs: values.map((v) => v !== values[0]) };
  });
}

