/**
 * Migration 0005 (a run's note and tags, issue 18, item 5) on a version 4 store holding runs:
 * every row of every table is carried over exactly, each run with no note and no tags, and
 * the runs can be annotated afterwards.
 */
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openStore } from '../../main/store';
import { migrate } from '../../main/store/migrate';
import { SQL } from '../../main/store/queries';
import { toGenerationParams } from '../../main/store/row-mapping';
import { sampleConfig, summaries, tempDir } from './helpers';

const TABLES = ['runs', 'generations', 'label_sets', 'label_groups', 'labels', 'filters', 'training_epochs', 'sweeps'];

function dump(db: Database.Database): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${t}`).all()]));
}

/**
 * A version 4 store as Collapse Lab 4 left it: a completed run that is a sweep's point, a
 * failed run, and a run still going in this (live) process. The statements used are the
 * store's own (none of them names the columns 0005 adds).
 */
function writeVersion4Store(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, file, 4);
  const now = '2025-06-01T00:00:00.000Z';
  const owner = { ownerPid: process.pid, ownerHost: hostname(), ownerStart: null };
  const config = JSON.stringify(sampleConfig(4));
  const run = { seed: 7, engineVersion: '0.1.0', backend: 'js', now, generationsTotal: 5, config, ...owner };
  db.prepare(`INSERT INTO sweeps (id, name, preset, base, grid, window, status, created_at, owner_pid, owner_host, owner_start)
    VALUES ('sweep001', 'done', NULL, @config, '[{"path":"seed","values":[7]}]', NULL, 'running', @now, @ownerPid, @ownerHost, NULL)`).run({ config, now, ...owner });
  db.prepare(SQL.insertRun).run({ id: 'done0001', name: 'done', preset: 'xu-fixed-n', ...run });
  for (const g of summaries(0, 5)) db.prepare(SQL.insertGeneration).run(toGenerationParams('done0001', g));
  db.prepare(SQL.updateProgress).run({ id: 'done0001', now });
  db.prepare(SQL.finishRun).run({ id: 'done0001', status: 'completed', error: null, now });
  db.prepare(SQL.setRunSweep).run({ id: 'done0001', sweepId: 'sweep001', point: '{"seed":7}' });
  db.prepare(SQL.finishSweep).run({ id: 'sweep001', status: 'completed', now });
  db.prepare(SQL.insertRun).run({ id: 'fail0002', name: 'failed', preset: null, ...run });
  db.prepare(SQL.finishRun).run({ id: 'fail0002', status: 'failed', error: 'boom', now });
  db.prepare(SQL.insertRun).run({ id: 'live0003', name: 'live', preset: 'xu-fixed-n', ...run });
  for (const g of summaries(0, 2)) db.prepare(SQL.insertGeneration).run(toGenerationParams('live0003', g));
  db.prepare(SQL.updateProgress).run({ id: 'live0003', now });
  db.close();
}

describe('migration 5 (run notes and tags)', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  it('migrates a version 4 store holding runs, every row kept, each run with no note and no tags', () => {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    writeVersion4Store(file);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(4);
    const before = dump(raw);
    raw.close();
    expect(before.runs).toHaveLength(3);
    expect(before.generations).toHaveLength(7);

    const store = openStore(file);
    expect(LATEST_SCHEMA_VERSION).toBe(5);
    expect(store.listRuns().map((r) => [r.id, r.status, r.note, r.tags])).toEqual([
      ['live0003', 'running', null, []],
      ['fail0002', 'failed', null, []],
      ['done0001', 'completed', null, []],
    ]);
    expect(store.getRun('done0001')).toMatchObject({ sweepId: 'sweep001', sweepPoint: { seed: 7 }, generationsDone: 5 });
    expect(store.getGenerations('done0001')).toStrictEqual(summaries(0, 5));
    store.close();

    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    const after = dump(db);
    db.close();
    for (const table of TABLES) {
      const expected = table === 'runs' ? before.runs.map((row) => ({ ...row, note: null, tags: '[]' })) : before[table];
      expect(after[table], table).toEqual(expected);
    }
  });

  it('lets an upgraded run be noted and tagged, and refuses a bad tag list writing nothing', () => {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    writeVersion4Store(file);
    const store = openStore(file);
    try {
      expect(store.editRunTags('done0001', ['baseline', 'fig-2'], []).tags).toEqual(['baseline', 'fig-2']);
      // Added at the end, those already there skipped; removed wherever they are.
      expect(store.editRunTags('done0001', ['fig-2', 'seed-7'], ['baseline']).tags).toEqual(['fig-2', 'seed-7']);
      expect(store.setRunNote('done0001', 'Diverges after *t = 40*.').note).toBe('Diverges after *t = 40*.');
      expect(() => store.editRunTags('done0001', ['two words'], [])).toThrow(RangeError);
      expect(() => store.editRunTags('done0001', Array.from({ length: 31 }, (_, i) => `t${i}`), [])).toThrow(/at most 32 tags/);
      expect(store.getRun('done0001')).toMatchObject({ note: 'Diverges after *t = 40*.', tags: ['fig-2', 'seed-7'] });
      expect(store.setRunNote('done0001', null).note).toBeNull();
      expect(() => store.setRunNote('nothere', 'x')).toThrow(/no run with id nothere/);
    } finally {
      store.close();
    }
  });
});
