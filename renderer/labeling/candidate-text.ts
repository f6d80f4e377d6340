import { formatMetric } from '../lib/format';

/** A candidate's own coordinates, "(0.123, -1.02, 3)", the first `max` of them for large d. */
export function candidateText(candidates: readonly number[], dim: number, index: number, max = 8): string {
  const shown = Math.min(dim, max);
  const values: string[] = [];
  for (let j = 0; j < shown; j++) values.push(formatMetric(candidates[index * dim + j]));
  return `(${values.join(', ')}${dim > max ? `, … ${dim - max} more` : ''})`;
}
