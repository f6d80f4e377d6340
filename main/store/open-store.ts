import { accessSync, constants, mkdirSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors';
import { assertSchemaNotTooNew, migrate, readSchemaVersion } from './migrate';
import { processStartTime as defaultProcessStartTime } from './proc-stat';
import { isProcessAlive as defaultIsProcessAlive } from './process-alive';
import { recoverInterrupted } from './recovery';
import { RunStore } from './run-store';
import { toStoreError } from './sqlite-errors';

export interface OpenStoreOptions {
  /**
   * Decides whether the owner of a 'running' run or a 'training' filter still exists; defaults
   * to `process.kill(pid, 0)`, with a zombie counted as gone where /proc says so.
   */
  isProcessAlive?: (pid: number) => boolean;
  /**
   * When the process holding a pid started (clock ticks since boot), or null where unknown;
   * defaults to field 22 of /proc/PID/stat. Recorded with this process's rows as owner_start,
   * and compared on open so that a reused pid is not taken for a row's writer.
   */
  processStartTime?: (pid: number) => number | null;
  /** This machine's name as recorded in owner_host; defaults to `os.hostname()`. */
  hostname?: string;
  /** Clock for timestamps (tests). */
  now?: () => Date;
  /** Id generator for runs, label sets and filters (tests). */
  newRunId?: () => string;
  /**
   * The better-sqlite3 addon to load instead of the package's own: the desktop app in
   * development passes the copy built for Electron's ABI (build/desktop/sqlite-for-electron.ts), so the
   * Node build that the tests and the CLI use stays in place.
   */
  nativeBinding?: string;
  /**
   * Caps the store at this many pages (`PRAGMA max_page_count`, per connection); past it SQLite
   * answers SQLITE_FULL exactly as on a full disk. Tests use it to fill a "disk" anywhere.
   */
  maxPageCount?: number;
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

  if (!inMemory) assertFileWritable(file);

  let db: Database.Database | undefined;
  try {
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
    // Set before anything can wait on another process's lock.
    db.pragma('busy_timeout = 5000');
    // Check the version before any pragma that writes (journal_mode does): a store we refuse,
    // or a file that is not a store at all, must be left exactly as it was.
    assertSchemaNotTooNew(db, file);
    // Damage anywhere (not only in the pages opening reads) is reported now, in one line,
    // rather than as a raw SQLite error the first time someone opens the damaged run. It only
    // reads, so a damaged file is left as it was; it costs about 3 ms per MB of store
    // (100 ms for a 34 MB store on the development machine).
    assertNotDamaged(db, file);
    if (!inMemory) {
      // WAL lets a reader (the app) follow a run while another process (the CLI) writes it.
      db.pragma('journal_mode = WAL');
    }
    // NORMAL is durable across application crashes in WAL mode and much faster than FULL; a
    // power cut may lose the last transactions, which the recovery below then reports.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (opts.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.trunc(opts.maxPageCount)}`);
    // SQLite opens a file it may not write read-only without saying so, and the first write
    // (a run, a label) would fail halfway through a command. Ask for the write lock now.
    assertWritable(db);
    migrate(db, file);
    const processStartTime = opts.processStartTime ?? defaultProcessStartTime;
    recoverInterrupted(db, {
      hostname,
      isProcessAlive: opts.isProcessAlive ?? defaultIsProcessAlive,
      processStartTime,
      now,
    });
    return new RunStore(db, file, {
      hostname,
      ownerStart: processStartTime(process.pid),
      now,
      ...(opts.newRunId ? { newId: opts.newRunId } : {}),
    });
  } catch (error) {
    if (db?.open) db.close();
    throw toStoreError(error, file);
  }
}

/**
 * `PRAGMA quick_check`: the page structure, without the slower index-content checks. It also
 * reports rows that break a CHECK or NOT NULL constraint; those are left to the readers, which
 * name the run or label set concerned (label-row-mapping.ts), instead of refusing a whole store
 * for one bad value. Structural damage is refused here, before anything writes into it and
 * spreads it.
 */
function assertNotDamaged(db: Database.Database, file: string): void {
  const rows = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
  // SQLite's first finding starts with a banner on its own line ("*** in database main ***\n
  // Tree 2 page 2: ..."); the message must stay one line, so keep the finding alone.
  const findings = rows.map((row) => row.quick_check.replace(/\*\*\* in database \w+ \*\*\*/g, '').replace(/\s+/g, ' ').trim());
  const structural = findings.find((finding) => finding !== 'ok' && !ROW_CONSTRAINT_FINDING.test(finding));
  if (structural !== undefined) {
    throw new StoreError('STORE_CORRUPT', file, `the store is damaged (SQLite's check found: ${structural}); restore it from a copy or open another store`);
  }
}

/** quick_check's words for a row that breaks a constraint, as opposed to a damaged page. */
const ROW_CONSTRAINT_FINDING = /^(CHECK constraint failed in |NULL value in |NUMERIC value in |TEXT value in )/;

/**
 * Throws SQLITE_READONLY (mapped to STORE_READONLY) when the file cannot be written. The write
 * lock alone is not enough: in WAL mode BEGIN IMMEDIATE succeeds on a read-only file. Rewriting
 * user_version with its own value is a real page write, and the rollback leaves no trace.
 */
function assertWritable(db: Database.Database): void {
  const version = readSchemaVersion(db);
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/**
 * Refuses an existing store this user may not write before SQLite touches it: SQLite would open
 * it read-only without a word and, in WAL mode, leave -wal and -shm files with the store's
 * read-only permissions beside it, which keep the store read-only even after its own
 * permissions are fixed. (Root passes this check; SQLite's own refusal covers a folder that
 * cannot be written, see assertWritable.)
 */
function assertFileWritable(file: string): void {
  try {
    accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      const why = code === 'EROFS' ? 'it is on a read-only file system' : 'this user may not write the file';
      throw new StoreError('STORE_READONLY', file, `the store cannot be written (${why}); check the file's and its folder's permissions`, { cause: error });
    }
    // ENOENT: a new store, created below. Anything else: SQLite's own error says more.
  }
}
