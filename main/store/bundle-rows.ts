/**
 * The rows a bundle carries, table by table: each table's columns listed once, and the row
 * types as SQLite returns them (JSON columns as text, blobs as Buffers). bundle-io.ts reads
 * and writes them; test/bundle/round-trip.test.ts checks the lists against `PRAGMA table_info`,
 * so a migration that adds a table or a column fails that test until bundles carry it.
 */
import type { TrainingEpochDbRow } from './filter-row-mapping';
import type { GenerationRow, RunRow } from './row-mapping';

export const RUN_COLUMNS = [
  'id', 'name', 'preset', 'status', 'config', 'seed', 'engine_version', 'backend', 'created_at',
  'started_at', 'finished_at', 'updated_at', 'error', 'generations_total', 'generations_done',
  'owner_pid', 'owner_host', 'owner_start', 'filter_id', 'sweep_id', 'sweep_point',
] as const;
/** Without run_id: a generation row travels inside its run. */
export const GENERATION_COLUMNS = [
  't', 'sample_size', 'error_mean', 'error_rms', 'error_median', 'error_q25', 'error_q75',
  'diversity_mean', 'diversity_median', 'kept_mean', 'test_error_mean', 'theory_error_mean_sq',
  'theory_test_error', 'extra',
] as const;
export const LABEL_SET_COLUMNS = ['id', 'name', 'kind', 'labeler', 'source', 'created_at', 'updated_at'] as const;
/** Without label_set_id. */
export const LABEL_GROUP_COLUMNS = ['generation', 'dim', 'count', 'estimate', 'candidates'] as const;
/** Without label_set_id and generation: a label travels inside its group. */
export const LABEL_COLUMNS = ['idx', 'label', 'labeled_by', 'labeled_at'] as const;
export const FILTER_COLUMNS = [
  'id', 'name', 'label_set_id', 'settings', 'model', 'backend', 'metrics', 'status', 'error',
  'created_at', 'finished_at', 'owner_pid', 'owner_host', 'owner_start',
] as const;
/** Without filter_id. */
export const TRAINING_EPOCH_COLUMNS = [
  'epoch', 'cls_loss', 'contr_loss', 'ess_loss', 'accuracy', 'contraction_satisfied',
] as const;
export const SWEEP_COLUMNS = [
  'id', 'name', 'preset', 'base', 'grid', 'window', 'status', 'created_at', 'finished_at',
  'owner_pid', 'owner_host', 'owner_start',
] as const;

type Row<C extends readonly string[]> = { [K in C[number]]: string | number | Buffer | null };

/** Every column of `runs`: RunRow's, the owner columns too, status as the stored text. */
export interface RunTableRow extends Omit<RunRow, 'status'> {
  status: string;
  owner_pid: number | null;
  owner_host: string | null;
  owner_start: number | null;
}

/** Every column of `generations` but run_id: the same shape getGenerations reads. */
export type GenerationTableRow = GenerationRow;

export interface LabelSetTableRow {
  id: string;
  name: string;
  kind: string;
  labeler: string;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface LabelGroupTableRow {
  generation: number;
  dim: number;
  count: number;
  estimate: string;
  candidates: Buffer;
}

export interface LabelTableRow {
  idx: number;
  label: number;
  labeled_by: string;
  labeled_at: string;
}

export interface FilterTableRow {
  id: string;
  name: string;
  label_set_id: string | null;
  settings: string;
  model: string;
  backend: string;
  metrics: string;
  status: string;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  owner_start: number | null;
}

/** Every column of `training_epochs` but filter_id. */
export type TrainingEpochTableRow = TrainingEpochDbRow;

export interface SweepTableRow {
  id: string;
  name: string;
  preset: string | null;
  base: string;
  grid: string;
  window: string | null;
  status: string;
  created_at: string;
  finished_at: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  owner_start: number | null;
}

export interface RunEntry {
  row: RunTableRow;
  generations: GenerationTableRow[];
}

export interface LabelGroupEntry {
  row: LabelGroupTableRow;
  labels: LabelTableRow[];
}

export interface LabelSetEntry {
  row: LabelSetTableRow;
  groups: LabelGroupEntry[];
}

export interface FilterEntry {
  row: FilterTableRow;
  epochs: TrainingEpochTableRow[];
}

export interface SweepEntry {
  row: SweepTableRow;
}

/**
 * Rows of a store, grouped by what owns them. Each list is in the source store's insertion
 * (rowid) order, and import inserts in list order, so runs created in the same millisecond
 * keep their listing order in the target store.
 */
export interface StoreContents {
  runs: RunEntry[];
  labelSets: LabelSetEntry[];
  filters: FilterEntry[];
  sweeps: SweepEntry[];
}

/** Column names per table as the bundle carries them, with each child table's parent key(s). */
export const BUNDLE_TABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  runs: RUN_COLUMNS,
  generations: ['run_id', ...GENERATION_COLUMNS],
  label_sets: LABEL_SET_COLUMNS,
  label_groups: ['label_set_id', ...LABEL_GROUP_COLUMNS],
  labels: ['label_set_id', 'generation', ...LABEL_COLUMNS],
  filters: FILTER_COLUMNS,
  training_epochs: ['filter_id', ...TRAINING_EPOCH_COLUMNS],
  sweeps: SWEEP_COLUMNS,
};

// Keeps the hand-written row types and the column lists from drifting apart at compile time.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKeys: [
  Same<keyof RunTableRow, keyof Row<typeof RUN_COLUMNS>>,
  Same<keyof GenerationTableRow, keyof Row<typeof GENERATION_COLUMNS>>,
  Same<keyof LabelSetTableRow, keyof Row<typeof LABEL_SET_COLUMNS>>,
  Same<keyof LabelGroupTableRow, keyof Row<typeof LABEL_GROUP_COLUMNS>>,
  Same<keyof LabelTableRow, keyof Row<typeof LABEL_COLUMNS>>,
  Same<keyof FilterTableRow, keyof Row<typeof FILTER_COLUMNS>>,
  Same<keyof TrainingEpochTableRow, keyof Row<typeof TRAINING_EPOCH_COLUMNS>>,
  Same<keyof SweepTableRow, keyof Row<typeof SWEEP_COLUMNS>>,
] = [true, true, true, true, true, true, true, true];
void sameKeys;
