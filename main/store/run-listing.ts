import type Database from 'better-sqlite3';
import { SQL } from './queries';
import { toRunRecord, type RunRow } from './row-mapping';
import type { RunQuery, RunRecord } from './types';

interface FindRunsParams {
  preset: string | null;
  status: string | null;
  sweepId: string | null;
  limit: number;
}

/** The store's `findRuns` (types.ts): one prepared statement for every combination of filters. */
export function createRunFinder(db: Database.Database): (query: Readonly<RunQuery>) => RunRecord[] {
  const find = db.prepare<[FindRunsParams], RunRow>(SQL.findRuns);
  return (query) =>
    find
      .all({
        preset: query.preset ?? null,
        status: query.status ?? null,
        sweepId: query.sweepId ?? null,
        // SQLite reads a negative LIMIT as no limit.
        limit: query.limit ?? -1,
      })
      .map(toRunRecord);
}
