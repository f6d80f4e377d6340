import type Database from 'better-sqlite3';

/**
 * One schema step. Migrations are plain modules imported statically (not read from a folder
 * at run time) so that a bundled app carries exactly the steps it was built with.
 */
export interface Migration {
  /** Becomes `PRAGMA user_version` once `up` has run; versions are 1, 2, 3, ... without gaps. */
  readonly version: number;
  readonly name: string;
  /**
   * Runs inside a transaction opened by `migrate`; must not open its own. foreign_keys is ON
   * (it cannot be switched inside a transaction), so a step that rebuilds a table other tables
   * reference should use `PRAGMA defer_foreign_keys = ON` and SQLite's 12-step table rebuild.
   */
  up(db: Database.Database): void;
}
