import type Database from 'better-sqlite3';
import { SQL } from './queries';

export interface RecoveryOptions {
  hostname: string;
  isProcessAlive: (pid: number) => boolean;
  now: () => Date;
}

interface RunningRow {
  id: string;
  owner_pid: number | null;
  owner_host: string | null;
}

/**
 * Marks as 'interrupted' every 'running' run whose writer is gone: owned by this host and by a
 * process that no longer exists. Its stored generations are kept (they are real results, just
 * not all of them).
 *
 * Left alone, on purpose: runs of a live process (two CLI processes may share a store), runs
 * owned by another host (a store on a shared drive; we cannot see that host's processes), and
 * runs without an owner. A pid reused by an unrelated process keeps a dead run 'running' until
 * that process ends; that errs on the safe side. Returns the ids it marked.
 */
export function recoverInterruptedRuns(db: Database.Database, options: RecoveryOptions): string[] {
  const running = db.prepare<[], RunningRow>(SQL.runningRuns).all();
  const orphans = running.filter(
    (run): run is RunningRow & { owner_pid: number; owner_host: string } =>
      run.owner_host === options.hostname &&
      run.owner_pid !== null &&
      !options.isProcessAlive(run.owner_pid),
  );
  if (orphans.length === 0) return [];

  const mark = db.prepare<[{ id: string; error: string; now: string; ownerPid: number; ownerHost: string }]>(
    SQL.markInterrupted,
  );
  const now = options.now().toISOString();
  const recovered: string[] = [];
  db.transaction(() => {
    for (const run of orphans) {
      const { changes } = mark.run({
        id: run.id,
        error: `interrupted: process ${run.owner_pid} ended while the run was running`,
        now,
        ownerPid: run.owner_pid,
        ownerHost: run.owner_host,
      });
      if (changes > 0) recovered.push(run.id);
    }
  }).immediate();
  return recovered;
}
