import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import type { Migration } from './migrations/migration';
import { runsMigration } from './migrations/0001-runs';
import { labelsFiltersMigration } from './migrations/0002-labels-filters';
import { sweepsMigration } from './migrations/0003-sweeps';
import { ownerStartMigration } from './migrations/0004-owner-start';
import { runNotesTagsMigration } from './migrations/0005-run-notes-tags';

/** Every schema step, in order. Add new ones at the end; never edit one that has shipped. */
const MIGRATIONS: readonly Migration[] = [runsMigration, labelsFiltersMigration, sweepsMigration, ownerStartMigration, runNotesTagsMigration];

MIGRATIONS.forEach((migration, index) => {
  // A gap or a duplicate would silently skip a step on some stores: fail at load instead.
  if (migration.version !== index + 1) {
    throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  }
});

/** The schema version this build writes; stores with a higher `user_version` are refused. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;

export function readSchemaVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Refuses a store written by a newer Collapse Lab. Reads only the header, so it is safe to call
 * before anything (even the journal mode) has been changed: a refused file stays byte-for-byte
 * as it was.
 */
export function assertSchemaNotTooNew(db: Database.Database, file: string): number {
  const version = readSchemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      'STORE_TOO_NEW',
      file,
      `store schema version ${version} is newer than this Collapse Lab understands (${LATEST_SCHEMA_VERSION}); update the app or open another store`,
    );
  }
  return version;
}

/**
 * Brings the schema to LATEST_SCHEMA_VERSION. Each step runs in its own transaction together
 * with its `user_version` bump, so a crash leaves the store at a whole version, never between.
 * Returns the versions that were applied.
 *
 * `to` stops at an older version; only tests use it, to build a store exactly as an older
 * Collapse Lab left it and then check that the later steps carry its data over.
 */
export function migrate(db: Database.Database, file: string, to: number = LATEST_SCHEMA_VERSION): number[] {
  if (!Number.isInteger(to) || to < 0 || to > LATEST_SCHEMA_VERSION) {
    throw new RangeError(`expected a target schema version in 0..${LATEST_SCHEMA_VERSION} but got ${to}`);
  }
  const applied: number[] = [];
  // The common case (an up-to-date store) takes no lock at all.
  const current = assertSchemaNotTooNew(db, file);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > to) continue;
    // IMMEDIATE: take the write lock before reading the version, so two processes opening a
    // fresh store at once cannot both run the same step (the second waits, then skips it).
    db.transaction(() => {
      if (assertSchemaNotTooNew(db, file) >= migration.version) return;
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer we own.
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }).immediate();
  }
  return applied;
}
