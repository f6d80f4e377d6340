/**
 * The set of selected candidates (indices into one generation's group). Immutable: every
 * operation returns a new set, so React sees the change and undo never aliases state.
 */
export type Selection = ReadonlySet<number>;

/** How a click, box or lasso combines with what is already selected (no key, Shift, Alt). */
export type SelectMode = 'replace' | 'add' | 'subtract';

export const EMPTY_SELECTION: Selection = new Set<number>();

/** The mode a click's or drag's modifier keys ask for: Shift adds, Alt subtracts, neither replaces. */
export function selectModeOf(keys: { shiftKey: boolean; altKey: boolean }): SelectMode {
  if (keys.shiftKey) return 'add';
  if (keys.altKey) return 'subtract';
  return 'replace';
}

/**
 * A click on a candidate, as in every editor: a plain click starts a new selection with just
 * that candidate; Shift-click adds it, or takes it out if it was in; Alt-click takes it out.
 * (A plain click that added would quietly carry an earlier selection into the next mark.)
 */
export function clickSelection(selection: Selection, index: number, mode: SelectMode): Selection {
  if (mode === 'replace') return new Set([index]);
  if (mode === 'add') return toggleIndex(selection, index);
  return combineSelection(selection, [index], 'subtract');
}

/** The point joins the selection, or leaves it if it was in (Shift-click). */
export function toggleIndex(selection: Selection, index: number): Selection {
  const next = new Set(selection);
  if (next.has(index)) next.delete(index);
  else next.add(index);
  return next;
}

/** A box or lasso's hits combined with the current selection. */
export function combineSelection(selection: Selection, hits: Iterable<number>, mode: SelectMode): Selection {
  if (mode === 'replace') return new Set(hits);
  const next = new Set(selection);
  for (const i of hits) {
    if (mode === 'add') next.add(i);
    else next.delete(i);
  }
  return next;
}

/** Every index 0..count-1 for which `keep` holds. */
export function selectWhere(count: number, keep: (index: number) => boolean): Selection {
  const next = new Set<number>();
  for (let i = 0; i < count; i++) if (keep(i)) next.add(i);
  return next;
}

/** The selection as sorted indices (what marks and saves work on). */
export function selectedIndices(selection: Selection): number[] {
  return [...selection].sort((a, b) => a - b);
}
