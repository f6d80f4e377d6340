import type { RunConfig } from '../../engine/config/types';
import type { GenerationSummary } from '../../engine/core/summary-types';

export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted';
/** The states a run can be finished in (recovery also uses 'interrupted'). */
export type FinalRunStatus = Exclude<RunStatus, 'running'>;

/** A stored run as the rest of the app sees it (camelCase, config parsed). */
export interface RunRecord {
  id: string;
  name: string;
  preset: string | null;
  status: RunStatus;
  config: RunConfig;
  seed: number;
  engine: { version: string; backend: string };
  /** ISO 8601 UTC with milliseconds, e.g. 2025-01-31T12:00:00.000Z. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** When generations were last appended (or the run finished); null before the first write. */
  updatedAt: string | null;
  error: string | null;
  /** Generations stored so far: highest stored t + 1. */
  generationsDone: number;
  /** T + 1. A run is only ever 'completed' with generationsDone === generationsTotal. */
  generationsTotal: number;
}

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
  /** Stored generations of a run in t order; empty for an unknown run. */
  getGenerations(id: string): GenerationSummary[];
  /**
   * Runs `read` inside one read transaction, so that several queries see the same snapshot
   * while another connection keeps writing (e.g. a run and its generations for an export).
   */
  snapshot<T>(read: (store: ReadableRunStore) => T): T;
}

export interface WritableRunStore extends ReadableRunStore {
  createRun(input: Readonly<NewRunInput>): RunRecord;
  /** Appends rows in one transaction and moves the run's progress (generationsDone, updatedAt). */
  appendGenerations(runId: string, rows: readonly GenerationSummary[]): void;
  /** Throws StoreError RUN_INCOMPLETE for 'completed' unless every generation is stored. */
  finishRun(runId: string, status: FinalRunStatus, error?: string | null): void;
  /** Deletes a run and (by cascade) everything stored for it; false if there was none. */
  deleteRun(id: string): boolean;
  close(): void;
}
