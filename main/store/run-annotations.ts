/**
 * A run's note and tags (migration 0005): the only run columns a user edits after the run was
 * made, so they are written here, apart from the writer's progress, and any time (a running
 * run can be tagged too).
 */
import type Database from 'better-sqlite3';
import { editTags, noteProblem, tagListProblem } from '../../common/run-annotations';
import { StoreError } from './errors';
import { SQL } from './queries';
import { toRunRecord, type RunRow } from './row-mapping';
import type { RunRecord } from './types';

export interface RunAnnotations {
  /** Sets the note (null clears it) and returns the run as stored; RUN_NOT_FOUND for no run. */
  setNote(runId: string, note: string | null): RunRecord;
  /**
   * Appends `add` (those not there yet) and takes `remove` off, read and written in one
   * transaction so that two processes tagging one run at once both count; returns the run.
   * RangeError (nothing written) when the list that results is one tagListProblem refuses.
   */
  editTags(runId: string, add: readonly string[], remove: readonly string[]): RunRecord;
}

export function createRunAnnotations(db: Database.Database, file: string): RunAnnotations {
  const setNote = db.prepare<[{ id: string; note: string | null }]>(SQL.setRunNote);
  const setTags = db.prepare<[{ id: string; tags: string }]>(SQL.setRunTags);
  const get = db.prepare<[string], RunRow>(SQL.getRun);
  const write = db.transaction((runId: string, apply: (run: RunRecord) => void): RunRecord => {
    const row = get.get(runId);
    if (row === undefined) throw new StoreError('RUN_NOT_FOUND', file, `no run with id ${runId}`);
    apply(toRunRecord(row));
    return toRunRecord(get.get(runId)!);
  });
  return {
    setNote(runId, note) {
      const problem = note === null ? null : noteProblem(note);
      if (problem) throw new RangeError(problem);
      return write.immediate(runId, () => setNote.run({ id: runId, note }));
    },
    editTags(runId, add, remove) {
      return write.immediate(runId, (run) => {
        const tags = editTags(run.tags, add, remove);
        const problem = tagListProblem(tags);
        if (problem) throw new RangeError(problem);
        setTags.run({ id: runId, tags: JSON.stringify(tags) });
      });
    },
  };
}
