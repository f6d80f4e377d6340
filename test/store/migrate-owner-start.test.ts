/**
 * Migration 0004 (owner_start, issue 13, item 16) on a version 3 store that holds data: every
 * row is carried over exactly, with no start time, and rows left working by a live process stay
 * so (the pid-only check still applies to them). Rows written after it record their writer's
 * start time.
 */
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openStore } from '../../main/store';
import { migrate } from '../../main/store/migrate';
import { processStartTime } from '../../main/store/proc-stat';
import { SQL } from '../../main/store/queries';
import { toGenerationParams } from '../../main/store/row-mapping';
import { toLabelGroupParams } from '../../main/store/label-row-mapping';
import { epochRow, labelSetInput, newRunInput, sampleConfig, summaries, tempDir } from './helpers';
import { PRE_OWNER_START_SQL as V3 } from './pre-owner-start-sql';

const TABLES = ['runs', 'generations', 'label_sets', 'label_groups', 'labels', 'filters', 'training_epochs', 'sweeps'];
const OWNED = ['runs', 'filters', 'sweeps'];

/** Every row of every table: a full scan (rowid order, or primary-key order WITHOUT ROWID). */
function dump(db: Database.Database): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${t}`).all()]));
}

function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * A version 3 store as Collapse Lab 3 left it, written with the statements it used: a label
 * set with labels, a ready filter with its epochs and one still training, a completed sweep
 * with its run, a run that used the filter, and a sweep and a run still going in this (live)
 * process.
 */
function writeVersion3Store(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, file, 3);
  const now = '2025-03-01T00:00:00.000Z';
  const owner = { ownerPid: process.pid, ownerHost: hostname() };
  const set = labelSetInput();
  db.prepare(SQL.insertLabelSet).run({ id: 'labels01', name: set.name, kind: set.kind, labeler: set.labeler, source: JSON.stringify(set.source), now });
  for (const group of set.groups) db.prepare(SQL.insertLabelGroup).run(toLabelGroupParams('labels01', group));
  db.prepare(SQL.upsertLabel).run({ labelSetId: 'labels01', generation: 0, idx: 2, label: 1, labeledBy: 'ada', now });

  db.prepare(V3.insertFilter).run({ id: 'filter01', name: 'ready', labelSetId: 'labels01', settings: '{"epochs":2}', backend: 'cpu', now, ...owner });
  for (const e of [epochRow(0), epochRow(1)]) db.prepare(SQL.insertTrainingEpoch).run({ filterId: 'filter01', ...e });
  db.prepare(SQL.finishFilter).run({ id: 'filter01', status: 'ready', model: '{"w":[1,2]}', metrics: '{"accuracy":0.9}', error: null, now });
  db.prepare(V3.insertFilter).run({ id: 'filter02', name: 'training', labelSetId: 'labels01', settings: '{}', backend: 'cpu', now, ...owner });
  db.prepare(SQL.insertTrainingEpoch).run({ filterId: 'filter02', ...epochRow(0) });

  const sweep = { preset: null, base: JSON.stringify(sampleConfig(4)), grid: '[{"path":"seed","values":[7]}]', window: null, now, ...owner };
  db.prepare(V3.insertSweep).run({ id: 'sweep001', name: 'done', ...sweep });
  db.prepare(V3.insertSweep).run({ id: 'sweep002', name: 'going', ...sweep });

  const config = JSON.stringify(sampleConfig(4));
  const run = { seed: 7, engineVersion: '0.1.0', backend: 'cpu', now, generationsTotal: 5, config, ...owner };
  db.prepare(V3.insertRun).run({ id: 'used0001', name: 'neural', preset: null, ...run });
  for (const g of summaries(0, 5)) db.prepare(SQL.insertGeneration).run(toGenerationParams('used0001', g));
  db.prepare(SQL.updateProgress).run({ id: 'used0001', now });
  db.prepare(SQL.finishRun).run({ id: 'used0001', status: 'completed', error: null, now });
  db.prepare(SQL.setRunFilter).run({ id: 'used0001', filterId: 'filter01' });
  db.prepare(SQL.setRunSweep).run({ id: 'used0001', sweepId: 'sweep001', point: '{"seed":7}' });
  db.prepare(SQL.finishSweep).run({ id: 'sweep001', status: 'completed', now });
  db.prepare(V3.insertRun).run({ id: 'live0003', name: 'live', preset: 'xu-fixed-n', ...run });
  for (const g of summaries(0, 2)) db.prepare(SQL.insertGeneration).run(toGenerationParams('live0003', g));
  db.prepare(SQL.updateProgress).run({ id: 'live0003', now });
  db.close();
}

describe('migration 4 (owner_start)', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  it('migrates a version 3 store holding data, leaving every row as it was with no start time', () => {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    writeVersion3Store(file);
    const raw = new Database(file, { readonly: true });
    expect(userVersion(raw)).toBe(3);
    const before = dump(raw);
    raw.close();
    expect(Object.values(before).every((rows) => rows.length > 0)).toBe(true);

    const store = openStore(file);
    expect(LATEST_SCHEMA_VERSION).toBe(5);
    // This process wrote the working rows and is alive: without a start time, the pid decides.
    expect(store.getRun('live0003')).toMatchObject({ status: 'running', generationsDone: 2 });
    expect(store.getFilter('filter02')?.status).toBe('training');
    expect(store.getSweep('sweep002')?.status).toBe('running');
    expect(store.getRun('used0001')).toMatchObject({ status: 'completed', filterId: 'filter01', sweepId: 'sweep001', sweepPoint: { seed: 7 } });
    expect(store.getGenerations('used0001')).toStrictEqual(summaries(0, 5));
    expect(store.getTrainingEpochs('filter01')).toEqual([epochRow(0), epochRow(1)]);
    expect(store.getLabelSet('labels01')?.counts).toMatchObject({ labelled: 1, good: 1 });
    // What is written after the migration records its writer's start time (null without /proc).
    const fresh = store.createRun(newRunInput({ name: 'after' }));
    store.close();

    const db = new Database(file, { readonly: true });
    // Opening migrates to the latest version: 0005 then adds an empty note and tag list to runs.
    expect(userVersion(db)).toBe(5);
    const after = dump(db);
    const own = processStartTime(process.pid);
    const { owner_start: freshStart, ...freshRest } = after.runs.pop()!;
    expect(freshRest.id).toBe(fresh.id);
    expect(freshStart).toBe(own);
    for (const table of TABLES) {
      const owned = OWNED.includes(table) ? before[table].map((row) => ({ ...row, owner_start: null })) : before[table];
      const expected = table === 'runs' ? owned.map((row) => ({ ...row, note: null, tags: '[]' })) : owned;
      expect(after[table], table).toEqual(expected);
    }
    db.close();
  });
});
