import type Database from 'better-sqlite3';
import type { GenerationSummary } from '../../engine/core/summary-types';
import { StoreError } from './errors';
import { FilterStore } from './filter-store';
import type {
  FilterRecord,
  FilterResult,
  FilterSummary,
  FinalFilterStatus,
  NewFilterInput,
  TrainingEpochRow,
} from './filter-types';
import { LabelStore } from './label-store';
import type { LabelEntry, LabelGroup, LabelSetRecord, NewLabelSetInput } from './label-types';
import { processStartTime } from './proc-stat';
import { SQL } from './queries';
import {
  toGenerationParams,
  toGenerationSummary,
  toRunRecord,
  type GenerationParams,
  type GenerationRow,
  type RunRow,
} from './row-mapping';
import { createRunAnnotations, type RunAnnotations } from './run-annotations';
import { createRunDeletion } from './run-deletion';
import { insertWithFreshId, newRunId } from './run-id';
import { createRunFinder } from './run-listing';
import { SweepStore } from './sweep-store';
import type { FinalSweepStatus, NewSweepInput, SweepPoint, SweepRecord } from './sweep-types';
import type {
  FinalRunStatus,
  NewRunInput,
  ReadableRunStore,
  RunQuery,
  RunRecord,
  WritableRunStore,
} from './types';

export type {
  FinalRunStatus,
  NewRunInput,
  ReadableRunStore,
  RunRecord,
  RunStatus,
  WritableRunStore,
} from './types';

export interface RunStoreOptions {
  /** Recorded as owner_host of the runs, filters and sweeps this store creates. */
  hostname: string;
  /** Recorded as owner_pid; defaults to this process. */
  pid?: number;
  /**
   * Recorded as owner_start: when `pid` started (/proc/PID/stat field 22), so that recovery can
   * tell this process from a later one given the same pid. Defaults to reading it; null where
   * there is no /proc.
   */
  ownerStart?: number | null;
  /** Id generator for runs, label sets and filters; injectable so tests can force a collision. */
  newId?: () => string;
  /** Clock for timestamps; injectable for tests. */
  now?: () => Date;
}

interface InsertRunParams {
  id: string;
  name: string;
  preset: string | null;
  config: string;
  seed: number;
  engineVersion: string;
  backend: string;
  now: string;
  generationsTotal: number;
  ownerPid: number;
  ownerHost: string;
  ownerStart: number | null;
}

/**
 * Typed queries over an open, migrated database. Construct it with `openStore`, which sets the
 * pragmas, migrates and recovers first; statements are prepared once, here and in the label
 * and filter halves it delegates to (kept apart so that no file has to hold the whole store).
 */
