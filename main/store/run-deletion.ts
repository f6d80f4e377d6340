import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import { SQL } from './queries';
import { toRunRecord, type RunRow } from './row-mapping';
import type { RunRecord } from './types';

/** `a, b and c`: the ids a refusal names, all of them, so one attempt tells the whole story. */
function listed(ids: readonly string[]): string {
  return ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/**
 * The store's `deleteRuns` (types.ts): checks and deletes in one IMMEDIATE transaction, so no
 * other process can start writing a run between the check that it is not running and its
 * deletion, and a refusal deletes nothing. Generations go by ON DELETE CASCADE. Nothing else
 * refers to a run alone: a run points at its filter and sweep, not the reverse, so filters
 * (reused by many runs) and sweeps stay. A sweep's count of runs is counted from the runs
 * themselves (queries.ts SWEEP_COLUMNS) and its summary finds each point's run by sweep_id,
 * so a sweep whose run was deleted stays consistent: that point reads as not run, exactly like
 * a point an interrupted sweep never reached.
 */
export function createRunDeletion(db: Database.Database, file: string): (ids: readonly string[]) => RunRecord[] {
  const getRun = db.prepare<[string], RunRow>(SQL.getRun);
  const deleteRun = db.prepare<[string]>(SQL.deleteRun);
  const remove = db.transaction((ids: readonly string[]): RunRecord[] => {
    const unique = [...new Set(ids)];
    const rows = unique.map((id) => ({ id, row: getRun.get(id) }));
    const missing = rows.filter((r) => r.row === undefined).map((r) => r.id);
    if (missing.length > 0) {
      throw new StoreError('RUN_NOT_FOUND', file, `no ${missing.length === 1 ? 'run with id' : 'runs with ids'} ${listed(missing)}`);
    }
    const running = rows.filter((r) => r.row!.status === 'running').map((r) => r.id);
    if (running.length > 0) {
      const one = running.length === 1;
      throw new StoreError('RUN_RUNNING', file, `${one ? 'run' : 'runs'} ${listed(running)} ${one ? 'is' : 'are'} still running (another process is writing ${one ? 'it' : 'them'}); stop ${one ? 'it' : 'them'} first`);
    }
    const records = rows.map((r) => toRunRecord(r.row!));
    for (const id of unique) deleteRun.run(id);
    return records;
  });
  return (ids) => remove.immediate(ids);
}
