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

/** The true parameter when `model.truth` is absent: a value well inside each family's range. */
export const DEFAULT_TRUTH: Readonly<Record<Exclude<Family, 'linear-regression'>, number>> = {
  gaussian: 0,
  poisson: 4,
  bernoulli: 0.3,
  exponential: 1,
};

/** The truth of a family when `model.truth` is absent: regression uses w0 = 1/sqrt(d) (||w0|| = 1). */
export function defaultTruth(family: Family, dim: number): number {
  return family === 'linear-regression' ? 1 / Math.sqrt(dim) : DEFAULT_TRUTH[family];
}

/** theta* as d numbers. */
export function truthVector(config: Readonly<RunConfig>): Float64Array {
  const d = config.model.dim;
  const truth = config.model.truth ?? defaultTruth(config.model.family, d);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) out[j] = typeof truth === 'number' ? truth : truth[j];
  return out;
}
