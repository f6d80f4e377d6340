import type { LabelSetInfo } from '../../preload/contract';

/** The parts of a label set's `source` (main/services/label-sets.ts) the page shows. */
export interface SetSource {
  family: string;
  dim: number;
  generations: number;
  candidates: number;
  contamination: number;
}

/** Reads the source the services store with a set; null for anything else (older or foreign sets). */
export function readSource(source: unknown): SetSource | null {
  if (typeof source !== 'object' || source === null) return null;
  const s = source as Record<string, unknown>;
  const numbers = ['dim', 'generations', 'candidates', 'contamination'] as const;
  if (typeof s.family !== 'string' || numbers.some((k) => typeof s[k] !== 'number')) return null;
  return { family: s.family, dim: s.dim as number, generations: s.generations as number, candidates: s.candidates as number, contamination: s.contamination as number };
}

/** "gaussian, d = 2 · 3 generations × 100 candidates · machine rule keeps 70%". */
export function describeSource(set: Pick<LabelSetInfo, 'source' | 'counts'>): string {
  const s = readSource(set.source);
  if (!s) return `${set.counts.groups} generations, ${set.counts.candidates} candidates`;
  return `${s.family}, d = ${s.dim} · ${s.generations} generation${s.generations === 1 ? '' : 's'} × ${s.candidates} candidates · machine rule keeps ${Math.round((1 - s.contamination) * 100)}%`;
}
