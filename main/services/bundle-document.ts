import { ENGINE_VERSION } from '../../engine';
import type {
  FilterEntry,
  GenerationTableRow,
  LabelGroupEntry,
  LabelSetEntry,
  RunEntry,
  StoreContents,
  SweepEntry,
} from '../store/bundle-io';
import { rowToJson, type JsonOfTable } from '../store/table-descriptor';
import { FILTERS_TABLE, LABEL_SETS_TABLE, RUNS_TABLE, SWEEPS_TABLE, TRAINING_EPOCHS_TABLE } from '../store/tables';

/**
 * The bundle file (`export --bundle FILE`, `import FILE`): one JSON document holding runs,
 * label sets, filters and sweeps with every stored column, so that importing it into another
 * store gives back the same rows.
 *
 *     { "format": "collapse-lab-bundle", "version": 3,
 *       "engine": { "version" },           the Collapse Lab that wrote it
 *       "exportedAt",                       ISO 8601 UTC with milliseconds
 *       "runs": [...], "labelSets": [...], "filters": [...], "sweeps": [...] }
 *
 * - Every key is required (a nullable column is `null`, never left out) and no other key is
 *   allowed, so a damaged file is named, not guessed at.
 * - JSON columns (config, source, settings, model, metrics, base, grid, window, sweep point,
 *   a generation's `extra`) are embedded as JSON values. The store writes them with
 *   JSON.stringify, whose output JSON.stringify(JSON.parse(text)) reproduces byte for byte, so
 *   import restores the exact text.
 * - A label group's candidates are the stored blob (count x dim float64, little-endian) in
 *   base64: exact, -0 and every last bit included, where decimal text would not be.
 * - A run's generations look like the export document's (docs/cli.md), plus `extra` as stored;
 *   a label's `labeledBy` and `labeledAt` and each row's owner (pid, host, start time) are kept
 *   too.
 * - Entries are in the source store's insertion order, which import keeps.
 * - gzip is not used: the file is plain JSON (candidates dominate, and base64 of random
 *   doubles hardly compresses).
 */
export const BUNDLE_FORMAT = 'collapse-lab-bundle';
/**
 * 2: runs, filters and sweeps carry `ownerStart` (store migration 0004). 3: runs carry `note`
 * and `tags` (migration 0005). Version 1 and 2 files still import (bundle-validate.ts).
 */
export const BUNDLE_VERSION = 3;

export interface BundleDocument {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  engine: { version: string };
  exportedAt: string;
  runs: BundleRun[];
  labelSets: BundleLabelSet[];
  filters: BundleFilter[];
  sweeps: BundleSweep[];
}

/** A run: every column of `runs` by its bundle key (tables.ts), and its generations. */
export type BundleRun = JsonOfTable<typeof RUNS_TABLE> & { generations: BundleGeneration[] };

export interface BundleGeneration {
  t: number;
  sampleSize: number;
  error: { mean: number; rms: number; median: number; q25: number; q75: number };
  /** null when both columns are null; a half-null pair keeps its null member. */
  diversity: { mean: number | null; median: number | null } | null;
  kept: { mean: number };
  testError: { mean: number } | null;
  theory: { errorMeanSq: number | null; testError: number | null };
  /** The `extra` column as stored (today `{ contraction }`), not spread into the entry. */
  extra: Record<string, unknown> | null;
}

export type BundleLabelSet = JsonOfTable<typeof LABEL_SETS_TABLE> & { groups: BundleLabelGroup[] };

export interface BundleLabelGroup {
  generation: number;
  dim: number;
  count: number;
  estimate: number[];
  /** base64 of count x dim float64s, row-major, little-endian: the stored blob's bytes. */
  candidates: string;
  /** Labelled candidates only, by idx. */
  labels: BundleLabel[];
}

export interface BundleLabel {
  idx: number;
  label: 0 | 1;
  labeledBy: string;
  labeledAt: string;
}

/** A filter with the export document's `training` entries, in epoch order. */
export type BundleFilter = JsonOfTable<typeof FILTERS_TABLE> & { training: BundleEpoch[] };

export type BundleEpoch = JsonOfTable<typeof TRAINING_EPOCHS_TABLE>;

export type BundleSweep = JsonOfTable<typeof SWEEPS_TABLE>;

const parse = (text: string): unknown => JSON.parse(text) as unknown;
const parseOrNull = (text: string | null): unknown => (text === null ? null : parse(text));

function toBundleGeneration(g: GenerationTableRow): BundleGeneration {
  return {
    t: g.t,
    sampleSize: g.sample_size,
    error: { mean: g.error_mean, rms: g.error_rms, median: g.error_median, q25: g.error_q25, q75: g.error_q75 },
    diversity:
      g.diversity_mean === null && g.diversity_median === null ? null : { mean: g.diversity_mean, median: g.diversity_median },
    kept: { mean: g.kept_mean },
    testError: g.test_error_mean === null ? null : { mean: g.test_error_mean },
    theory: { errorMeanSq: g.theory_error_mean_sq, testError: g.theory_test_error },
    extra: parseOrNull(g.extra) as Record<string, unknown> | null,
  };
}

function toBundleRun({ row, generations }: RunEntry): BundleRun {
  return { ...rowToJson(RUNS_TABLE, row), generations: generations.map(toBundleGeneration) };
}

function toBundleGroup({ row: g, labels }: LabelGroupEntry): BundleLabelGroup {
  return {
    generation: g.generation,
    dim: g.dim,
    count: g.count,
    estimate: parse(g.estimate) as number[],
    candidates: g.candidates.toString('base64'),
    labels: labels.map((l) => ({ idx: l.idx, label: l.label as 0 | 1, labeledBy: l.labeled_by, labeledAt: l.labeled_at })),
  };
}

function toBundleLabelSet({ row, groups }: LabelSetEntry): BundleLabelSet {
  return { ...rowToJson(LABEL_SETS_TABLE, row), groups: groups.map(toBundleGroup) };
}

function toBundleFilter({ row, epochs }: FilterEntry): BundleFilter {
  return { ...rowToJson(FILTERS_TABLE, row), training: epochs.map((e) => rowToJson(TRAINING_EPOCHS_TABLE, e)) };
}

function toBundleSweep({ row }: SweepEntry): BundleSweep {
  return rowToJson(SWEEPS_TABLE, row);
}

/** The document for rows read from a store (bundle-io's readStoreContents). */
export function toBundleDocument(contents: StoreContents, exportedAt: string): BundleDocument {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    engine: { version: ENGINE_VERSION },
    exportedAt,
    runs: contents.runs.map(toBundleRun),
    labelSets: contents.labelSets.map(toBundleLabelSet),
    filters: contents.filters.map(toBundleFilter),
    sweeps: contents.sweeps.map(toBundleSweep),
  };
}
