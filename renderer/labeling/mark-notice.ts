import { LABEL_NAMES, type Label } from './label-values';
import type { LabelChange } from './session';

/** What the workspace says after G, B or U. */
export interface MarkNotice {
  text: string;
  /** Candidates that carried another label and lost it (relabelled, or cleared by U). */
  overwritten: number;
  /** An overwrite is worth a second look: the notice is a warning and carries an Undo button. */
  warn: boolean;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The notice of one mark: how many changed, and how many of those already had a different
 * label. Overwriting a label is the mistake a lasso or an old selection makes silently, so it
 * is named ("5 relabelled from good") and offered for undo on the spot.
 */
export function markNotice(change: LabelChange | null, selected: number, label: Label): MarkNotice {
  if (change === null) {
    return { text: `All ${selected} selected ${selected === 1 ? 'was' : 'were'} already ${LABEL_NAMES[label]}.`, overwritten: 0, warn: false };
  }
  const changed = change.indices.length;
  const was = { good: 0, bad: 0 };
  for (const b of change.before) {
    if (b === 1) was.good++;
    else if (b === 0) was.bad++;
  }
  const overwritten = was.good + was.bad;
  if (label === -1) {
    const parts = [was.good > 0 ? `${was.good} good` : '', was.bad > 0 ? `${was.bad} bad` : ''].filter(Boolean).join(', ');
    return { text: `Cleared the labels of ${plural(changed, 'candidate')} (${parts}). Z undoes it.`, overwritten, warn: overwritten > 0 };
  }
  const marked = `Marked ${plural(changed, 'candidate')} ${LABEL_NAMES[label]}`;
  if (overwritten === 0) return { text: `${marked}. Z undoes it.`, overwritten, warn: false };
  const other = label === 1 ? 'bad' : 'good';
  return { text: `${marked}: ${overwritten} relabelled from ${other}.`, overwritten, warn: true };
}
