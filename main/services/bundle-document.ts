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

/**
 * The bundle file (`export --bundle FILE`, `import FILE`): one JSON document holding runs,
 * label sets, filters and sweeps with every stored column, so that importing it into another
 * store gives back the same rows.
 *
 *     { "format": "collapse-lab-bundle", "version": 2,
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
/** 2: runs, filters and sweeps carry `ownerStart` (store migration 0004). Version 1 files still import. */
export const BUNDLE_VERSION = 2;

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

export interface BundleRun {
  id: string;
  name: string;
  preset: string | null;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  config: unknown;
  seed: number;
  engine: { version: string; backend: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string | null;
  error: string | null;
  generationsTotal: number;
  generationsDone: number;
  filterId: string | null;
  sweepId: string | null;
  sweepPoint: Record<string, number> | null;
  ownerPid: number | null;
  ownerHost: string | null;
  /** When the owner process started (clock ticks since boot); null where unknown. */
  ownerStart: number | null;
  generations: BundleGeneration[];
}

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

export interface BundleLabelSet {
  id: string;
  name: string;
  kind: 'machine' | 'human';
  labeler: string;
  source: unknown;
  createdAt: string;
  updatedAt: string;
  groups: BundleLabelGroup[];
}

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

export interface BundleFilter {
  id: string;
  name: string;
  labelSetId: string | null;
  settings: unknown;
  model: unknown;
  backend: string;
  metrics: unknown;
  status: 'training' | 'ready' | 'failed' | 'interrupted';
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  ownerPid: number | null;
  ownerHost: string | null;
  /** When the owner process started (clock ticks since boot); null where unknown. */
  ownerStart: number | null;
  /** The export document's `training` entries, in epoch order. */
  training: BundleEpoch[];
}

export interface BundleEpoch {
  epoch: number;
  clsLoss: number;
  contrLoss: number;
  essLoss: number;
  accuracy: number;
  contractionSatisfied: number;
}

export interface BundleSweep {
  id: string;
  name: string;
  preset: string | null;
  base: unknown;
  grid: { path: string; values: number[] }[];
  window: [number, number] | null;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  createdAt: string;
  finishedAt: string | null;
  ownerPid: number | null;
  ownerHost: string | null;
  /** When the owner process started (clock ticks since boot); null where unknown. */
  ownerStart: number | null;
}

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

function toBundleRun({ row: r, generations }: RunEntry): BundleRun {
  return {
    id: r.id,
    name: r.name,
    preset: r.preset,
    status: r.status as BundleRun['status'],
    config: parse(r.config),
    seed: r.seed,
    engine: { version: r.engine_version, backend: r.backend },
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
    error: r.error,
    generationsTotal: r.generations_total,
    generationsDone: r.generations_done,
    filterId: r.filter_id,
    sweepId: r.sweep_id,
    sweepPoint: parseOrNull(r.sweep_point) as Record<string, number> | null,
    ownerPid: r.owner_pid,
    ownerHost: r.owner_host,
    ownerStart: r.owner_start,
    generations: generations.map(toBundleGeneration),
  };
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

function toBundleLabelSet({ row: s, groups }: LabelSetEntry): BundleLabelSet {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind as BundleLabelSet['kind'],
    labeler: s.labeler,
    source: parse(s.source),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    groups: groups.map(toBundleGroup),
  };
}

function toBundleFilter({ row: f, epochs }: FilterEntry): BundleFilter {
  return {
    id: f.id,
    name: f.name,
    labelSetId: f.label_set_id,
    settings: parse(f.settings),
    model: parse(f.model),
    backend: f.backend,
    metrics: parse(f.metrics),
    status: f.status as BundleFilter['status'],
    error: f.error,
    createdAt: f.created_at,
    finishedAt: f.finished_at,
    ownerPid: f.owner_pid,
    ownerHost: f.owner_host,
    ownerStart: f.owner_start,
    training: epochs.map((e) => ({
      epoch: e.epoch,
      clsLoss: e.cls_loss,
      contrLoss: e.contr_loss,
      essLoss: e.ess_loss,
      accuracy: e.accuracy,
      contractionSatisfied: e.contraction_satisfied,
    })),
  };
}

function toBundleSweep({ row: w }: SweepEntry): BundleSweep {
  return {
    id: w.id,
    name: w.name,
    preset: w.preset,
    base: parse(w.base),
    grid: parse(w.grid) as BundleSweep['grid'],
    window: parseOrNull(w.window) as [number, number] | null,
    status: w.status as BundleSweep['status'],
    createdAt: w.created_at,
    finishedAt: w.finished_at,
    ownerPid: w.owner_pid,
    ownerHost: w.owner_host,
    ownerStart: w.owner_start,
  };
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
