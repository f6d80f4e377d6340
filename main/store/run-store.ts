import type Database from 'better-sqlite3';
import type { GenerationSummary } from '../../engine/core/summary-types';
import { StoreError } from './errors';
import { SQL } from './queries';
import {
  toGenerationParams,
  toGenerationSummary,
  toRunRecord,
  type GenerationParams,
  type GenerationRow,
  type RunRow,
} from './row-mapping';
import { newRunId } from './run-id';
import type {
  FinalRunStatus,
  NewRunInput,
  ReadableRunStore,
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
  /** Recorded as owner_host of the runs this store creates. */
  hostname: string;
  /** Recorded as owner_pid; defaults to this process. */
  pid?: number;
  /** Id generator; injectable so tests can force a collision. */
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
}

/** How many fresh ids createRun tries before giving up (one collision is already ~1e-12). */
const MAX_ID_ATTEMPTS = 5;

/**
 * Typed queries over an open, migrated database. Construct it with `openStore`, which sets the
 * pragmas, migrates and recovers first; statements are prepared once, here.
 */
export class RunStore implements WritableRunStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly hostname: string;
  private readonly pid: number;
  private readonly newId: () => string;
  private readonly now: () => Date;

  private readonly insertRunStmt: Database.Statement<[InsertRunParams]>;
  private readonly getRunStmt: Database.Statement<[string], RunRow>;
  private readonly listRunsStmt: Database.Statement<[], RunRow>;
  private readonly insertGenerationStmt: Database.Statement<[GenerationParams]>;
  private readonly updateProgressStmt: Database.Statement<[{ id: string; now: string }]>;
  private readonly getGenerationsStmt: Database.Statement<[string], GenerationRow>;
  private readonly finishRunStmt: Database.Statement<
    [{ id: string; status: FinalRunStatus; error: string | null; now: string }]
  >;
  private readonly deleteRunStmt: Database.Statement<[string]>;

  private readonly appendTx: (runId: string, rows: readonly GenerationSummary[]) => void;
  private readonly finishTx: (runId: string, status: FinalRunStatus, error: string | null) => void;

  constructor(db: Database.Database, file: string, options: RunStoreOptions) {
    this.db = db;
    this.file = file;
    this.hostname = options.hostname;
    this.pid = options.pid ?? process.pid;
    this.newId = options.newId ?? newRunId;
    this.now = options.now ?? (() => new Date());

    this.insertRunStmt = db.prepare(SQL.insertRun);
    this.getRunStmt = db.prepare(SQL.getRun);
    this.listRunsStmt = db.prepare(SQL.listRuns);
    this.insertGenerationStmt = db.prepare(SQL.insertGeneration);
    this.updateProgressStmt = db.prepare(SQL.updateProgress);
    this.getGenerationsStmt = db.prepare(SQL.getGenerations);
    this.finishRunStmt = db.prepare(SQL.finishRun);
    this.deleteRunStmt = db.prepare(SQL.deleteRun);

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
    };
    for (let attempt = 1; ; attempt++) {
      const id = this.newId();
      try {
        this.insertRunStmt.run({ id, ...base });
      } catch (error) {
        if (isPrimaryKeyCollision(error) && attempt < MAX_ID_ATTEMPTS) continue;
        throw error;
      }
      const run = this.getRun(id);
      if (!run) throw new Error(`run ${id} vanished right after it was inserted`);
      return run;
    }
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

  getGenerations(id: string): GenerationSummary[] {
    return this.getGenerationsStmt.all(id).map(toGenerationSummary);
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

function isPrimaryKeyCollision(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
