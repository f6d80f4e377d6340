import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import { toJsonColumn } from './json-column';
import { SQL } from './queries';
import { toRunRecord, type RunRow } from './row-mapping';
import { insertWithFreshId } from './run-id';
import { checkSweepGrid, checkSweepWindow, gridIndex, toSweepRecord, type SweepRow } from './sweep-row-mapping';
import type { FinalSweepStatus, NewSweepInput, SweepPoint, SweepRecord, SweepStatus } from './sweep-types';
import type { RunRecord } from './types';

/** What the sweep queries share with the RunStore that owns them. */
export interface SweepStoreContext {
  file: string;
  newId: () => string;
  now: () => Date;
  /** Recorded as the owner of the sweeps this store creates, as for runs. */
  pid: number;
  /** Recorded as owner_start: when `pid` started; null where unknown. */
  ownerStart: number | null;
  hostname: string;
}

interface InsertSweepParams {
  id: string;
  name: string;
  preset: string | null;
  base: string;
  grid: string;
  window: string | null;
  now: string;
  ownerPid: number;
  ownerHost: string;
  ownerStart: number | null;
}

/**
 * The sweep half of the RunStore (RunStore delegates to it): sweeps and which run was made at
 * which of their points. Statements prepared once, writes IMMEDIATE.
 */
export class SweepStore {
  private readonly ctx: SweepStoreContext;

  private readonly insertStmt: Database.Statement<[InsertSweepParams]>;
  private readonly getStmt: Database.Statement<[string], SweepRow>;
  private readonly listStmt: Database.Statement<[], SweepRow>;
  private readonly statusStmt: Database.Statement<[string], SweepStatus>;
  private readonly finishStmt: Database.Statement<[{ id: string; status: FinalSweepStatus; now: string }]>;
  private readonly deleteStmt: Database.Statement<[string]>;
  private readonly runExistsStmt: Database.Statement<[string], 1>;
  private readonly setRunSweepStmt: Database.Statement<[{ id: string; sweepId: string | null; point: string | null }]>;
  private readonly sweepRunsStmt: Database.Statement<[string], RunRow>;

  private readonly finishTx: Database.Transaction<(id: string, status: FinalSweepStatus) => void>;
  private readonly setRunSweepTx: Database.Transaction<(runId: string, sweepId: string | null, point: SweepPoint | null) => void>;
  private readonly sweepRunsTx: Database.Transaction<(sweepId: string) => RunRecord[]>;

  constructor(db: Database.Database, ctx: SweepStoreContext) {
    this.ctx = ctx;
    this.insertStmt = db.prepare(SQL.insertSweep);
    this.getStmt = db.prepare(SQL.getSweep);
    this.listStmt = db.prepare(SQL.listSweeps);
    this.statusStmt = db.prepare<[string], SweepStatus>(SQL.getSweepStatus).pluck();
    this.finishStmt = db.prepare(SQL.finishSweep);
    this.deleteStmt = db.prepare(SQL.deleteSweep);
    this.runExistsStmt = db.prepare<[string], 1>(SQL.runExists).pluck();
    this.setRunSweepStmt = db.prepare(SQL.setRunSweep);
    this.sweepRunsStmt = db.prepare(SQL.sweepRuns);

    this.finishTx = db.transaction((id: string, status: FinalSweepStatus) => {
      this.requireRunning(id, `mark it ${status}`);
      this.finishStmt.run({ id, status, now: this.timestamp() });
    });

    this.setRunSweepTx = db.transaction((runId: string, sweepId: string | null, point: SweepPoint | null) => {
      if (this.runExistsStmt.get(runId) === undefined) {
        throw new StoreError('RUN_NOT_FOUND', this.ctx.file, `no run with id ${runId}`);
      }
      if (sweepId !== null) {
        this.requireRunning(sweepId, `add run ${runId} to it`);
        const sweep = this.getSweep(sweepId)!;
        if (gridIndex(sweep.grid, point) === undefined) {
          throw new RangeError(`sweep ${sweepId}: point ${JSON.stringify(point)} is not on its grid`);
        }
      } else if (point !== null) {
        throw new RangeError(`run ${runId}: a sweep point needs a sweep`);
      }
      this.setRunSweepStmt.run({ id: runId, sweepId, point: point === null ? null : toJsonColumn(point, `run ${runId} sweep point`) });
    });

    // One snapshot for the sweep's grid and its runs.
    this.sweepRunsTx = db.transaction((sweepId: string) => {
      const sweep = this.getSweep(sweepId);
      if (!sweep) return [];
      const runs = this.sweepRunsStmt.all(sweepId).map(toRunRecord);
      const order = (run: RunRecord): number => gridIndex(sweep.grid, run.sweepPoint) ?? Number.MAX_SAFE_INTEGER;
      // Array.prototype.sort is stable: runs at the same point (or off the grid) keep insertion order.
      return runs.sort((a, b) => order(a) - order(b));
    });
  }

  createSweep(input: Readonly<NewSweepInput>): SweepRecord {
    const problem = checkSweepGrid(input.grid) ?? checkSweepWindow(input.window);
    if (problem) throw new RangeError(`sweep ${JSON.stringify(input.name)}: ${problem}`);
    // Converted before the insert: a value that is not JSON fails without taking a lock.
    const base = {
      name: input.name,
      preset: input.preset,
      base: toJsonColumn(input.base, 'sweep base config'),
      grid: toJsonColumn(input.grid.map((a) => ({ path: a.path, values: a.values })), 'sweep grid'),
      window: input.window === null ? null : toJsonColumn(input.window, 'sweep window'),
      now: this.timestamp(),
      ownerPid: this.ctx.pid,
      ownerHost: this.ctx.hostname,
      ownerStart: this.ctx.ownerStart,
    };
    const id = insertWithFreshId(this.ctx.newId, (candidate) => this.insertStmt.run({ id: candidate, ...base }));
    const sweep = this.getSweep(id);
    if (!sweep) throw new Error(`sweep ${id} vanished right after it was inserted`);
    return sweep;
  }

  finishSweep(sweepId: string, status: FinalSweepStatus): void {
    this.finishTx.immediate(sweepId, status);
  }

  getSweep(id: string): SweepRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? toSweepRecord(row) : undefined;
  }

  listSweeps(): SweepRecord[] {
    return this.listStmt.all().map(toSweepRecord);
  }

  sweepRuns(sweepId: string): RunRecord[] {
    return this.sweepRunsTx.deferred(sweepId);
  }

  setRunSweep(runId: string, sweepId: string | null, point: SweepPoint | null): void {
    this.setRunSweepTx.immediate(runId, sweepId, point);
  }

  deleteSweep(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  private requireRunning(id: string, action: string): void {
    const status = this.statusStmt.get(id);
    if (status === undefined) throw new StoreError('SWEEP_NOT_FOUND', this.ctx.file, `no sweep with id ${id}`);
    if (status !== 'running') {
      throw new StoreError('SWEEP_FINISHED', this.ctx.file, `sweep ${id} is ${status}; cannot ${action}`);
    }
  }

  private timestamp(): string {
    return this.ctx.now().toISOString();
  }
}
