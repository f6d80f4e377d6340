/**
 * A bounded, immutable undo stack: `push` and `pop` return new stacks, so a React state update
 * never shares a mutated array with the previous render.
 */
export interface UndoStack<T> {
  readonly entries: readonly T[];
  /** The most entries kept; the oldest fall off first. */
  readonly limit: number;
}

export function createUndoStack<T>(limit = 500): UndoStack<T> {
  if (!(Number.isInteger(limit) && limit > 0)) throw new Error(`undo stack: expected a positive integer limit but got ${limit}`);
  return { entries: [], limit };
}

export function pushUndo<T>(stack: UndoStack<T>, entry: T): UndoStack<T> {
  const entries = [...stack.entries, entry];
  return { ...stack, entries: entries.length > stack.limit ? entries.slice(entries.length - stack.limit) : entries };
}

/** The last entry and the stack without it; `entry` is undefined when there is nothing to undo. */
export function popUndo<T>(stack: UndoStack<T>): { entry: T | undefined; stack: UndoStack<T> } {
  if (stack.entries.length === 0) return { entry: undefined, stack };
  return { entry: stack.entries[stack.entries.length - 1], stack: { ...stack, entries: stack.entries.slice(0, -1) } };
}

export function canUndo(stack: UndoStack<unknown>): boolean {
  return stack.entries.length > 0;
}