export class RunStore implements WritableRunStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly hostname: string;
  private readonly pid: number;
  private readonly ownerStart: number | null;
  private readonly newId: () => string;
  private readonly now: () => Date;

  private readonly insertRunStmt: Database.Statement<[InsertRunParams]>;
  private readonly getRunStmt: Database.Statement<[string], RunRow>;
  private readonly listRunsStmt: Database.Statement<[], RunRow>;
  private readonly insertGenerationStmt: Database.Statement<[GenerationParams]>;
  private readonly updateProgressStmt: Database.Statement<[{ id: string; now: string }]>;
  private readonly getGenerationsStmt: Database.Statement<[string], GenerationRow>;
  private readonly lastGenerationStmt: Database.Statement<[string], GenerationRow>;
  private readonly finishRunStmt: Database.Statement<
    [{ id: string; status: FinalRunStatus; error: string | null; now: string }]
  >;
  private readonly deleteRunStmt: Database.Statement<[string]>;
  private readonly findRunsQuery: (query: Readonly<RunQuery>) => RunRecord[];
  private readonly deleteRunsTx: (ids: readonly string[]) => RunRecord[];
  private readonly annotations: RunAnnotations;

  private readonly labels: LabelStore;
  private readonly filters: FilterStore;
  private readonly sweeps: SweepStore;

  private readonly appendTx: (runId: string, rows: readonly GenerationSummary[]) => void;
  private readonly finishTx: (runId: string, status: FinalRunStatus, error: string | null) => void;

  constructor(db: Database.Database, file: string, options: RunStoreOptions) {
    this.db = db;
    this.file = file;
    this.hostname = options.hostname;
    this.pid = options.pid ?? process.pid;
    this.ownerStart = options.ownerStart !== undefined ? options.ownerStart : processStartTime(this.pid);
    this.newId = options.newId ?? newRunId;
    this.now = options.now ?? (() => new Date());

    this.insertRunStmt = db.prepare(SQL.insertRun);
    this.getRunStmt = db.prepare(SQL.getRun);
    this.listRunsStmt = db.prepare(SQL.listRuns);
    this.insertGenerationStmt = db.prepare(SQL.insertGeneration);
    this.updateProgressStmt = db.prepare(SQL.updateProgress);
    this.getGenerationsStmt = db.prepare(SQL.getGenerations);
    this.lastGenerationStmt = db.prepare(SQL.lastGeneration);
    this.finishRunStmt = db.prepare(SQL.finishRun);
    this.deleteRunStmt = db.prepare(SQL.deleteRun);
    this.findRunsQuery = createRunFinder(db);
    this.deleteRunsTx = createRunDeletion(db, file);
    this.annotations = createRunAnnotations(db, file);

    // Rows and progress commit together, so a reader never sees one without the other.
    // IMMEDIATE takes the write lock up front instead of upgrading a read lock mid-way, which
    // is what makes busy_timeout apply when two processes write to one store.
    const append = db.transaction((runId: string, rows: readonly GenerationSummary[]) => {
      this.requireRun(runId);
      for (const row of rows) this.insertGenerationStmt.run(toGenerationParams(runId, row));
      this.updateProgressStmt.run({ id: runId, now: this.timestamp() });
    });
    this.appendTx = (runId, rows) => append.immediate(runId, rows);

    const finish = db.transaction((runId: string, status: FinalRunStatus, error: string | null) => {
      const run = this.requireRun(runId);
      if (status === 'completed' && run.generations_done !== run.generations_total) {
        throw new StoreError(
          'RUN_INCOMPLETE',
          this.file,
          `run ${runId} has ${run.generations_done} of ${run.generations_total} generations stored; it cannot be marked completed`,
        );
      }
      this.finishRunStmt.run({ id: runId, status, error, now: this.timestamp() });
    });
    this.finishTx = (runId, status, error) => finish.immediate(runId, status, error);

    const shared = { file, newId: this.newId, now: this.now };
    this.labels = new LabelStore(db, shared);
    this.filters = new FilterStore(db, {
      ...shared,
      pid: this.pid,
      ownerStart: this.ownerStart,
      hostname: this.hostname,
      requireLabelSet: (id) => this.labels.requireLabelSet(id),
    });
    this.sweeps = new SweepStore(db, { ...shared, pid: this.pid, ownerStart: this.ownerStart, hostname: this.hostname });
  }

  /**
   * The open connection, for the whole-store tools beside this class (bundle-io.ts: export and
   * import), which read and write every column, ownership included, as the typed queries do not.
   */
  get connection(): Database.Database {
    return this.db;
  }

  createRun(input: Readonly<NewRunInput>): RunRecord {
    const now = this.timestamp();
    const base = {
      name: input.name,
      preset: input.preset,
      config: JSON.stringify(input.config),
      seed: input.seed,
      engineVersion: input.engineVersion,
      backend: input.backend,
      now,
      generationsTotal: input.generationsTotal,
      ownerPid: this.pid,
      ownerHost: this.hostname,
      ownerStart: this.ownerStart,
    };
    const id = insertWithFreshId(this.newId, (candidate) => this.insertRunStmt.run({ id: candidate, ...base }));
    const run = this.getRun(id);
    if (!run) throw new Error(`run ${id} vanished right after it was inserted`);
    return run;
  }

  appendGenerations(runId: string, rows: readonly GenerationSummary[]): void {
    if (rows.length === 0) return;
    this.appendTx(runId, rows);
  }

  finishRun(runId: string, status: FinalRunStatus, error: string | null = null): void {
    this.finishTx(runId, status, error);
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.getRunStmt.get(id);
    return row ? toRunRecord(row) : undefined;
  }

  listRuns(): RunRecord[] {
    return this.listRunsStmt.all().map(toRunRecord);
  }

  findRuns(query: Readonly<RunQuery>): RunRecord[] {
    return this.findRunsQuery(query);
  }

  getGenerations(id: string): GenerationSummary[] {
    return this.getGenerationsStmt.all(id).map(toGenerationSummary);
  }

  lastGeneration(id: string): GenerationSummary | undefined {
    const row = this.lastGenerationStmt.get(id);
    return row ? toGenerationSummary(row) : undefined;
  }

  snapshot<T>(read: (store: ReadableRunStore) => T): T {
    // A deferred transaction that only reads: its first SELECT fixes the snapshot (WAL), and
    // the rest of `read` sees that snapshot, whatever other connections commit meanwhile.
    return this.db.transaction(() => read(this)).deferred();
  }

  deleteRun(id: string): boolean {
    // generations (and any later per-run table) go with it: ON DELETE CASCADE, foreign_keys=ON.
    return this.deleteRunStmt.run(id).changes > 0;
  }

  deleteRuns(ids: readonly string[]): RunRecord[] {
    return this.deleteRunsTx(ids);
  }

  // ---- label sets (LabelStore) ------------------------------------------------------------

  createLabelSet(input: Readonly<NewLabelSetInput>): LabelSetRecord {
    return this.labels.createLabelSet(input);
  }

  getLabelSet(id: string): LabelSetRecord | undefined {
    return this.labels.getLabelSet(id);
  }

  listLabelSets(): LabelSetRecord[] {
    return this.labels.listLabelSets();
  }

  getLabelGroup(id: string, generation: number): LabelGroup | undefined {
    return this.labels.getLabelGroup(id, generation);
  }

  getLabelGenerations(id: string): number[] {
    return this.labels.getLabelGenerations(id);
  }

  saveLabels(id: string, entries: readonly LabelEntry[], labeledBy: string): { saved: number } {
    return this.labels.saveLabels(id, entries, labeledBy);
  }

  deleteLabelSet(id: string): boolean {
    return this.labels.deleteLabelSet(id);
  }

  // ---- filters (FilterStore) --------------------------------------------------------------

  createFilter(input: Readonly<NewFilterInput>): FilterRecord {
    return this.filters.createFilter(input);
  }

  appendTrainingEpochs(filterId: string, epochs: readonly TrainingEpochRow[]): void {
    this.filters.appendTrainingEpochs(filterId, epochs);
  }

  finishFilter(filterId: string, status: FinalFilterStatus, result?: FilterResult): void {
    this.filters.finishFilter(filterId, status, result);
  }

  getFilter(id: string): FilterRecord | undefined {
    return this.filters.getFilter(id);
  }

  listFilters(): FilterSummary[] {
    return this.filters.listFilters();
  }

  getTrainingEpochs(filterId: string): TrainingEpochRow[] {
    return this.filters.getTrainingEpochs(filterId);
  }

  deleteFilter(id: string): boolean {
    return this.filters.deleteFilter(id);
  }

  setRunFilter(runId: string, filterId: string | null): void {
    this.filters.setRunFilter(runId, filterId);
  }

  // ---- sweeps (SweepStore) ----------------------------------------------------------------

  createSweep(input: Readonly<NewSweepInput>): SweepRecord {
    return this.sweeps.createSweep(input);
  }

  finishSweep(sweepId: string, status: FinalSweepStatus): void {
    this.sweeps.finishSweep(sweepId, status);
  }

  getSweep(id: string): SweepRecord | undefined {
    return this.sweeps.getSweep(id);
  }

  listSweeps(): SweepRecord[] {
    return this.sweeps.listSweeps();
  }

  sweepRuns(sweepId: string): RunRecord[] {
    return this.sweeps.sweepRuns(sweepId);
  }

  setRunSweep(runId: string, sweepId: string | null, point: SweepPoint | null): void {
    this.sweeps.setRunSweep(runId, sweepId, point);
  }

  deleteSweep(id: string): boolean {
    return this.sweeps.deleteSweep(id);
  }

  // ---- notes and tags (run-annotations.ts) ---------------------------------------------------

  setRunNote(runId: string, note: string | null): RunRecord {
    return this.annotations.setNote(runId, note);
  }

  editRunTags(runId: string, add: readonly string[], remove: readonly string[]): RunRecord {
    return this.annotations.editTags(runId, add, remove);
  }

  close(): void {
    if (!this.db.open) return;
    try {
      // Cheap, and keeps the query planner's statistics fresh (SQLite's advice for long-lived
      // connections is to run it before closing).
      this.db.pragma('optimize');
    } catch {
      // A read-only or busy store still closes.
    }
    this.db.close();
  }

  private requireRun(runId: string): RunRow {
    const run = this.getRunStmt.get(runId);
    if (!run) throw new StoreError('RUN_NOT_FOUND', this.file, `no run with id ${runId}`);
    return run;
  }

  private timestamp(): string {
    return this.now().toISOString();
  }
}
