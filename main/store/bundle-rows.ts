/**
 * The rows a bundle carries, table by table: the columns and row types of the tables described
 * in tables.ts come from their descriptors; the child tables whose bundle shape is their own
 * (generations, label groups, labels) are listed here. Row types as SQLite returns them (JSON
 * columns as text, blobs as Buffers). bundle-io.ts reads
 * and writes them; test/bundle/round-trip.test.ts checks the lists against `PRAGMA table_info`,
 * so a migration that adds a table or a column fails that test until bundles carry it.
 */
import type { GenerationRow } from './row-mapping';
import type { RowOf } from './table-descriptor';
import { FILTERS_TABLE, LABEL_SETS_TABLE, RUNS_TABLE, SWEEPS_TABLE, TRAINING_EPOCHS_TABLE, type RunTableRow } from './tables';

export const RUN_COLUMNS = RUNS_TABLE.names;
/** Without run_id: a generation row travels inside its run. */
export const GENERATION_COLUMNS = [
  't', 'sample_size', 'error_mean', 'error_rms', 'error_median', 'error_q25', 'error_q75',
  'diversity_mean', 'diversity_median', 'kept_mean', 'test_error_mean', 'theory_error_mean_sq',
  'theory_test_error', 'extra',
] as const;
export const LABEL_SET_COLUMNS = LABEL_SETS_TABLE.names;
/** Without label_set_id. */
export const LABEL_GROUP_COLUMNS = ['generation', 'dim', 'count', 'estimate', 'candidates'] as const;
/** Without label_set_id and generation: a label travels inside its group. */
export const LABEL_COLUMNS = ['idx', 'label', 'labeled_by', 'labeled_at'] as const;
export const FILTER_COLUMNS = FILTERS_TABLE.names;
/** Without filter_id. */
export const TRAINING_EPOCH_COLUMNS = TRAINING_EPOCHS_TABLE.names;
export const SWEEP_COLUMNS = SWEEPS_TABLE.names;

type Row<C extends readonly string[]> = { [K in C[number]]: string | number | Buffer | null };

export type { RunTableRow } from './tables';

/** Every column of `generations` but run_id: the same shape getGenerations reads. */
export type GenerationTableRow = GenerationRow;

export type LabelSetTableRow = RowOf<typeof LABEL_SETS_TABLE>;

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

export type FilterTableRow = RowOf<typeof FILTERS_TABLE>;
/** Every column of `training_epochs` but filter_id. */
export type TrainingEpochTableRow = RowOf<typeof TRAINING_EPOCHS_TABLE>;
export type SweepTableRow = RowOf<typeof SWEEPS_TABLE>;

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

// Keeps the hand-written row types of the child tables and their column lists from drifting apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKeys: [
  Same<keyof GenerationTableRow, keyof Row<typeof GENERATION_COLUMNS>>,
  Same<keyof LabelGroupTableRow, keyof Row<typeof LABEL_GROUP_COLUMNS>>,
  Same<keyof LabelTableRow, keyof Row<typeof LABEL_COLUMNS>>,
] = [true, true, true];
void sameKeys;
