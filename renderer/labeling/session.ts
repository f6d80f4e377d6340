import type { LabelEntryDto } from '../../preload/contract';
import { entryLabel, type Label } from './label-values';
import { canUndo, createUndoStack, popUndo, pushUndo, type UndoStack } from './undo-stack';

/** One mark operation: which candidates of which generation, what they were, what they became. */
export interface LabelChange {
  generation: number;
  indices: readonly number[];
  before: readonly Label[];
  after: Label;
}

/**
 * What a labelling session knows: the labels of every generation it has shown (edits included,
 * so coming back to a generation shows them before the store answers) and its undo stack.
 */
export interface LabelSession {
  readonly labels: ReadonlyMap<number, readonly Label[]>;
  readonly undo: UndoStack<LabelChange>;
}

/** What a mark or an undo did: the new session, and the entries to save (empty: nothing changed). */
export interface SessionStep {
  session: LabelSession;
  entries: LabelEntryDto[];
  /** The generation the step touched. */
  generation: number;
  /** What the step changed (a mark's change, or the one an undo took back); null when nothing. */
  change: LabelChange | null;
}

export function createSession(undoLimit?: number): LabelSession {
  return { labels: new Map(), undo: createUndoStack<LabelChange>(undoLimit) };
}

/**
 * Takes the store's labels for a generation, unless this session already holds that generation
 * (its own edits are newer than an answer that may have been sent before they were saved).
 */
export function withLoadedGeneration(session: LabelSession, generation: number, labels: readonly Label[]): LabelSession {
  if (session.labels.has(generation)) return session;
  return { ...session, labels: new Map(session.labels).set(generation, labels) };
}

/** The current labels of a generation, if the session holds it. */
export function labelsOf(session: LabelSession, generation: number): readonly Label[] | undefined {
  return session.labels.get(generation);
}

/**
 * Marks candidates of a generation with `label`. Candidates already carrying it are left out;
 * when none change, nothing is recorded (no undo entry, nothing to save).
 */
export function markCandidates(session: LabelSession, generation: number, indices: Iterable<number>, label: Label): SessionStep {
  const current = session.labels.get(generation);
  if (!current) throw new Error(`mark: generation ${generation} is not loaded in this session`);
  const changed: number[] = [];
  const before: Label[] = [];
  for (const i of indices) {
    if (!(Number.isInteger(i) && i >= 0 && i < current.length)) throw new Error(`mark: expected a candidate index in 0..${current.length - 1} but got ${i}`);
    if (current[i] === label) continue;
    changed.push(i);
    before.push(current[i]);
  }
  if (changed.length === 0) return { session, entries: [], generation, change: null };
  const next = [...current];
  for (const i of changed) next[i] = label;
  const change: LabelChange = { generation, indices: changed, before, after: label };
  return {
    session: { labels: new Map(session.labels).set(generation, next), undo: pushUndo(session.undo, change) },
    entries: changed.map((idx) => ({ generation, idx, label: entryLabel(label) })),
    generation,
    change,
  };
}

/** Undoes the last mark: its candidates get their previous labels back (and those are saved). */
export function undoLast(session: LabelSession): SessionStep | null {
  const { entry, stack } = popUndo(session.undo);
  if (!entry) return null;
  const current = session.labels.get(entry.generation);
  if (!current) throw new Error(`undo: generation ${entry.generation} is not held by this session`);
  const next = [...current];
  entry.indices.forEach((idx, k) => (next[idx] = entry.before[k]));
  return {
    session: { labels: new Map(session.labels).set(entry.generation, next), undo: stack },
    entries: entry.indices.map((idx, k) => ({ generation: entry.generation, idx, label: entryLabel(entry.before[k]) })),
    generation: entry.generation,
    change: entry,
  };
}

export function sessionCanUndo(session: LabelSession): boolean {
  return canUndo(session.undo);
}

/** Describes the operation Z would undo ("8 marked good in generation 2"), for the Undo button's title. */
export function describeLastChange(session: LabelSession): string | null {
  const last = session.undo.entries[session.undo.entries.length - 1];
  if (!last) return null;
  const what = last.after === 1 ? 'good' : last.after === 0 ? 'bad' : 'unlabelled';
  const n = last.indices.length;
  return `${n} candidate${n === 1 ? '' : 's'} marked ${what} in generation ${last.generation}`;
}
