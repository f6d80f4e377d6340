import type { Migration } from './migration';

/**
 * A run's note and tags (issue 18, item 5), what experiment trackers let a researcher write
 * beside a run: `note` is free text (plain or Markdown, the run page renders it), NULL for
 * none; `tags` is a JSON array of distinct non-empty names in the order they were added, '[]'
 * for none. ADD COLUMN leaves every existing row as it was and gives it no note and no tags.
 */
export const runNotesTagsMigration: Migration = {
  version: 5,
  name: 'run-notes-tags',
  up(db) {
    db.exec(`
      ALTER TABLE runs ADD COLUMN note TEXT;
      ALTER TABLE runs ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
