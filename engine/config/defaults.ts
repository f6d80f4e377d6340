import { FAMILY_SPECS } from './family-specs';
import type { Family, RunConfig } from './types';

/** Values a config gets for every field it leaves out (docs/experiments.md section 7: R = 200, seed 1). */
export const DEFAULT_CONFIG: Readonly<RunConfig> = Object.freeze({
  name: 'untitled',
  seed: 1,
  replicates: 200,
  generations: 200,
  model: { family: 'gaussian', dim: 2, estimate: 'mean', estimator: 'mle', sigma: 1 },
  sampleSize: { schedule: 'constant', n0: 100 },
  data: { mode: 'replace', realPerGeneration: 100, realWeight: 0.618 },
  filter: { kind: 'none', keepFraction: 0.7 },
} satisfies RunConfig) as Readonly<RunConfig>;

/** The truth of a family when `model.truth` is absent (family-specs.ts). */
export function defaultTruth(family: Family, dim: number): number {
  return FAMILY_SPECS[family].defaultTruth(dim);
}

/** theta* as d numbers. */
export function truthVector(config: Readonly<RunConfig>): Float64Array {
  const d = config.model.dim;
  const truth = config.model.truth ?? defaultTruth(config.model.family, d);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = typeof truth === 'number' ? truth : truth[j];
  return out;
}
