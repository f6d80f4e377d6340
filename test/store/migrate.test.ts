import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openStore } from '../../main/store';
import { migrate } from '../../main/store/migrate';
import { captureStoreError, newRunInput, tempDir } from './helpers';

const RUN_COLUMNS = [
  'id', 'name', 'preset', 'status', 'config', 'seed', 'engine_version', 'backend', 'created_at',
  'started_at', 'finished_at', 'updated_at', 'error', 'generations_total', 'generations_done',
  'owner_pid', 'owner_host',
];
const GENERATION_COLUMNS = [
  'run_id', 't', 'sample_size', 'error_mean', 'error_rms', 'error_median', 'error_q25', 'error_q75',
  'diversity_mean', 'diversity_median', 'kept_mean', 'test_error_mean', 'theory_error_mean_sq',
  'theory_test_error', 'extra',
];

function columns(db: Database.Database, table: string): string[] {
  return db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name);
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

  it('brings an empty in-memory database to the latest version with both tables', () => {
    const db = new Database(':memory:');
    expect(migrate(db, ':memory:')).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(columns(db, 'runs')).toEqual(RUN_COLUMNS);
    expect(columns(db, 'generations')).toEqual(GENERATION_COLUMNS);
    const indexes = db.prepare<[], { name: string }>(`SELECT name FROM pragma_index_list('runs')`).all();
    expect(indexes.map((i) => i.name)).toContain('runs_created_at');
    // A second pass has nothing to do.
    expect(migrate(db, ':memory:')).toEqual([]);
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

  it('refuses a store from a newer Collapse Lab and leaves the file untouched', () => {
    const file = tmp().file();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(file);

    const error = captureStoreError(() => openStore(file));
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toBe(
      `${file}: store schema version 99 is newer than this Collapse Lab understands (${LATEST_SCHEMA_VERSION}); update the app or open another store`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(userVersion(file)).toBe(99);
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
