import type Database from 'better-sqlite3';
import { SQL } from './queries';

export interface RecoveryOptions {
  hostname: string;
  /** Whether the process exists and has not exited (a zombie has). */
  isProcessAlive: (pid: number) => boolean;
  /** When the process now holding this pid started (as owner_start records it); null if unknown. */
  processStartTime: (pid: number) => number | null;
  now: () => Date;
}

interface ActiveRow {
  id: string;
  owner_pid: number | null;
  owner_host: string | null;
  /** NULL on rows written before migration 0004, or where /proc is missing. */
  owner_start: number | null;
}

/** A table whose rows a live process owns while it works on them (runs, filters). */
interface OwnedTable {
  /** `SELECT id, owner_pid, owner_host, owner_start` of the rows in the working state. */
  active: string;
  /** Marks one row interrupted, guarded by the owner it was judged on. */
  markInterrupted: string;
  /** How the error message describes the work that stopped. */
  work: string;
}

const RUNS: OwnedTable = {
  active: SQL.runningRuns,
  markInterrupted: SQL.markInterrupted,
  work: 'the run was running',
};

const FILTERS: OwnedTable = {
  active: SQL.trainingFilters,
  markInterrupted: SQL.markFilterInterrupted,
  work: 'the filter was training',
};

const SWEEPS: OwnedTable = {
  active: SQL.runningSweeps,
  markInterrupted: SQL.markSweepInterrupted,
  work: 'the sweep was running',
};

export interface Recovered {
  runs: string[];
  filters: string[];
  sweeps: string[];
}

/**
 * Marks as 'interrupted' every 'running' run or sweep and 'training' filter whose writer is
 * gone: owned by this host and by a process that no longer exists, has exited but is not yet
 * reaped (a zombie), or is not the writer at all: the pid now belongs to a process that started
 * at another time than the recorded owner_start (the kernel reused it). What they stored is
 * kept (a run's generations, a filter's epochs, a sweep's runs are real results, just not all
 * of them).
 *
 * Left alone, on purpose: rows of a live process (two CLI processes may share a store), rows
 * owned by another host (a store on a shared drive; we cannot see that host's processes), and
 * rows without an owner. A row without a start time (written before migration 0004, or where
 * there is no /proc) can only be judged by its pid, so a reused pid still keeps such a row
 * active until that process ends; that errs on the safe side. So does a start time that cannot
 * be read now. Returns the ids it marked.
 */
export function recoverInterrupted(db: Database.Database, options: RecoveryOptions): Recovered {
  const orphanRuns = orphans(db, RUNS, options);
  const orphanFilters = orphans(db, FILTERS, options);
  const orphanSweeps = orphans(db, SWEEPS, options);
  if (orphanRuns.length === 0 && orphanFilters.length === 0 && orphanSweeps.length === 0) {
    return { runs: [], filters: [], sweeps: [] };
  }

  const now = options.now().toISOString();
  return db.transaction(() => ({
    runs: markInterrupted(db, RUNS, orphanRuns, now),
    filters: markInterrupted(db, FILTERS, orphanFilters, now),
    sweeps: markInterrupted(db, SWEEPS, orphanSweeps, now),
  })).immediate();
}

type OrphanRow = ActiveRow & { owner_pid: number; owner_host: string };

function orphans(db: Database.Database, table: OwnedTable, options: RecoveryOptions): OrphanRow[] {
  return db
    .prepare<[], ActiveRow>(table.active)
    .all()
    .filter(
      (row): row is OrphanRow =>
        row.owner_host === options.hostname && row.owner_pid !== null && writerGone(row.owner_pid, row.owner_start, options),
    );
}

/** Whether the process that wrote the row (pid `pid`, started at `start`) is gone. */
function writerGone(pid: number, start: number | null, options: RecoveryOptions): boolean {
  if (!options.isProcessAlive(pid)) return true;
  if (start === null) return false;
  const now = options.processStartTime(pid);
  // Unknown now (the process just ended, or /proc hides it): alive, as kill(pid, 0) said.
  return now !== null && now !== start;
}

function markInterrupted(db: Database.Database, table: OwnedTable, rows: OrphanRow[], now: string): string[] {
  if (rows.length === 0) return [];
  const mark = db.prepare<[{ id: string; error: string; now: string; ownerPid: number; ownerHost: string; ownerStart: number | null }]>(
    table.markInterrupted,
  );
  const marked: string[] = [];
  for (const row of rows) {
    const { changes } = mark.run({
      id: row.id,
      error: `interrupted: process ${row.owner_pid} ended while ${table.work}`,
      now,
      ownerPid: row.owner_pid,
      ownerHost: row.owner_host,
      ownerStart: row.owner_start,
    });
    if (changes > 0) marked.push(row.id);
  }
  return marked;
}
