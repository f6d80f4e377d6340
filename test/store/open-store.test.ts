import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../main/store';
import { toStoreError } from '../../main/store/sqlite-errors';
import { captureStoreError, newRunInput, tempDir } from './helpers';

describe('openStore', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
  function tmp() {
    const t = tempDir();
    temps.push(t);
    return t;
  }

  it('opens an in-memory store without touching the disk', () => {
    const store = openStore(':memory:');
    expect(store.file).toBe(':memory:');
    expect(store.listRuns()).toEqual([]);
    store.close();
    store.close(); // closing twice is harmless
  });

  it('reports a damaged store as STORE_CORRUPT in one line', () => {
    const file = tmp().file();
    const store = openStore(file);
    store.createRun(newRunInput());
    store.close();
    // Page 2 is the root of the runs table: overwrite it with garbage.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096);
    closeSync(fd);

    const error = captureStoreError(() => openStore(file));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toMatch(new RegExp(`^${escape(file)}: the store is damaged \\(.*\\); restore it from a copy or open another store$`));
    expect(error.message).not.toContain('\n');
  });

  it('refuses a file that only looks like SQLite (right header, garbage after)', () => {
    const file = tmp().file();
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080, 7)]);
    writeFileSync(file, bytes);
    expect(captureStoreError(() => openStore(file)).code).toBe('STORE_NOT_SQLITE');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports a path that cannot hold a store as STORE_OPEN_FAILED', () => {
    const t = tmp();
    mkdirSync(t.file('a-folder'));
    expect(captureStoreError(() => openStore(t.file('a-folder'))).code).toBe('STORE_OPEN_FAILED');

    writeFileSync(t.file('plain-file'), 'x');
    const error = captureStoreError(() => openStore(join(t.file('plain-file'), 'runs.sqlite')));
    expect(error.code).toBe('STORE_OPEN_FAILED');
    expect(error.message).toContain("cannot create the store's folder");
  });

  it('maps read-only failures to STORE_READONLY (mapped directly: tests may run as root)', () => {
    const readonly = new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
    const error = toStoreError(readonly, '/stores/runs.sqlite');
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('STORE_READONLY');
    expect(error.message).toBe(
      "/stores/runs.sqlite: the store cannot be written (attempt to write a readonly database); check the file's and its folder's permissions",
    );
    expect(error.cause).toBe(readonly);
    expect(toStoreError(new Database.SqliteError('x', 'SQLITE_READONLY_DBMOVED'), 'f').code).toBe('STORE_READONLY');
    expect(toStoreError(new Database.SqliteError('x', 'SQLITE_CORRUPT_INDEX'), 'f').code).toBe('STORE_CORRUPT');
    expect(toStoreError(new Error('disk I/O error'), 'f').code).toBe('STORE_OPEN_FAILED');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
