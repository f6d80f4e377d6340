import type { RunConfig } from '../config/types';
import type { GenerationSummary } from '../core/summary-types';
import { contractionStrength } from '../neural/contraction';
import { trainingSettings } from '../neural/settings';

/**
 * The convergence bound of seed 000 beside a filtered run: Assumption 2.3 in expectation, as
 * the proof of Theorem 2.7 takes it, E V_t <= (1 - c_t) E V_{t-1} + noise_t, stated for
 * V = ||e||^2 (the MSE the run reports) with
 * - 1 - c_t the run's measured contraction at t: the across-replicate least-squares slope of
 *   ||e_t||^2 on ||e_{t-1}||^2 (the generation's `contraction.slope`; the sampling noise of
 *   generation t sits in the intercept, not in the slope, as it would in a ratio V_t / V_{t-1});
 * - noise_t = d sigma^2 / n_t, the schedule's noise (E||e||^2 of a mean of n_t draws from
 *   N(theta, sigma^2 I), docs/experiments.md section 1);
 * - B_0 = noise_0: generation 0 fits n_0 real samples, so E||e_0||^2 is exactly that.
 * A filter that keeps a share of the candidates sees more noise than d sigma^2 / n_t, so the
 * bound can fail: whether it holds is measured, generation by generation. The noise is in
 * closed form for Gaussian runs only; the bound is null for the other families.
 */
export interface ContractionBound {
  /** B_t per generation (null where the family has no closed-form noise). */
  readonly bound: readonly (number | null)[];
  /** Share of generations t >= 1 whose measured 1 - c_t met the condition: slope <= 1 - c(MSE_{t-1}). */
  readonly contractedShare: number | null;
  /** Share of generations t >= 0 with the measured MSE (error.rms^2) <= B_t (null without a bound). */
  readonly boundHeldShare: number | null;
}

type BoundInput = Pick<GenerationSummary, 't' | 'sampleSize' | 'error' | 'contraction'>;

/** B_t and the two shares for a neural run's generations, in order t = 0, 1, ... */
export function contractionBound(config: Readonly<RunConfig>, generations: readonly BoundInput[]): ContractionBound {
  const d = config.model.dim;
  const settings = trainingSettings(config);
  const sigma2 = config.model.family === 'gaussian' ? config.model.sigma ** 2 : null;
  const bound: (number | null)[] = [];
  let contracted = 0;
  let steps = 0;
  let held = 0;
  let prev: BoundInput | undefined;
  let prevBound: number | null = null;
  for (const g of generations) {
    const mse = g.error.rms * g.error.rms;
    const noise = sigma2 === null ? null : (d * sigma2) / g.sampleSize;
    const slope = g.contraction?.slope;
    let b: number | null = null;
    if (noise !== null) b = g.t === 0 || prevBound === null ? noise : slope === undefined ? null : slope * prevBound + noise;
    if (g.t > 0 && slope !== undefined && prev) {
      steps++;
      if (slope <= 1 - contractionStrength(settings, prev.error.rms * prev.error.rms)) contracted++;
    }
    if (b !== null && mse <= b) held++;
    bound.push(b);
    prev = g;
    prevBound = b;
  }
  return {
    bound,
    contractedShare: steps > 0 ? contracted / steps : null,
    boundHeldShare: sigma2 === null || generations.length === 0 ? null : held / generations.length,
  };
}
