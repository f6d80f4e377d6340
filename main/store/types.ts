import type { RunConfig } from '../../engine/config/types';
import type { GenerationSummary } from '../../engine/core/summary-types';
import type {
  FilterRecord,
  FilterResult,
  FilterSummary,
  FinalFilterStatus,
  NewFilterInput,
  TrainingEpochRow,
} from './filter-types';
import type { LabelEntry, LabelGroup, LabelSetRecord, NewLabelSetInput } from './label-types';
import type { RunStatus } from './statuses';
import type { RunTableRecord } from './tables';
import type { FinalSweepStatus, NewSweepInput, SweepPoint, SweepRecord } from './sweep-types';

export type { RunStatus } from './statuses';
/** The states a run can be finished in (recovery also uses 'interrupted'). */
export type FinalRunStatus = Exclude<RunStatus, 'running'>;

/** What `findRuns` narrows the listing to; every field left out matches every run. */
export interface RunQuery {
  preset?: string;
  status?: RunStatus;
  sweepId?: string;
  /** At most this many runs, newest first. */
  limit?: number;
}

/**
 * A stored run as the rest of the app sees it (camelCase, config parsed): the `runs` table's
 * descriptor (tables.ts) without the ownership columns, every field documented there.
 */
export type RunRecord = RunTableRecord;

export interface NewRunInput {
  name: string;
  preset: string | null;
  config: RunConfig;
  seed: number;
  engineVersion: string;
  backend: string;
  /** T + 1 (generations 0..T). */
  generationsTotal: number;
}

/**
 * What read-only code (export, listing, charts) gets: it cannot be handed a method that writes.
 */
export interface ReadableRunStore {
  /** The file this store was opened from (`:memory:` for an in-memory one). */
  readonly file: string;
  getRun(id: string): RunRecord | undefined;
  /** Newest first; runs created in the same millisecond, the later one first. */
  listRuns(): RunRecord[];
  /** listRuns narrowed to the runs matching every field of `query`, in the same order. */
  findRuns(query: Readonly<RunQuery>): RunRecord[];
  /** Stored generations of a run in t order; empty for an unknown run. */
  getGenerations(id: string): GenerationSummary[];
  /** The run's newest stored generation (lists show its error), or undefined. */
  lastGeneration(id: string): GenerationSummary | undefined;
  /**
   * Runs `read` inside one read transaction, so that several queries see the same snapshot
   * while another connection keeps writing (e.g. a run and its generations for an export).
   */
  snapshot<T>(read: (store: ReadableRunStore) => T): T;

  getLabelSet(id: string): LabelSetRecord | undefined;
  /** Newest first, as listRuns. */
  listLabelSets(): LabelSetRecord[];
  /** One generation's candidates with their labels; undefined for an unknown set or generation. */
  getLabelGroup(id: string, generation: number): LabelGroup | undefined;
  /** The set's generations in order; empty for an unknown set. */
  getLabelGenerations(id: string): number[];

  getFilter(id: string): FilterRecord | undefined;
  /** Newest first, without models (see FilterSummary). */
  listFilters(): FilterSummary[];
  /** In epoch order; empty for an unknown filter. */
  getTrainingEpochs(filterId: string): TrainingEpochRow[];

  getSweep(id: string): SweepRecord | undefined;
  /** Newest first, as listRuns. */
  listSweeps(): SweepRecord[];
  /**
   * The sweep's runs in grid order (first axis slowest), whatever order they were stored in;
   * runs whose point is not on the grid come last. Empty for an unknown sweep.
   */
  sweepRuns(sweepId: string): RunRecord[];
}

export interface WritableRunStore extends ReadableRunStore {
  createRun(input: Readonly<NewRunInput>): RunRecord;
  /** Appends rows in one transaction and moves the run's progress (generationsDone, updatedAt). */
  appendGenerations(runId: string, rows: readonly GenerationSummary[]): void;
  /** Throws StoreError RUN_INCOMPLETE for 'completed' unless every generation is stored. */
  finishRun(runId: string, status: FinalRunStatus, error?: string | null): void;
  /** Deletes a run and (by cascade) everything stored for it; false if there was none. */
  deleteRun(id: string): boolean;
  /**
   * Deletes every run of `ids` with its generations in one transaction, all or nothing, and
   * returns them as they were. Throws StoreError RUN_NOT_FOUND naming every unknown id, or
   * RUN_RUNNING naming every run still 'running' (another process writes it), having deleted
   * nothing. A sweep keeps its other runs; the deleted run's point reads as not run.
   */
  deleteRuns(ids: readonly string[]): RunRecord[];

  /** Stores the set and all its groups in one transaction. */
  createLabelSet(input: Readonly<NewLabelSetInput>): LabelSetRecord;
  /**
   * Sets (or, for `label: null`, removes) each entry's label in one transaction, as
   * `labeledBy`. Throws StoreError BAD_LABEL naming the first invalid entry, having written
   * nothing. Later entries for the same candidate win.
   */
  saveLabels(id: string, entries: readonly LabelEntry[], labeledBy: string): { saved: number };
  /** Deletes the set with its groups and labels; filters trained on it keep theirs. */
  deleteLabelSet(id: string): boolean;

  /** A new filter in status 'training', owned by this process, with model and metrics `{}`. */
  createFilter(input: Readonly<NewFilterInput>): FilterRecord;
  /** Appends epochs in one transaction; only while the filter is 'training'. */
  appendTrainingEpochs(filterId: string, epochs: readonly TrainingEpochRow[]): void;
  /** Closes a 'training' filter; 'ready' requires `result.model`. */
  finishFilter(filterId: string, status: FinalFilterStatus, result?: FilterResult): void;
  /** Deletes a filter and its history; runs that used it keep their results, with filterId null. */
  deleteFilter(id: string): boolean;
  /** Links a run to the filter it used (null unlinks). */
  setRunFilter(runId: string, filterId: string | null): void;

  /** A new sweep in status 'running', owned by this process. Refuses a malformed grid or window. */
  createSweep(input: Readonly<NewSweepInput>): SweepRecord;
  /** Closes a 'running' sweep (StoreError SWEEP_FINISHED once it is closed). */
  finishSweep(sweepId: string, status: FinalSweepStatus): void;
  /**
   * Links a run to the sweep that made it and its point there; `sweepId` null unlinks (and
   * `point` must then be null). The point must lie on the sweep's grid.
   */
  setRunSweep(runId: string, sweepId: string | null, point: SweepPoint | null): void;
  /** Deletes a sweep; its runs stay, with sweepId null. */
  deleteSweep(id: string): boolean;

  /** Sets a run's note (null clears it); returns the run. RUN_NOT_FOUND for an unknown id. */
  setRunNote(runId: string, note: string | null): RunRecord;
  /**
   * Adds tags (at the end, those not there yet) and takes others off in one transaction;
   * returns the run. RangeError when the result breaks common/run-annotations.ts's rules.
   */
  editRunTags(runId: string, add: readonly string[], remove: readonly string[]): RunRecord;

  close(): void;
}
