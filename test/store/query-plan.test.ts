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

  it('getLabelGroup finds one group by its key, and its labels by their primary key in idx order', () => {
    expect(plan(SQL.getLabelGroup, 'abcdefgh', 3)).toEqual([
      'SEARCH label_groups USING INDEX sqlite_autoindex_label_groups_1 (label_set_id=? AND generation=?)',
    ]);
    expect(plan(SQL.getGroupLabels, 'abcdefgh', 3)).toEqual([
      'SEARCH labels USING PRIMARY KEY (label_set_id=? AND generation=?)',
    ]);
  });

  it('getTrainingEpochs searches the training_epochs primary key, in epoch order without sorting', () => {
    expect(plan(SQL.getTrainingEpochs, 'abcdefgh')).toEqual(['SEARCH training_epochs USING PRIMARY KEY (filter_id=?)']);
  });

  it("label set counts search each table by the set's key; listings walk their created_at index", () => {
    const one = plan(SQL.getLabelSet, 'abcdefgh');
    expect(one[0]).toBe('SEARCH s USING INDEX sqlite_autoindex_label_sets_1 (id=?)');
    expect(one.filter((d) => d.startsWith('SEARCH l ') || d.startsWith('SEARCH g '))).toHaveLength(4);
    expect(one.join('\n')).not.toMatch(/SCAN/);
    expect(plan(SQL.listLabelSets)[0]).toBe('SCAN s USING INDEX label_sets_created_at');
    expect(plan(SQL.listFilters)).toEqual(['SCAN filters USING INDEX filters_created_at', 'USE TEMP B-TREE FOR LAST TERM OF ORDER BY']);
  });

  it('deletes clear references through an index instead of scanning the referring table', () => {
    // SQLite plans the foreign-key actions (cascade, set null) with the statement itself.
    expect(plan(SQL.deleteFilter, 'abcdefgh')).toEqual([
      'SEARCH filters USING INDEX sqlite_autoindex_filters_1 (id=?)',
      'SEARCH training_epochs USING PRIMARY KEY (filter_id=?)',
      'SEARCH runs USING COVERING INDEX runs_filter_id (filter_id=?)',
    ]);
    const deleteSet = plan(SQL.deleteLabelSet, 'abcdefgh');
    expect(deleteSet).toContain('SEARCH filters USING COVERING INDEX filters_label_set_id (label_set_id=?)');
    expect(deleteSet.join('\n')).not.toMatch(/SCAN/);
  });

  it("a sweep's runs and run count search the runs_sweep_id index; deleting a sweep clears runs through it", () => {
    expect(plan(SQL.sweepRuns, 'abcdefgh')).toEqual(['SEARCH runs USING INDEX runs_sweep_id (sweep_id=?)']);
    const one = plan(SQL.getSweep, 'abcdefgh');
    expect(one[0]).toBe('SEARCH s USING INDEX sqlite_autoindex_sweeps_1 (id=?)');
    expect(one.join('\n')).toContain('SEARCH r USING COVERING INDEX runs_sweep_id (sweep_id=?)');
    expect(one.join('\n')).not.toMatch(/SCAN/);
    expect(plan(SQL.listSweeps)[0]).toBe('SCAN s USING INDEX sweeps_created_at');
    expect(plan(SQL.deleteSweep, 'abcdefgh')).toEqual([
      'SEARCH sweeps USING INDEX sqlite_autoindex_sweeps_1 (id=?)',
      'SEARCH runs USING COVERING INDEX runs_sweep_id (sweep_id=?)',
    ]);
  });
});
