import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openStore } from '../../main/store';
import { migrate } from '../../main/store/migrate';
import { SQL } from '../../main/store/queries';
import { toGenerationParams } from '../../main/store/row-mapping';
import { toLabelGroupParams } from '../../main/store/label-row-mapping';
import { captureStoreError, epochRow, labelSetInput, newRunInput, sampleConfig, summaries, tempDir } from './helpers';
import { PRE_OWNER_START_SQL } from './pre-owner-start-sql';

const V1_RUN_COLUMNS = [
  'id', 'name', 'preset', 'status', 'config', 'seed', 'engine_version', 'backend', 'created_at',
  'started_at', 'finished_at', 'updated_at', 'error', 'generations_total', 'generations_done',
  'owner_pid', 'owner_host',
];
const V2_RUN_COLUMNS = [...V1_RUN_COLUMNS, 'filter_id'];
const V3_RUN_COLUMNS = [...V2_RUN_COLUMNS, 'sweep_id', 'sweep_point'];
const V4_RUN_COLUMNS = [...V3_RUN_COLUMNS, 'owner_start'];
const RUN_COLUMNS = [...V4_RUN_COLUMNS, 'note', 'tags'];
/** What migration 0005 gives every older run: no note, no tags. */
const NO_NOTES = { note: null, tags: '[]' };
const V2_TABLES = ['filters', 'label_groups', 'label_sets', 'labels', 'training_epochs'];
const V3_TABLES = [...V2_TABLES, 'sweeps'];
const GENERATION_COLUMNS = [
  'run_id', 't', 'sample_size', 'error_mean', 'error_rms', 'error_median', 'error_q25', 'error_q75',
  'diversity_mean', 'diversity_median', 'kept_mean', 'test_error_mean', 'theory_error_mean_sq',
  'theory_test_error', 'extra',
];

function columns(db: Database.Database, table: string): string[] {
  return db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
}

function tables(db: Database.Database): string[] {
  return db
    .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all();
}

