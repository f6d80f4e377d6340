import type { RunConfig } from '../config/types';

/** One axis of a sweep preset: a config field and the values it takes. */
export interface SweepAxis {
  readonly path: string;
  readonly values: readonly (number | string)[];
}

/**
 * A grid of runs reproducing a paper's sweep: every combination of the axes' values over one
 * base config (the full product, in axis order, the last axis fastest).
 */
export interface SweepPreset {
  readonly name: string;
  readonly title: string;
  readonly source: string;
  readonly base: Readonly<Partial<Omit<RunConfig, 'model' | 'sampleSize'>>> & { model?: Partial<RunConfig['model']>; sampleSize?: Partial<RunConfig['sampleSize']> };
  readonly axes: readonly SweepAxis[];
}

export const SWEEP_PRESETS: readonly SweepPreset[] = [
  {
    name: 'collapse-or-thrive-gaussian',
    title: 'Fitting a Gaussian to its own samples, replace against accumulate, over dimension and sample size',
    source: 'Kazdan, Schaeffer et al. (KoyejoLab), "Collapse or Thrive? Perils and Promises of Synthetic Data in a Self-Generating World": the multivariate Gaussian grid',
    // 100 seeds are 100 replicates (one stream each); 100 model-fitting iterations after the fit
    // on real data. A fitted d x d covariance needs n >= d + 1: the engine refuses the points
    // below (n = 10 at d >= 10, n = 32 and 100 at d = 100), where the paper's fits are singular.
    base: { name: 'collapse-or-thrive-gaussian', seed: 1, replicates: 100, generations: 100, model: { family: 'gaussian', estimate: 'mean-cov', estimator: 'mle', sigma: 1 }, sampleSize: { schedule: 'constant' } },
    axes: [
      { path: 'data.mode', values: ['replace', 'accumulate'] },
      { path: 'model.dim', values: [1, 3, 10, 31, 100] },
      { path: 'sampleSize.n0', values: [10, 32, 100, 316, 1000] },
    ],
  },
];

/** Every point of a sweep preset's grid, as `path=value` overrides, in grid order. */
export function sweepPoints(preset: SweepPreset): string[][] {
  let points: string[][] = [[]];
  for (const axis of preset.axes) points = points.flatMap((p) => axis.values.map((v) => [...p, `${axis.path}=${v}`]));
  return points;
}
