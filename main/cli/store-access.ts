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