/** The whole schema as SQLite stores it: any change a migration makes shows up here. */
function schema(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
  } finally {
    db.close();
  }
}

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
  function tmp() {
    const t = tempDir();
    temps.push(t);
    return t;
  }

  it('brings an empty in-memory database to the latest version with every table', () => {
    const db = new Database(':memory:');
    expect(LATEST_SCHEMA_VERSION).toBe(5);
    expect(migrate(db, ':memory:')).toEqual([1, 2, 3, 4, 5]);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(['filters', 'generations', 'label_groups', 'label_sets', 'labels', 'runs', 'sweeps', 'training_epochs']);
    expect(columns(db, 'runs')).toEqual(RUN_COLUMNS);
    expect(columns(db, 'generations')).toEqual(GENERATION_COLUMNS);
    expect(columns(db, 'filters')).toEqual([
      'id', 'name', 'label_set_id', 'settings', 'model', 'backend', 'metrics', 'status', 'error',
      'created_at', 'finished_at', 'owner_pid', 'owner_host', 'owner_start',
    ]);
    expect(columns(db, 'training_epochs')).toEqual([
      'filter_id', 'epoch', 'cls_loss', 'contr_loss', 'ess_loss', 'accuracy', 'contraction_satisfied',
    ]);
    expect(columns(db, 'sweeps')).toEqual([
      'id', 'name', 'preset', 'base', 'grid', 'window', 'status', 'created_at', 'finished_at', 'owner_pid', 'owner_host', 'owner_start',
    ]);
    const indexes = (table: string) =>
      db.prepare<[], { name: string }>(`SELECT name FROM pragma_index_list('${table}')`).all().map((i) => i.name);
    expect(indexes('runs')).toEqual(expect.arrayContaining(['runs_created_at', 'runs_filter_id', 'runs_sweep_id']));
    expect(indexes('sweeps')).toContain('sweeps_created_at');
    expect(indexes('label_sets')).toContain('label_sets_created_at');
    expect(indexes('filters')).toEqual(expect.arrayContaining(['filters_created_at', 'filters_label_set_id']));
    // A second pass has nothing to do.
    expect(migrate(db, ':memory:')).toEqual([]);
    db.close();
  });

  it('stops at an older version when asked, and refuses a version it does not know', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:', 1)).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['generations', 'runs']);
    expect(columns(db, 'runs')).toEqual(V1_RUN_COLUMNS);
    expect(migrate(db, ':memory:', 2)).toEqual([2]);
    expect(columns(db, 'runs')).toEqual(V2_RUN_COLUMNS);
    expect(tables(db)).not.toContain('sweeps');
    expect(migrate(db, ':memory:', 3)).toEqual([3]);
    expect(columns(db, 'runs')).toEqual(V3_RUN_COLUMNS);
    expect(migrate(db, ':memory:', 4)).toEqual([4]);
    expect(columns(db, 'runs')).toEqual(V4_RUN_COLUMNS);
    expect(migrate(db, ':memory:')).toEqual([5]);
    expect(() => migrate(db, ':memory:', LATEST_SCHEMA_VERSION + 1)).toThrow(
      `expected a target schema version in 0..${LATEST_SCHEMA_VERSION} but got ${LATEST_SCHEMA_VERSION + 1}`,
    );
    db.close();
  });

  it('migrates a version 1 store holding runs, leaving runs and generations exactly as they were', () => {
    const file = tmp().file();
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    v1.pragma('foreign_keys = ON');
    migrate(v1, file, 1);
    // Written as version 1 wrote them (generations have not changed since, so their insert is
    // the store's own): one completed run, one left running by a process that is still alive.
    const insertRun = v1.prepare(`INSERT INTO runs (id, name, preset, status, config, seed, engine_version,
        backend, created_at, started_at, finished_at, updated_at, error, generations_total,
        generations_done, owner_pid, owner_host)
      VALUES (?, ?, ?, ?, ?, 7, '0.1.0', 'cpu', ?, ?, ?, ?, NULL, ?, ?, ?, ?)`);
    const insertGeneration = v1.prepare(SQL.insertGeneration);
    const config = JSON.stringify(sampleConfig(4));
    insertRun.run('done0001', 'done', 'shumailov-gaussian', 'running', config, '2025-01-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z', null, null, 5, 0, process.pid, hostname());
    for (const g of summaries(0, 5)) insertGeneration.run(toGenerationParams('done0001', g));
    v1.prepare(`UPDATE runs SET status = 'completed', generations_done = 5, finished_at = ?, updated_at = ?
      WHERE id = 'done0001'`).run('2025-01-01T00:01:00.000Z', '2025-01-01T00:01:00.000Z');
    insertRun.run('live0001', 'live', null, 'running', config, '2025-01-02T00:00:00.000Z',
      '2025-01-02T00:00:00.000Z', null, '2025-01-02T00:00:30.000Z', 5, 2, process.pid, hostname());
    for (const g of summaries(0, 2)) insertGeneration.run(toGenerationParams('live0001', g));
    const runsBefore = v1.prepare('SELECT * FROM runs ORDER BY id').all();
    const generationsBefore = v1.prepare('SELECT * FROM generations ORDER BY run_id, t').all();
    v1.close();
    expect(userVersion(file)).toBe(1);

    const store = openStore(file);
    expect(store.getRun('done0001')).toMatchObject({ status: 'completed', generationsDone: 5, filterId: null });
    expect(store.getRun('live0001')).toMatchObject({ status: 'running', generationsDone: 2, filterId: null });
    expect(store.getGenerations('done0001')).toStrictEqual(summaries(0, 5));
    expect(store.listRuns().map((r) => r.id)).toEqual(['live0001', 'done0001']);
    // The new tables work on the migrated store.
    const set = store.createLabelSet(labelSetInput());
    const filter = store.createFilter({ name: 'f', labelSetId: set.id, settings: {}, backend: 'cpu' });
    store.appendTrainingEpochs(filter.id, [epochRow(0)]);
    store.close();
    expect(userVersion(file)).toBe(LATEST_SCHEMA_VERSION);

    const db = new Database(file, { readonly: true });
    const runsAfter = db.prepare<[], Record<string, unknown>>('SELECT * FROM runs ORDER BY id').all();
    expect(runsAfter).toEqual(runsBefore.map((row) => ({ ...(row as object), filter_id: null, sweep_id: null, sweep_point: null, owner_start: null, ...NO_NOTES })));
    expect(db.prepare('SELECT * FROM generations ORDER BY run_id, t').all()).toEqual(generationsBefore);
    db.close();
  });

  it('migrates a version 2 store holding runs, labels and filters, leaving every row exactly as it was', () => {
    const file = tmp().file();
    const v2 = new Database(file);
    v2.pragma('journal_mode = WAL');
    v2.pragma('foreign_keys = ON');
    migrate(v2, file, 2);
    // Written with the statements version 2 used (the owned rows' inserts as they were before
    // owner_start; the others have not changed since): a label set with labels, a filter
    // trained on it with its history, a run that used the filter and one still running in a
    // live process.
    const now = '2025-02-01T00:00:00.000Z';
    const set = labelSetInput();
    v2.prepare(SQL.insertLabelSet).run({ id: 'labels01', name: set.name, kind: set.kind, labeler: set.labeler, source: JSON.stringify(set.source), now });
    for (const group of set.groups) v2.prepare(SQL.insertLabelGroup).run(toLabelGroupParams('labels01', group));
    v2.prepare(SQL.upsertLabel).run({ labelSetId: 'labels01', generation: 0, idx: 3, label: 1, labeledBy: 'ada', now });
    v2.prepare(SQL.upsertLabel).run({ labelSetId: 'labels01', generation: 1, idx: 0, label: 0, labeledBy: 'ada', now });
    v2.prepare(PRE_OWNER_START_SQL.insertFilter).run({ id: 'filter01', name: 'f', labelSetId: 'labels01', settings: '{"epochs":2}', backend: 'cpu', now, ownerPid: process.pid, ownerHost: hostname() });
    for (const e of [epochRow(0), epochRow(1)]) v2.prepare(SQL.insertTrainingEpoch).run({ filterId: 'filter01', ...e });
    v2.prepare(SQL.finishFilter).run({ id: 'filter01', status: 'ready', model: '{"w":[1,2]}', metrics: '{"accuracy":0.9}', error: null, now });
    const config = JSON.stringify(sampleConfig(4));
    const run = { seed: 7, engineVersion: '0.1.0', backend: 'cpu', now, generationsTotal: 5, ownerPid: process.pid, ownerHost: hostname() };
    v2.prepare(PRE_OWNER_START_SQL.insertRun).run({ id: 'used0001', name: 'neural', preset: null, config, ...run });
    for (const g of summaries(0, 5)) v2.prepare(SQL.insertGeneration).run(toGenerationParams('used0001', g));
    v2.prepare(SQL.updateProgress).run({ id: 'used0001', now });
    v2.prepare(SQL.finishRun).run({ id: 'used0001', status: 'completed', error: null, now });
    v2.prepare(SQL.setRunFilter).run({ id: 'used0001', filterId: 'filter01' });
    v2.prepare(PRE_OWNER_START_SQL.insertRun).run({ id: 'live0002', name: 'live', preset: 'xu-fixed-n', config, ...run });
    for (const g of summaries(0, 2)) v2.prepare(SQL.insertGeneration).run(toGenerationParams('live0002', g));
    v2.prepare(SQL.updateProgress).run({ id: 'live0002', now });
    // A full scan: rowid order, or primary-key order for the WITHOUT ROWID tables.
    const dump = (db: Database.Database): Record<string, unknown[]> =>
      Object.fromEntries(['runs', 'generations', 'label_sets', 'label_groups', 'labels', 'filters', 'training_epochs'].map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
    const before = dump(v2);
    v2.close();
    expect(userVersion(file)).toBe(2);

    const store = openStore(file);
    expect(userVersion(file)).toBe(LATEST_SCHEMA_VERSION);
    expect(store.getRun('used0001')).toMatchObject({ status: 'completed', filterId: 'filter01', sweepId: null, sweepPoint: null });
    expect(store.getRun('live0002')).toMatchObject({ status: 'running', generationsDone: 2, sweepId: null, sweepPoint: null });
    expect(store.getGenerations('used0001')).toStrictEqual(summaries(0, 5));
    expect(store.getLabelSet('labels01')?.counts).toEqual({ groups: 3, candidates: 30, labelled: 2, good: 1 });
    expect(store.getFilter('filter01')).toMatchObject({ status: 'ready', model: { w: [1, 2] }, labelSetId: 'labels01' });
    expect(store.getTrainingEpochs('filter01')).toEqual([epochRow(0), epochRow(1)]);
    expect(store.listSweeps()).toEqual([]);
    // The new table works on the migrated store, and links an old run.
    const sweep = store.createSweep({ name: 's', preset: null, base: sampleConfig(4), grid: [{ path: 'seed', values: [7] }], window: null });
    store.setRunSweep('live0002', sweep.id, { seed: 7 });
    expect(store.sweepRuns(sweep.id).map((r) => r.id)).toEqual(['live0002']);
    store.setRunSweep('live0002', null, null);
    store.close();

    const db = new Database(file, { readonly: true });
    const after = dump(db);
    expect(after.runs).toEqual(before.runs.map((row) => ({ ...(row as object), sweep_id: null, sweep_point: null, owner_start: null, ...NO_NOTES })));
    expect(after.filters).toEqual(before.filters.map((row) => ({ ...(row as object), owner_start: null })));
    expect({ ...after, runs: null, filters: null }).toEqual({ ...before, runs: null, filters: null });
    db.close();
  });

  it('reopens a store of the latest version without changing its schema', () => {
    const file = tmp().file();
    openStore(file).close();
    const before = schema(file);
    expect(before.map((o) => (o as { name: string }).name)).toEqual(expect.arrayContaining(V3_TABLES));
    const again = openStore(file);
    again.close();
    expect(schema(file)).toEqual(before);
    expect(userVersion(file)).toBe(LATEST_SCHEMA_VERSION);
    const db = new Database(file);
    expect(migrate(db, file)).toEqual([]);
    db.close();
  });

  it('creates a file store (and its folder) in WAL mode, and reopening it changes nothing', () => {
    const file = tmp().file('nested/deeper/runs.sqlite');
    const first = openStore(file);
    const run = first.createRun(newRunInput({ name: 'r' }));
    first.close();
    expect(userVersion(file)).toBe(LATEST_SCHEMA_VERSION);

    const again = openStore(file);
    expect(again.getRun(run.id)?.name).toBe('r');
    again.close();

    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(columns(db, 'runs')).toEqual(RUN_COLUMNS);
    db.close();
  });

  it.each([LATEST_SCHEMA_VERSION + 1, 99])('refuses a store from a newer Collapse Lab (version %i) and leaves the file untouched', (version) => {
    const file = tmp().file();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${version}`);
    raw.close();
    const before = readFileSync(file);

    const error = captureStoreError(() => openStore(file));
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toBe(
      `${file}: store schema version ${version} is newer than this Collapse Lab understands (${LATEST_SCHEMA_VERSION}); update the app or open another store`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(userVersion(file)).toBe(version);
  });

  it('refuses a file that is not SQLite and leaves it byte-for-byte unchanged', () => {
    const file = tmp().file('notes.sqlite');
    const text = 'these are my notes, not a database\n'.repeat(50);
    writeFileSync(file, text);
    const error = captureStoreError(() => openStore(file));
    expect(error.code).toBe('STORE_NOT_SQLITE');
    expect(error.message).toBe(`${file}: not a Collapse Lab store (the file is not an SQLite database)`);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
