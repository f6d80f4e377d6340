import { describe, expect, it } from 'vitest';
import type { Label } from '../../renderer/labeling/label-values';
import { createSession, describeLastChange, labelsOf, markCandidates, sessionCanUndo, undoLast, withLoadedGeneration } from '../../renderer/labeling/session';
import { canUndo, createUndoStack, popUndo, pushUndo } from '../../renderer/labeling/undo-stack';

const unlabelled = (n: number): Label[] => Array<Label>(n).fill(-1);

describe('undo stack', () => {
  it('pops in reverse order without touching older stacks', () => {
    const a = pushUndo(createUndoStack<string>(), 'first');
    const b = pushUndo(a, 'second');
    const { entry, stack } = popUndo(b);
    expect(entry).toBe('second');
    expect(stack.entries).toEqual(['first']);
    expect(b.entries).toEqual(['first', 'second']);
    expect(popUndo(createUndoStack<string>()).entry).toBeUndefined();
    expect(canUndo(stack)).toBe(true);
  });

  it('keeps at most `limit` entries, dropping the oldest', () => {
    let s = createUndoStack<number>(3);
    for (let i = 1; i <= 5; i++) s = pushUndo(s, i);
    expect(s.entries).toEqual([3, 4, 5]);
    expect(() => createUndoStack(0)).toThrow('expected a positive integer limit but got 0');
  });
});

describe('labelling session', () => {
  const loaded = withLoadedGeneration(createSession(), 1, unlabelled(6));

  it('marks the selection, returning exactly the entries to save', () => {
    const step = markCandidates(loaded, 1, [0, 2, 4], 1);
    expect(labelsOf(step.session, 1)).toEqual([1, -1, 1, -1, 1, -1]);
    expect(step.entries).toEqual([
      { generation: 1, idx: 0, label: 1 },
      { generation: 1, idx: 2, label: 1 },
      { generation: 1, idx: 4, label: 1 },
    ]);
    expect(describeLastChange(step.session)).toBe('3 candidates marked good in generation 1');
  });

  it('Z restores the previous labels of the last mark, and saves that restore', () => {
    const good = markCandidates(loaded, 1, [0, 1, 2], 1).session;
    const bad = markCandidates(good, 1, [2, 3], 0);
    expect(labelsOf(bad.session, 1)).toEqual([1, 1, 0, 0, -1, -1]);
    expect(bad.entries).toHaveLength(2);

    const undone = undoLast(bad.session)!;
    expect(labelsOf(undone.session, 1)).toEqual([1, 1, 1, -1, -1, -1]);
    // Candidate 2 goes back to good, 3 back to unlabelled (null clears it in the store).
    expect(undone.entries).toEqual([
      { generation: 1, idx: 2, label: 1 },
      { generation: 1, idx: 3, label: null },
    ]);
    const first = undoLast(undone.session)!;
    expect(labelsOf(first.session, 1)).toEqual(unlabelled(6));
    expect(undoLast(first.session)).toBeNull();
    expect(sessionCanUndo(first.session)).toBe(false);
  });

  it('a mark that changes nothing records nothing and saves nothing', () => {
    const good = markCandidates(loaded, 1, [0, 1], 1).session;
    const again = markCandidates(good, 1, [0, 1], 1);
    expect(again.entries).toEqual([]);
    expect(again.session).toBe(good);
    expect(good.undo.entries).toHaveLength(1);
    // Only the candidates that change are recorded (and restored by undo).
    const mixed = markCandidates(good, 1, [1, 2], 1);
    expect(mixed.entries.map((e) => e.idx)).toEqual([2]);
  });

  it('undo reaches back into another generation, and names it', () => {
    const g1 = markCandidates(loaded, 1, [5], 0).session;
    const both = withLoadedGeneration(g1, 2, unlabelled(3));
    const step = undoLast(both)!;
    expect(step.generation).toBe(1);
    expect(labelsOf(step.session, 1)).toEqual(unlabelled(6));
    expect(labelsOf(step.session, 2)).toEqual(unlabelled(3));
  });

  it("keeps the session's own labels over a later answer from the store", () => {
    const marked = markCandidates(loaded, 1, [0], 1).session;
    expect(labelsOf(withLoadedGeneration(marked, 1, unlabelled(6)), 1)).toEqual([1, -1, -1, -1, -1, -1]);
  });

  it('refuses indices outside the group and generations it does not hold', () => {
    expect(() => markCandidates(loaded, 1, [6], 1)).toThrow('expected a candidate index in 0..5 but got 6');
    expect(() => markCandidates(loaded, 9, [0], 1)).toThrow('generation 9 is not loaded');
  });
});
