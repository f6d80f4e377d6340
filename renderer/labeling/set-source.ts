import type { LabelSetInfo } from '../../preload/contract';

/** "gaussian, d = 2 · 3 generations × 100 candidates · machine rule keeps 70%". */
export function describeSource(set: Pick<LabelSetInfo, 'source' | 'counts'>): string {
  const s = set.source;
  if (!s) return `${set.counts.groups} generations, ${set.counts.candidates} candidates`;
  return `${s.family}, d = ${s.dim} · ${s.generations} generation${s.generations === 1 ? '' : 's'} × ${s.candidates} candidates · machine rule keeps ${Math.round((1 - s.contamination) * 100)}%`;
}
