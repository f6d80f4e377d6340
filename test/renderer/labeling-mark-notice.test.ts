import { describe, expect, it } from 'vitest';
import type { Label } from '../../renderer/labeling/label-values';
import { markNotice } from '../../renderer/labeling/mark-notice';
import { clickSelection, combineSelection, EMPTY_SELECTION, selectModeOf, type Selection } from '../../renderer/labeling/selection';
import { createSession, labelsOf, markCandidates, undoLast, withLoadedGeneration } from '../../renderer/labeling/session';

const unlabelled = (n: number): Label[] => Array<Label>(n).fill(-1);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('the notice after a mark', () => {
  const loaded = withLoadedGeneration(createSession(), 1, unlabelled(10));
  const good = markCandidates(loaded, 1, range(0, 6), 1).session;

  it('says how many were marked, plainly, when no label was overwritten', () => {
    const step = markCandidates(loaded, 1, [0, 1, 2], 0);
    expect(markNotice(step.change, 3, 0)).toEqual({ text: 'Marked 3 candidates bad. Z undoes it.', overwritten: 0, warn: false });
    expect(markNotice(markCandidates(loaded, 1, [4], 1).change, 1, 1).text).toBe('Marked 1 candidate good. Z undoes it.');
  });

  it('warns when candidates that had another label are relabelled, and says how many', () => {
    // 5 of the 6 good ones, and 2 unlabelled ones, marked bad.
    const step = markCandidates(good, 1, [0, 1, 2, 3, 4, 8, 9], 0);
    expect(markNotice(step.change, 7, 0)).toEqual({ text: 'Marked 7 candidates bad: 5 relabelled from good.', overwritten: 5, warn: true });
    const back = markCandidates(step.session, 1, [0], 1);
    expect(markNotice(back.change, 1, 1).text).toBe('Marked 1 candidate good: 1 relabelled from bad.');
  });

  it('warns when U clears labels, naming what they were', () => {
    const bad = markCandidates(good, 1, [5], 0).session;
    const step = markCandidates(bad, 1, [3, 4, 5, 7], -1);
    expect(markNotice(step.change, 4, -1)).toEqual({ text: 'Cleared the labels of 3 candidates (2 good, 1 bad). Z undoes it.', overwritten: 3, warn: true });
  });

  it('says when nothing changed', () => {
    const step = markCandidates(good, 1, [0, 1], 1);
    expect(step.change).toBeNull();
    expect(markNotice(step.change, 2, 1)).toEqual({ text: 'All 2 selected were already good.', overwritten: 0, warn: false });
  });
});

describe('issue 13: lasso 39, G, click 5 outliers, B', () => {
  it('ends with 39 good and 5 bad: G clears the selection, a plain click starts a new one', () => {
    let session = withLoadedGeneration(createSession(), 1, unlabelled(100));
    // The workspace's steps: a lasso replaces, G marks and clears, clicks pick, B marks.
    let selection: Selection = combineSelection(EMPTY_SELECTION, range(0, 39), selectModeOf({ shiftKey: false, altKey: false }));
    session = markCandidates(session, 1, selection, 1).session;
    selection = EMPTY_SELECTION;
    const outliers = [90, 91, 92, 93, 94];
    selection = clickSelection(selection, outliers[0], 'replace');
    for (const i of outliers.slice(1)) selection = clickSelection(selection, i, selectModeOf({ shiftKey: true, altKey: false }));
    const step = markCandidates(session, 1, selection, 0);
    const labels = labelsOf(step.session, 1)!;
    expect(labels.filter((l) => l === 1)).toHaveLength(39);
    expect(labels.filter((l) => l === 0)).toHaveLength(5);
    expect(markNotice(step.change, selection.size, 0).warn).toBe(false);
  });

  it('even plain clicks on a kept selection no longer carry the 39 into B', () => {
    // Before the fix a plain click added to the lassoed 39; now it replaces them.
    const lassoed: Selection = new Set(range(0, 39));
    expect([...clickSelection(lassoed, 90, 'replace')]).toEqual([90]);
  });

  it('the relabel warning names them, and undo gives the labels back', () => {
    const session = markCandidates(withLoadedGeneration(createSession(), 1, unlabelled(100)), 1, range(0, 39), 1).session;
    const step = markCandidates(session, 1, [...range(0, 5), 90], 0);
    expect(markNotice(step.change, 6, 0).text).toBe('Marked 6 candidates bad: 5 relabelled from good.');
    const undone = undoLast(step.session)!;
    expect(labelsOf(undone.session, 1)!.filter((l) => l === 1)).toHaveLength(39);
    expect(undone.change).toBe(step.change);
  });
});
