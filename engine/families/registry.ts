import type { Family, ModelConfig, RunConfig } from '../config/types';
import { COORDINATE_LAWS } from './coordinate-laws';
import { CoordinatewiseKernel } from './coordinatewise';
import type { FamilyKernel } from './family';
import { GaussianKernel } from './gaussian';
import { CoordinatewiseStatistic, GaussianStatistic, type StatisticSampler } from './statistics';

/**
 * The moment recursion's per-family pieces (theory/recursion.ts): V*, the variance of one
 * coordinate under a truth value, and kappa, how much of the previous error the model's own
 * variance loses (E p(1 - p) = p*(1 - p*) - E e^2 for Bernoulli: kappa 1; a martingale rate or a
 * known variance: 0). `none`: the family has no closed form (an exponential rate is no martingale);
 * `regression`: theory/regression.ts has its own.
 */
export type FamilyTheory =
  | { readonly kind: 'moments'; readonly variance: (truth: number, model: Readonly<ModelConfig>) => number; readonly kappa: number }
  | { readonly kind: 'regression' }
  | { readonly kind: 'none' };

export interface FamilyNumerics {
  /**
   * The sampling kernel (sampler, sufficient statistic, weighted fit, log-likelihood, spread) of a
   * validated config, given theta* as d numbers; null for a family its own block advances.
   */
  readonly kernel: ((model: Readonly<ModelConfig>, truth: Float64Array) => FamilyKernel) | null;
  readonly theory: FamilyTheory;
  /**
   * The exact sampler of n draws' sufficient statistic (statistics.ts), which `engine.sampling`
   * uses where no filter needs the samples; absent for a family without one.
   */
  readonly statistic?: (model: Readonly<ModelConfig>) => StatisticSampler;
}

export const FAMILY_NUMERICS: { readonly [K in Family]: FamilyNumerics } = {
  gaussian: {
    kernel: (m, truth) => new GaussianKernel(m.dim, m.estimate, m.estimator, m.sigma, truth),
    // The base is sigma^2 for every truth value (a fitted covariance shrinks it: recursion.ts).
    theory: { kind: 'moments', variance: (_v, m) => m.sigma * m.sigma, kappa: 0 },
    statistic: (m) => new GaussianStatistic(m.dim, m.estimate === 'mean-cov', m.sigma),
  },
  poisson: {
    kernel: (m, truth) => new CoordinatewiseKernel('poisson', m.dim, truth),
    theory: { kind: 'moments', variance: (v) => COORDINATE_LAWS.poisson.variance(v), kappa: 0 },
    statistic: (m) => new CoordinatewiseStatistic('poisson', m.dim),
  },
  bernoulli: {
    kernel: (m, truth) => new CoordinatewiseKernel('bernoulli', m.dim, truth),
    theory: { kind: 'moments', variance: (v) => COORDINATE_LAWS.bernoulli.variance(v), kappa: 1 },
    statistic: (m) => new CoordinatewiseStatistic('bernoulli', m.dim),
  },
  exponential: {
    kernel: (m, truth) => new CoordinatewiseKernel('exponential', m.dim, truth),
    theory: { kind: 'none' },
    statistic: (m) => new CoordinatewiseStatistic('exponential', m.dim),
  },
  'linear-regression': {
    kernel: null,
    theory: { kind: 'regression' },
  },
  // EM needs the points, not a moment block: engine/mixture/mixture-block.ts advances it.
  'gaussian-mixture': {
    kernel: null,
    theory: { kind: 'none' },
  },
  // Seed 004 gives no closed form for MNIST's kernels; Figure 5 is measured, not predicted.
  'kernel-ridge': {
    kernel: null,
    theory: { kind: 'none' },
  },
};

/** The numerics of a config's family. */
export function familyNumerics(config: Readonly<RunConfig>): FamilyNumerics {
  return FAMILY_NUMERICS[config.model.family];
}
