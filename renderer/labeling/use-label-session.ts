import { useCallback, useMemo, useRef, useState } from 'react';
import type { CandidateGroup } from '../../preload/contract';
import { asLabel, type Label } from './label-values';
import type { SaveQueue } from './save-queue';
import { createSession, describeLastChange, labelsOf, markCandidates, sessionCanUndo, undoLast, withLoadedGeneration, type LabelChange, type LabelSession } from './session';

export interface LabelSessionApi {
  /** The labels of the group shown: this session's edits over what the store sent. */
  labels: readonly Label[] | null;
  /** Marks candidates of the group shown; returns what changed (null: nothing changed, saved or undoable). */
  mark(indices: Iterable<number>, label: Label): LabelChange | null;
  /** Undoes the last mark; returns the generation it touched, or null with nothing to undo. */
  undo(): number | null;
  canUndo: boolean;
  /** What Z would undo, in words. */
  lastChange: string | null;
}

/**
 * The labelling session of one label set: labels per generation with the undo stack
 * (session.ts), every mark and undo handed to the save queue at once. The session lives in a
 * ref as well as in state, so key presses in quick succession each see the previous one's result.
 */
export function useLabelSession(group: CandidateGroup | null, queue: SaveQueue): LabelSessionApi {
  const ref = useRef<LabelSession>(createSession());
  const [session, setSession] = useState(ref.current);

  const commit = useCallback((next: LabelSession) => {
    ref.current = next;
    setSession(next);
  }, []);

  const loaded = useMemo(() => (group ? group.labels.map(asLabel) : null), [group]);

  const current = useCallback((): LabelSession => {
    if (!group || !loaded) return ref.current;
    return withLoadedGeneration(ref.current, group.generation, loaded);
  }, [group, loaded]);

  const mark = useCallback(
    (indices: Iterable<number>, label: Label): LabelChange | null => {
      if (!group) return null;
      const step = markCandidates(current(), group.generation, indices, label);
      if (step.change === null) return null;
      commit(step.session);
      queue.push(step.entries);
      return step.change;
    },
    [group, current, commit, queue],
  );

  const undo = useCallback((): number | null => {
    const step = undoLast(current());
    if (!step) return null;
    commit(step.session);
    queue.push(step.entries);
    return step.generation;
  }, [current, commit, queue]);

  const labels = group ? (labelsOf(session, group.generation) ?? loaded) : null;
  return { labels, mark, undo, canUndo: sessionCanUndo(session), lastChange: describeLastChange(session) };
}
