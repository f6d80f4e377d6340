import type { Migration } from './migration';

/**
 * Parameter sweeps (issue 6, item 4): a sweep is a base config, a grid of values for some of
 * its numeric fields, and one ordinary run per grid point.
 *
 * 0001's note expected a `sweep_runs(sweep_id, run_id)` join table. A run belongs to at most
 * one sweep, at exactly one point of it, so the link is two columns on the run instead, added
 * in place: `sweep_id` (the sweep's runs through an index) and `sweep_point`, the point's
 * `{path: value}` as JSON. A join table would only add a uniqueness rule to keep by hand.
 * Deleting a sweep keeps its runs (they are results in their own right) with `sweep_id` NULL;
 * `sweep_point` stays, so a run still says where on the grid it was made.
 */
export const sweepsMigration: Migration = {
  version: 3,
  name: 'sweeps',
  up(db) {
    db.exec(`
      CREATE TABLE sweeps (
        id          TEXT PRIMARY KEY NOT NULL,    -- same 8-character scheme as runs.id
        name        TEXT NOT NULL,
        preset      TEXT,
        base        TEXT NOT NULL,                -- JSON: the validated base RunConfig
        grid        TEXT NOT NULL,                -- JSON: [{"path", "values": number[]}], first axis slowest
        -- JSON [from, to): the generations each point is summarised over; NULL: each run's
        -- last quarter (a sweep over \`generations\` has no single window).
        window      TEXT,
        status      TEXT NOT NULL
                    CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
        created_at  TEXT NOT NULL,                -- ISO 8601 UTC with milliseconds
        finished_at TEXT,
        -- As for runs and filters: lets a later open tell a sweep whose process crashed
        -- (interrupted) from one another live process is still running.
        owner_pid   INTEGER,
        owner_host  TEXT
      );

      -- Serves the newest-first listing.
      CREATE INDEX sweeps_created_at ON sweeps (created_at DESC);

      -- ADD COLUMN keeps every existing run as it is, in no sweep.
      ALTER TABLE runs ADD COLUMN sweep_id TEXT REFERENCES sweeps (id) ON DELETE SET NULL;
      ALTER TABLE runs ADD COLUMN sweep_point TEXT;  -- JSON {path: value}
      -- Finds a sweep's runs, and spares deleting a sweep a scan of every run.
      CREATE INDEX runs_sweep_id ON runs (sweep_id);
    `);
  },
};
