/** Who decided a label set's labels: the machine rule of docs/experiments.md section 4, or a person. */
export type { LabelSetKind } from './statuses';
import type { LabelSetKind } from './statuses';

/** One labelling generation's candidates, as the labelling experiment drew them. */
export interface NewLabelGroup {
  generation: number;
  /** The estimate the candidates were drawn around (its length is the family's business). */
  estimate: readonly number[];
  /** count x dim values, row-major. */
  candidates: Float64Array;
  dim: number;
}

export interface NewLabelSetInput {
  name: string;
  kind: LabelSetKind;
  /** For 'machine' the rule and its parameters, e.g. 'machine rule (contamination 0.3)'; else a name. */
  labeler: string;
  /** The experiment the candidates come from (family, dim, truth, seed, ...); opaque to the store. */
  source: unknown;
  groups: readonly NewLabelGroup[];
}

export interface LabelSetCounts {
  groups: number;
  candidates: number;
  /** Candidates with a label (good or bad). */
  labelled: number;
  /** Candidates labelled good. */
  good: number;
}

export interface LabelSetRecord {
  id: string;
  name: string;
  kind: LabelSetKind;
  labeler: string;
  source: unknown;
  /** ISO 8601 UTC with milliseconds. */
  createdAt: string;
  /** When labels were last saved (createdAt until then). */
  updatedAt: string;
  counts: LabelSetCounts;
}

/** Label of a candidate in LabelGroup.labels. */
export const UNLABELLED = -1;

export interface LabelGroup {
  generation: number;
  estimate: number[];
  dim: number;
  /** count x dim values, row-major, exactly as stored. */
  candidates: Float64Array;
  /** One per candidate: -1 unlabelled, 0 bad, 1 good. */
  labels: Int8Array;
}

/** One change saveLabels applies: `null` takes the label off (back to unlabelled). */
export interface LabelEntry {
  generation: number;
  idx: number;
  label: 0 | 1 | null;
}
