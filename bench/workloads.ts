import { findPreset, presetConfig, resolveConfig, type RunConfig } from '../engine';
import { runWork } from '../main/services';

/** A benchmark workload of docs/experiments.md section 8. */
export interface Workload {
  readonly name: string;
  readonly description: string;
  readonly config: RunConfig;
}

const B1_PARTIAL = {
  name: 'B1',
  seed: 1,
  replicates: 256,
  generations: 1000,
  model: { family: 'gaussian', dim: 8, estimate: 'mean' },
  sampleSize: { schedule: 'constant', n0: 256 },
  data: { mode: 'replace' },
  filter: { kind: 'none' },
};

/** B1 and B2: engine-only workloads. B3 and B4 (the neural filter) are below. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'B1',
    description: 'Gaussian mean, d = 8, n = 256 constant, replace, no filter, R = 256, T = 1000',
    config: resolveConfig(B1_PARTIAL),
  },
  {
    name: 'B2',
    description: 'B1 with the oracle filter, q = 0.9',
    config: resolveConfig({ ...B1_PARTIAL, name: 'B2', filter: { kind: 'oracle', keepFraction: 0.9 } }),
  },
  {
    name: 'G1',
    description: 'gmm-collapse at its defaults: 2-component mixture, d = 2, EM on n = 100, replace, R = 200, T = 200 (target: under 10 s here)',
    config: resolveConfig(presetConfig(findPreset('gmm-collapse')!)),
  },
];

/** d-dimensional samples a run draws: R * sum_t n_t (real ones at t = 0 included). */
export function samplesDrawn(config: RunConfig): number {
  return runWork(config) / config.model.dim;
}

/** B3: d = 2, n = 1000, R = 100, T = 200 with a trained neural filter applied each generation (inference only). */
export const B3_CONFIG: RunConfig = resolveConfig({
  name: 'B3',
  seed: 1,
  replicates: 100,
  generations: 200,
  model: { family: 'gaussian', dim: 2, estimate: 'mean' },
  sampleSize: { schedule: 'constant', n0: 1000 },
  filter: { kind: 'neural' },
});

/** B4: train the neural filter on 20 machine-labelled generations of 1000 candidates, 200 epochs (patience off). */
export const B4_CONFIG: RunConfig = resolveConfig({
  name: 'B4',
  seed: 1,
  model: { family: 'gaussian', dim: 2, estimate: 'mean' },
  filter: { kind: 'neural', labels: { generations: 20, candidates: 1000 }, training: { epochs: 200, patience: 0 } },
});

/**
 * M1 (issue 7): memory stays bounded in a long run: R = 1000, T = 100,000 of the random walk
 * (xu-fixed-n's model, n = 100). Summaries stream to the host and nothing grows with T.
 */
export const M1_CONFIG: RunConfig = resolveConfig({
  name: 'M1',
  seed: 1,
  replicates: 1000,
  generations: 100_000,
  model: { family: 'gaussian', dim: 2, estimate: 'mean' },
  sampleSize: { schedule: 'constant', n0: 100 },
});
