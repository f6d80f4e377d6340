import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/store/migrate';
import { SQL } from '../../main/store/queries';

/** The plan's detail lines for exactly the SQL the store prepares. */
function plan(sql: string, ...params: unknown[]): string[] {
  const db = new Database(':memory:');
  migrate(db, ':memory:');
  try {
    return db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => row.detail);
  } finally {
    db.close();
  }
}

describe('hot queries use their index', () => {
  it('getGenerations searches the generations primary key, in t order without sorting', () => {
    const detail = plan(SQL.getGenerations, 'abcdefgh');
    expect(detail).toEqual(['SEARCH generations USING PRIMARY KEY (run_id=?)']);
  });

  it("progress updates find a run's last generation through the primary key", () => {
    const detail = plan(SQL.updateProgress, { id: 'abcdefgh', now: 'x' });
    expect(detail.join('\n')).toContain('SEARCH generations USING PRIMARY KEY (run_id=?)');
    expect(detail.join('\n')).not.toMatch(/SCAN generations/);
  });

  it('listRuns walks the created_at index instead of sorting the table', () => {
    const detail = plan(SQL.listRuns);
    expect(detail[0]).toBe('SCAN runs USING INDEX runs_created_at');
    // Only ties within one millisecond are sorted (by rowid); never the whole list.
    expect(detail.slice(1)).toEqual(['USE TEMP B-TREE FOR LAST TERM OF ORDER BY']);
  });

  it('getRun looks a run up by primary key', () => {
    expect(plan(SQL.getRun, 'abcdefgh')).toEqual(['SEARCH runs USING INDEX sqlite_autoindex_runs_1 (id=?)']);
  });
});
