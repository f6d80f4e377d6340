import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { defaultStorePath, isStoreError, openStore, type RunStore } from '../store';
import { UsageError, type CliIo } from './io';
import type { CliOptions } from './args';

/** `--db FILE`, else $COLLAPSE_LAB_DB, else the desktop app's own store (contract.md "Store"). */
export function storePath(options: Pick<CliOptions, 'db'>, io: Pick<CliIo, 'env' | 'cwd'>): string {
  if (options.db !== undefined) return options.db === ':memory:' ? options.db : resolve(io.cwd, options.db);
  return defaultStorePath({ platform: process.platform, env: io.env, homedir: homedir() });
}

/** Opens the store or turns the reason it cannot be opened into one line and exit status 2. */
export function openCliStore(options: Pick<CliOptions, 'db'>, io: Pick<CliIo, 'env' | 'cwd'>): RunStore {
  const file = storePath(options, io);
  try {
    return openStore(file);
  } catch (error) {
    if (isStoreError(error)) throw new UsageError(error.message);
    throw error;
  }
}

function storeExists(file: string): boolean {
  return file === ':memory:' || existsSync(file);
}

/**
 * For commands that only read (or delete): the store must already exist, since opening creates
 * one, and a mistyped --db would otherwise leave new folders and an empty store behind and
 * answer "no runs" as if that were the store meant. The check and the open are not atomic; a
 * store deleted in between is created empty, which is what the check is for, not a risk.
 */
export function openExistingStore(options: Pick<CliOptions, 'db'>, io: Pick<CliIo, 'env' | 'cwd'>): RunStore {
  const file = storePath(options, io);
  if (!storeExists(file)) throw new UsageError(`no store at ${file}`);
  return openCliStore(options, io);
}

/**
 * For the listings (runs, sweeps, filters, label-sets): as openExistingStore, except that the
 * desktop app's default store, when it does not exist yet, is an empty store rather than an
 * error: on a fresh machine `runs` should answer "no runs yet", and creating the store is left
 * to the first command that writes. A store the user named (--db, or $COLLAPSE_LAB_DB, set on
 * purpose just the same) must exist: a typo there is the likelier reason it is missing.
 * Undefined for that empty default; `file` is where it will be.
 */
export function openListingStore(options: Pick<CliOptions, 'db'>, io: Pick<CliIo, 'env' | 'cwd'>): { store: RunStore | undefined; file: string } {
  const file = storePath(options, io);
  const named = options.db !== undefined || Boolean(io.env.COLLAPSE_LAB_DB);
  if (!named && !storeExists(file)) return { store: undefined, file };
  return { store: openExistingStore(options, io), file };
}
