import { RUN_PALETTE } from './run-palette';

/**
 * The chosen runs: ids in the order chosen, the pinned baseline, and each run's colour slot.
 * A run keeps its colour while it stays chosen, whatever else is added, removed or pinned.
 */
export interface Selection {
  readonly ids: readonly string[];
  /** The pinned baseline, always one of `ids` (null: none pinned, the first chosen is the baseline). */
  readonly pinned: string | null;
  readonly slots: Readonly<Record<string, number>>;
}

export const EMPTY_SELECTION: Selection = { ids: [], pinned: null, slots: {} };

/** The lowest colour slot no chosen run holds. */
function freeSlot(slots: Readonly<Record<string, number>>, ids: readonly string[]): number {
  const used = new Set(ids.map((id) => slots[id]));
  let s = 0;
  while (used.has(s)) s++;
  return s;
}

function withIds(sel: Selection, ids: readonly string[]): Selection {
  const slots: Record<string, number> = {};
  const kept = ids.filter((id) => sel.ids.includes(id));
  for (const id of kept) slots[id] = sel.slots[id];
  for (const id of ids) if (slots[id] === undefined) slots[id] = freeSlot(slots, Object.keys(slots));
  return { ids: [...ids], pinned: sel.pinned !== null && ids.includes(sel.pinned) ? sel.pinned : null, slots };
}

export function toggleRun(sel: Selection, id: string): Selection {
  return withIds(sel, sel.ids.includes(id) ? sel.ids.filter((x) => x !== id) : [...sel.ids, id]);
}

/** Adds every id not chosen yet (in the order given). */
export function addRuns(sel: Selection, ids: readonly string[]): Selection {
  return withIds(sel, [...sel.ids, ...ids.filter((id) => !sel.ids.includes(id))]);
}

/** Keeps only the chosen runs that still exist (after a delete). */
export function retainRuns(sel: Selection, existing: ReadonlySet<string>): Selection {
  const ids = sel.ids.filter((id) => existing.has(id));
  return ids.length === sel.ids.length ? sel : withIds(sel, ids);
}

/** Pins a run as the baseline (choosing it if needed); pinning the pinned run unpins it. */
export function pinBaseline(sel: Selection, id: string): Selection {
  if (sel.pinned === id) return { ...sel, pinned: null };
  const chosen = sel.ids.includes(id) ? sel : withIds(sel, [...sel.ids, id]);
  return { ...chosen, pinned: id };
}

/** The baseline: the pinned run, else the first chosen. */
export function baselineOf(sel: Selection): string | null {
  return sel.pinned ?? sel.ids[0] ?? null;
}

/** Chosen ids with the baseline first, then in the order chosen. */
export function orderedIds(sel: Selection): string[] {
  const base = baselineOf(sel);
  return base === null ? [] : [base, ...sel.ids.filter((id) => id !== base)];
}

export function slotOf(sel: Selection, id: string): number {
  return sel.slots[id] ?? 0;
}

export function colourOf(sel: Selection, id: string): string {
  return RUN_PALETTE[slotOf(sel, id) % RUN_PALETTE.length];
}

/**
 * Legend labels, unique per run (the legend toggles series by name): the run's name, with its
 * id added when two chosen runs share a name.
 */
export function runLabels(runs: readonly { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const r of runs) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return new Map(runs.map((r) => [r.id, (count.get(r.name) ?? 0) > 1 ? `${r.name} · ${r.id}` : r.name]));
}
