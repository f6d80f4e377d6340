import type { LabelEntryDto } from '../../preload/contract';

/** A candidate's label as the services send it (CandidateGroup.labels): 1 good, 0 bad, -1 unlabelled. */
export type Label = 1 | 0 | -1;

export const GOOD = 1 satisfies Label;
export const BAD = 0 satisfies Label;
export const UNLABELLED = -1 satisfies Label;

export const LABEL_NAMES: Readonly<Record<Label, string>> = { 1: 'good', 0: 'bad', [-1]: 'unlabelled' };

/** Any number from the wire as a Label (anything but 0 and 1 is unlabelled). */
export function asLabel(value: number): Label {
  return value === 1 ? 1 : value === 0 ? 0 : -1;
}

/** The label as `labels:save` takes it: null clears a label. */
export function entryLabel(label: Label): LabelEntryDto['label'] {
  return label === -1 ? null : label;
}

export interface LabelCounts {
  total: number;
  good: number;
  bad: number;
  unlabelled: number;
  /** good + bad */
  labelled: number;
}

/** How many candidates carry each label. */
export function countLabels(labels: readonly number[]): LabelCounts {
  let good = 0;
  let bad = 0;
  for (const l of labels) {
    if (l === 1) good++;
    else if (l === 0) bad++;
  }
  return { total: labels.length, good, bad, unlabelled: labels.length - good - bad, labelled: good + bad };
}
