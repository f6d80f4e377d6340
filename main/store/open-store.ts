import { mkdirSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors';
import { assertSchemaNotTooNew, migrate } from './migrate';
import { isProcessAlive as defaultIsProcessAlive } from './process-alive';
import { recoverInterrupted } from './recovery';
import { RunStore } from './run-store';
import { toStoreError } from './sqlite-errors';

export interface OpenStoreOptions {
  /**
   * Decides whether the owner of a 'running' run or a 'training' filter still exists; defaults
   * to `process.kill(pid, 0)`.
   */
  isProcessAlive?: (pid: number) => boolean;
  /** This machine's name as recorded in owner_host; defaults to `os.hostname()`. */
  hostname?: string;
  /** Clock for timestamps (tests). */
  now?: () => Date;
  /** Id generator for runs, label sets and filters (tests). */
  newRunId?: () => string;
  /**
   * The better-sqlite3 addon to load instead of the package's own: the desktop app in
   * development passes the copy built for Electron's ABI (build/electron-sqlite.mjs), so the
   * Node build that the tests and the CLI use stays in place.
   */
  nativeBinding?: string;
}

const IN_MEMORY = ':memory:';

/**
 * Opens (creating if needed) a run store, brings its schema up to date and marks runs and
 * sweeps left 'running' and filters left 'training' by a crashed process as 'interrupted'.
 * Every expected failure is a StoreError with one line naming the file.
 */
export function openStore(file: string, opts: OpenStoreOptions = {}): RunStore {
  const hostname = opts.hostname ?? osHostname();
  const now = opts.now ?? (() => new Date());
  const inMemory = file === IN_MEMORY;

  if (!inMemory) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError('STORE_OPEN_FAILED', file, `cannot create the store's folder (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  }

  let db: Database.Database | undefined;
  try {
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    // Set before anything can wait on another process's lock.
    db.pragma('busy_timeout = 5000');
    // Check the version before any pragma that writes (journal_mode does): a store we refuse,
    // or a file that is not a store at all, must be left exactly as it was.
    assertSchemaNotTooNew(db, file);
    if (!inMemory) {
      // WAL lets a reader (the app) follow a run while another process (the CLI) writes it.
      db.pragma('journal_mode = WAL');
    }
    // NORMAL is durable across application crashes in WAL mode and much faster than FULL; a
    // power cut may lose the last transactions, which the recovery below then reports.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    recoverInterrupted(db, {
      hostname,
      isProcessAlive: opts.isProcessAlive ?? defaultIsProcessAlive,
      now,
    });
    return new RunStore(db, file, {
      hostname,
      now,
      ...(opts.newRunId ? { newId: opts.newRunId } : {}),
    });
  } catch (error) {
    if (db?.open) db.close();
    throw toStoreError(error, file);
  }
}
