import type { Migration } from './migration';

/**
 * Label sets (docs/experiments.md section 4, "Labels") and trained neural filters with their
 * training history.
 *
 * 0001's note expected these tables to hang off a run. They do not: a label set is drawn from
 * its own labelling experiment, and a trained filter is reused by many runs, so it is the run
 * that points at its filter (`runs.filter_id`), added in place; runs and generations are not
 * reshaped. A filter keeps a copy of everything it needs (settings, model), so deleting the
 * label set it was trained on only clears its `label_set_id`.
 */
export const labelsFiltersMigration: Migration = {
  version: 2,
  name: 'labels-filters',
  up(db) {
    db.exec(`
      CREATE TABLE label_sets (
        id         TEXT PRIMARY KEY NOT NULL,     -- same 8-character scheme as runs.id
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('machine', 'human')),
        -- Who decided the labels: the machine rule with its parameters, or a person's name.
        labeler    TEXT NOT NULL,
        source     TEXT NOT NULL,                 -- JSON: the experiment the candidates come from
        created_at TEXT NOT NULL,                 -- ISO 8601 UTC with milliseconds
        updated_at TEXT NOT NULL                  -- last labels saved
      );

      -- Serves the newest-first listing.
      CREATE INDEX label_sets_created_at ON label_sets (created_at DESC);

      -- A rowid table, unlike generations: a group's candidates are tens of kilobytes, and a
      -- WITHOUT ROWID table keeps whole rows inside its index b-tree, which SQLite advises
      -- against for rows larger than a small fraction of a page.
      CREATE TABLE label_groups (
        label_set_id TEXT NOT NULL REFERENCES label_sets (id) ON DELETE CASCADE,
        generation   INTEGER NOT NULL CHECK (generation >= 0),
        dim          INTEGER NOT NULL CHECK (dim >= 1),
        count        INTEGER NOT NULL CHECK (count >= 0),
        estimate     TEXT NOT NULL,               -- JSON number[]: what the candidates were drawn around
        -- count x dim float64s, row-major, little-endian. Last column, so that reading the
        -- columns before it (counts, sizes) never loads the blob's overflow pages.
        candidates   BLOB NOT NULL CHECK (length(candidates) = count * dim * 8),
        PRIMARY KEY (label_set_id, generation)
      );

      -- Unlabelled is no row, so "undo" is a delete and counts are plain count(*).
      CREATE TABLE labels (
        label_set_id TEXT NOT NULL,
        generation   INTEGER NOT NULL,
        idx          INTEGER NOT NULL CHECK (idx >= 0),  -- row of the group's candidates
        label        INTEGER NOT NULL CHECK (label IN (0, 1)),
        labeled_by   TEXT NOT NULL,               -- a person's name, or 'machine'
        labeled_at   TEXT NOT NULL,
        PRIMARY KEY (label_set_id, generation, idx),
        FOREIGN KEY (label_set_id, generation)
          REFERENCES label_groups (label_set_id, generation) ON DELETE CASCADE
      ) WITHOUT ROWID;                            -- small rows, read by group in idx order

      CREATE TABLE filters (
        id           TEXT PRIMARY KEY NOT NULL,
        name         TEXT NOT NULL,
        label_set_id TEXT REFERENCES label_sets (id) ON DELETE SET NULL,
        settings     TEXT NOT NULL,               -- JSON: what training was asked to do
        model        TEXT NOT NULL,               -- JSON: weights, standardisation, PCA; '{}' until ready
        backend      TEXT NOT NULL,
        metrics      TEXT NOT NULL,               -- JSON, e.g. held-out accuracy
        status       TEXT NOT NULL
                     CHECK (status IN ('training', 'ready', 'failed', 'interrupted')),
        error        TEXT,
        created_at   TEXT NOT NULL,
        finished_at  TEXT,
        -- As for runs: lets a later open tell a crashed training from one still going.
        owner_pid    INTEGER,
        owner_host   TEXT
      );

      CREATE INDEX filters_created_at ON filters (created_at DESC);
      -- Without it, deleting a label set scans every filter to clear its label_set_id.
      CREATE INDEX filters_label_set_id ON filters (label_set_id);

      CREATE TABLE training_epochs (
        filter_id             TEXT NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
        epoch                 INTEGER NOT NULL CHECK (epoch >= 0),
        -- NOT NULL for the same reason as in generations: a NaN would be stored as NULL.
        cls_loss              REAL NOT NULL,
        contr_loss            REAL NOT NULL,
        ess_loss              REAL NOT NULL,
        accuracy              REAL NOT NULL,
        contraction_satisfied REAL NOT NULL,
        PRIMARY KEY (filter_id, epoch)
      ) WITHOUT ROWID;

      -- ADD COLUMN keeps every existing run as it is, with no filter.
      ALTER TABLE runs ADD COLUMN filter_id TEXT REFERENCES filters (id) ON DELETE SET NULL;
      -- Without it, deleting a filter scans every run to clear its filter_id.
      CREATE INDEX runs_filter_id ON runs (filter_id);
    `);
  },
};
