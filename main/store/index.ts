/** The run store: numbered migrations over better-sqlite3 and typed queries. */
export { openStore, type OpenStoreOptions } from './open-store';
export { RunStore, type RunStoreOptions } from './run-store';
export { createRunWriter, type RunWriter, type RunWriterOptions, type RunWriterStore } from './run-writer';
export { defaultStorePath, STORE_FILE_NAME, PRODUCT_NAME, type DefaultPathInput } from './default-path';
export { StoreError, isStoreError, type StoreErrorCode } from './errors';
export { storeFailure } from './sqlite-errors';
export { LATEST_SCHEMA_VERSION } from './migrate';
export { isProcessAlive } from './process-alive';
export { UNLABELLED } from './label-types';
export { FILTER_STATUSES, LABEL_SET_KINDS, RUN_STATUSES } from './statuses';
export { RUNS_TABLE, LABEL_SETS_TABLE, FILTERS_TABLE, TRAINING_EPOCHS_TABLE, SWEEPS_TABLE } from './tables';
export type {
  LabelEntry,
  LabelGroup,
  LabelSetCounts,
  LabelSetKind,
  LabelSetRecord,
  NewLabelGroup,
  NewLabelSetInput,
} from './label-types';
export type {
  FilterRecord,
  FilterResult,
  FilterStatus,
  FilterSummary,
  FinalFilterStatus,
  NewFilterInput,
  TrainingEpochRow,
} from './filter-types';
export type {
  FinalSweepStatus,
  NewSweepInput,
  SweepAxis,
  SweepPoint,
  SweepRecord,
  SweepStatus,
} from './sweep-types';
export type {
  FinalRunStatus,
  NewRunInput,
  ReadableRunStore,
  RunQuery,
  RunRecord,
  RunStatus,
  WritableRunStore,
} from './types';
export { reopenSweep } from './sweep-reopen';
