import type { Migration } from './migration';

/**
 * The first schema: one row per run and one row per (run, generation).
 *
 * Room to grow without reshaping these two tables: label sets, filters and training histories
 * arrive as their own tables with `run_id REFERENCES runs(id) ON DELETE CASCADE`; sweeps as a
 * `sweeps` table plus a `sweep_runs(sweep_id, run_id)` join table (a run stays a run, whether
 * or not a sweep made it). New per-generation numbers go into `generations.extra` (a JSON
 * object) until they deserve a column of their own, which `ALTER TABLE ... ADD COLUMN` adds
 * in place.
 */
export const runsMigration: Migration = {
  version: 1,
  name: 'runs',
  up(db) {
    db.exec(`
      CREATE TABLE runs (
        -- 8 characters of [0-9a-z]: short enough to type on the CLI, random so two processes
        -- sharing a store never need to coordinate.
        id                TEXT PRIMARY KEY NOT NULL,
        name              TEXT NOT NULL,
        preset            TEXT,
        status            TEXT NOT NULL
                          CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
        config            TEXT NOT NULL,          -- the RunConfig as JSON
        seed              INTEGER NOT NULL,
        engine_version    TEXT NOT NULL,
        backend           TEXT NOT NULL,
        created_at        TEXT NOT NULL,          -- ISO 8601 UTC with milliseconds
        started_at        TEXT,
        finished_at       TEXT,
        updated_at        TEXT,
        error             TEXT,
        generations_total INTEGER NOT NULL CHECK (generations_total >= 0),  -- T + 1
        generations_done  INTEGER NOT NULL DEFAULT 0
                          CHECK (generations_done >= 0 AND generations_done <= generations_total),
        -- Who is writing a 'running' run, so that a later open can tell a crashed run
        -- (interrupted) from one another live process is still writing.
        owner_pid         INTEGER,
        owner_host        TEXT,
        -- The contract's promise, kept by the schema itself: never 'completed' half-written.
        CHECK (status <> 'completed' OR generations_done = generations_total)
      );

      -- Serves the newest-first listing (the runs page, \`runs\` on the CLI).
      CREATE INDEX runs_created_at ON runs (created_at DESC);

      CREATE TABLE generations (
        run_id               TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        t                    INTEGER NOT NULL,
        sample_size          INTEGER NOT NULL,
        -- NOT NULL on the numbers every generation has: SQLite stores NaN as NULL, so a NaN
        -- from the engine fails the write loudly instead of reading back as a wrong null.
        error_mean           REAL NOT NULL,
        error_rms            REAL NOT NULL,
        error_median         REAL NOT NULL,
        error_q25            REAL NOT NULL,
        error_q75            REAL NOT NULL,
        diversity_mean       REAL,
        diversity_median     REAL,
        kept_mean            REAL NOT NULL,
        test_error_mean      REAL,
        theory_error_mean_sq REAL,
        theory_test_error    REAL,
        extra                TEXT,                -- JSON object reserved for future fields
        PRIMARY KEY (run_id, t)
      ) WITHOUT ROWID;                            -- rows are read by run in t order: cluster them
    `);
  },
};
