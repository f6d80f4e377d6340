import { describe, expect, it } from 'vitest';
import { clickSelection, combineSelection, EMPTY_SELECTION, selectedIndices, selectModeOf, selectWhere, toggleIndex } from '../../renderer/labeling/selection';

describe('selection', () => {
  it('a click toggles one candidate and leaves the others (and the old set) alone', () => {
    const one = toggleIndex(EMPTY_SELECTION, 4);
    const two = toggleIndex(one, 9);
    expect(selectedIndices(two)).toEqual([4, 9]);
    expect(selectedIndices(toggleIndex(two, 4))).toEqual([9]);
    expect(selectedIndices(one)).toEqual([4]);
  });

  it('a plain click starts a new selection; Shift-click adds or takes out; Alt-click takes out', () => {
    const lassoed = new Set([1, 2, 3]);
    expect(selectedIndices(clickSelection(lassoed, 7, 'replace'))).toEqual([7]);
    expect(selectedIndices(clickSelection(lassoed, 2, 'replace'))).toEqual([2]);
    expect(selectedIndices(clickSelection(lassoed, 7, 'add'))).toEqual([1, 2, 3, 7]);
    expect(selectedIndices(clickSelection(lassoed, 2, 'add'))).toEqual([1, 3]);
    expect(selectedIndices(clickSelection(lassoed, 2, 'subtract'))).toEqual([1, 3]);
    expect(selectedIndices(clickSelection(lassoed, 9, 'subtract'))).toEqual([1, 2, 3]);
    expect(selectedIndices(lassoed)).toEqual([1, 2, 3]);
  });

  it('a box or lasso replaces the selection, adds to it with Shift, takes out of it with Alt', () => {
    const start = new Set([1, 2, 3]);
    expect(selectedIndices(combineSelection(start, [3, 7], 'replace'))).toEqual([3, 7]);
    expect(selectedIndices(combineSelection(start, [3, 7], 'add'))).toEqual([1, 2, 3, 7]);
    expect(selectedIndices(combineSelection(start, [3, 7], 'subtract'))).toEqual([1, 2]);
    expect(selectedIndices(start)).toEqual([1, 2, 3]);
  });

  it('reads the mode from the drag’s modifier keys (Shift wins over Alt)', () => {
    expect(selectModeOf({ shiftKey: false, altKey: false })).toBe('replace');
    expect(selectModeOf({ shiftKey: true, altKey: false })).toBe('add');
    expect(selectModeOf({ shiftKey: false, altKey: true })).toBe('subtract');
    expect(selectModeOf({ shiftKey: true, altKey: true })).toBe('add');
  });

  it('selects by a predicate and lists indices in order', () => {
    const labels = [1, -1, 0, -1, 1];
    expect(selectedIndices(selectWhere(labels.length, (i) => labels[i] === -1))).toEqual([1, 3]);
    expect(selectedIndices(new Set([5, 1, 3]))).toEqual([1, 3, 5]);
  });
});
