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
  return new StoreError('STORE_OPEN_FAILED', file, `cannot open the store (${reason})`, cause);
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}
