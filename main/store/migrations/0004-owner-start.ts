import type { Migration } from './migration';

/**
 * The owner's start time beside its pid (issue 13, item 16). owner_pid alone cannot tell the
 * process that wrote a row from a later one the kernel gave the same pid, so a dead run stayed
 * 'running' as long as that unrelated process lived. `owner_start` is the writer's starttime
 * (field 22 of /proc/PID/stat: clock ticks since boot); recovery takes a row whose owner pid is
 * alive but started at another time for an orphan.
 *
 * NULL where the start time is unknown: every row written before this step, and rows written
 * where there is no /proc (macOS). Those keep the pid-only check. ADD COLUMN leaves every
 * existing row as it was.
 */
export const ownerStartMigration: Migration = {
  version: 4,
  name: 'owner-start',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN owner_start INTEGER;
      ALTER TABLE filters ADD COLUMN owner_start INTEGER;
      ALTER TABLE sweeps ADD COLUMN owner_start INTEGER;
    `);
  },
};
