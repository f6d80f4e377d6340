import { blobToFloat64, float64ToBlob } from './float64-blob';
import { toJsonColumn } from './json-column';
import type { LabelSetKind, LabelSetRecord, NewLabelGroup } from './label-types';

/** A label set row with its counts, as SQL.getLabelSet and SQL.listLabelSets return it. */
export interface LabelSetRow {
  id: string;
  name: string;
  kind: LabelSetKind;
  labeler: string;
  source: string;
  created_at: string;
  updated_at: string;
  group_count: number;
  candidate_count: number;
  labelled_count: number;
  good_count: number;
}

/** A `label_groups` row as SQL.getLabelGroup returns it. */
export interface LabelGroupRow {
  generation: number;
  dim: number;
  count: number;
  estimate: string;
  candidates: Buffer;
}

/** Named parameters of SQL.insertLabelGroup. */
export interface LabelGroupParams {
  labelSetId: string;
  generation: number;
  dim: number;
  count: number;
  estimate: string;
  candidates: Buffer;
}

export function toLabelSetRecord(row: LabelSetRow): LabelSetRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    labeler: row.labeler,
    source: JSON.parse(row.source) as unknown,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    counts: {
      groups: row.group_count,
      candidates: row.candidate_count,
      labelled: row.labelled_count,
      good: row.good_count,
    },
  };
}

/**
 * Flattens one group into column values. Refuses what would not read back as given: a
 * candidate array that is not whole rows of `dim`, and NaN or infinities anywhere.
 */
export function toLabelGroupParams(labelSetId: string, group: NewLabelGroup): LabelGroupParams {
  const what = `label group generation=${group.generation}`;
  if (!Number.isInteger(group.generation) || group.generation < 0) {
    throw new RangeError(`${what}: expected the generation to be an integer >= 0`);
  }
  if (!Number.isInteger(group.dim) || group.dim < 1) {
    throw new RangeError(`${what}: expected dim to be an integer >= 1 but got ${group.dim}`);
  }
  if (group.candidates.length % group.dim !== 0) {
    throw new RangeError(`${what}: ${group.candidates.length} candidate values are not whole rows of dim ${group.dim}`);
  }
  return {
    labelSetId,
    generation: group.generation,
    dim: group.dim,
    count: group.candidates.length / group.dim,
    estimate: toJsonColumn([...group.estimate], `${what} estimate`),
    candidates: float64ToBlob(group.candidates, `${what} candidates`),
  };
}

/** The candidates of a group row, or undefined when the blob is not count x dim values. */
export function toCandidates(row: LabelGroupRow): Float64Array | undefined {
  return blobToFloat64(row.candidates, row.count * row.dim);
}
