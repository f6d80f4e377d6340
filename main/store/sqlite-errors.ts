import { StoreError } from './errors';

/**
 * Turns what better-sqlite3 throws while opening or migrating a store into a StoreError with
 * one clear line. SQLite's own messages ("file is not a database") do not say which file, nor
 * what the user can do about it.
 */
export function toStoreError(error: unknown, file: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  const cause = { cause: error };
  if (code === 'SQLITE_NOTADB') {
    return new StoreError('STORE_NOT_SQLITE', file, 'not a Collapse Lab store (the file is not an SQLite database)', cause);
  }
  if (code?.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('STORE_CORRUPT', file, `the store is damaged (${reason}); restore it from a copy or open another store`, cause);
  }
  if (code?.startsWith('SQLITE_READONLY') || code?.startsWith('SQLITE_PERM')) {
    return new StoreError('STORE_READONLY', file, `the store cannot be written (${reason}); check the file's and its folder's permissions`, cause);
  }
  if (code === 'SQLITE_FULL') {
    return new StoreError('STORE_FULL', file, `the disk holding the store is full (${reason}); free some space or open a store on another disk`, cause);
  }
  if (code?.startsWith('SQLITE_CANTOPEN')) {
    // SQLite says only "unable to open database file": most often the folder cannot be
    // written (a new store, or the -wal and -shm files WAL mode keeps next to it).
    return new StoreError('STORE_OPEN_FAILED', file, `cannot open or create the store file (${reason}); check that its folder exists and can be written`, cause);
  }
  return new StoreError('STORE_OPEN_FAILED', file, `cannot open the store (${reason})`, cause);
}

/** The SQLite result code (`SQLITE_FULL`, ...) carried by a better-sqlite3 SqliteError, if any. */
export function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What the store threw in the middle of a command (a full disk, a file made read-only, damage
 * found by a read), as a StoreError naming the file and the cause; undefined when `error` is
 * not one of those, so the caller keeps its own wording for everything else.
 */
export function storeFailure(error: unknown, file: string): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return undefined;
  const known = code === 'SQLITE_FULL' || code === 'SQLITE_NOTADB' || ['SQLITE_CORRUPT', 'SQLITE_READONLY', 'SQLITE_PERM'].some((prefix) => code.startsWith(prefix));
  return known ? toStoreError(error, file) : undefined;
}
