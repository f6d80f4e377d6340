import type { RunConfig } from '../config/types';
import type { GenerationSummary } from '../core/summary-types';
import { contractionStrength } from '../neural/contraction';
import { lyapunovMatrix } from '../neural/lyapunov';
import { trainingSettings } from '../neural/settings';

/**
 * The convergence bound of seed 000 beside a filtered run (Assumption 2.3 in expectation, the
 * first step of the proof of Theorem 2.7): E V_t <= (1 - c_t) E V_{t-1} + noise_t, with
 * - 1 - c_t the run's measured contraction at t: the geometric mean over replicates of
 *   V(e_t) / V(e_{t-1}) (the generation's `contraction.geometricMean`, e_t = theta_t - theta*);
 * - noise_t = sigma^2 tr(P) / n_t, E V of the mean of n_t draws from N(theta, sigma^2 I)
 *   (d sigma^2 / n_t for P = I, the schedule's noise of docs/experiments.md section 1);
 * - B_0 = noise_0: generation 0 fits n_0 real samples, so E V_0 is exactly that.
 * The bound needs the family's noise in closed form: Gaussian runs only (null elsewhere).
 * The measured side is V-hat_t = lambda_max(P) mean ||e_t||^2 >= mean V(e_t) (the MSE itself when
 * P = I; lambda_max bounded by Gershgorin's row sums, exact for a diagonal P), so "the bound
 * holds" is never claimed where mean V(e_t) could exceed it.
 */
export interface ContractionBound {
  /** B_t per generation, in V's units (null where the family has no closed-form noise). */
  readonly bound: readonly (number | null)[];
  /** V-hat_t per generation: the measured side, lambda_max(P) times the MSE. */
  readonly measured: readonly number[];
  /** Share of generations t >= 1 whose measured ratio met V_t / V_{t-1} <= 1 - c(V-hat_{t-1}). */
  readonly contractedShare: number | null;
  /** Share of generations t >= 0 with V-hat_t <= B_t (null without a bound). */
  readonly boundHeldShare: number | null;
}

/** An upper bound on lambda_max of an SPD P (d x d row-major): the largest absolute row sum. */
function gershgorinMax(P: Float64Array, d: number): number {
  let best = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(P[i * d + j]);
    best = Math.max(best, s);
  }
  return best;
}

/** B_t, V-hat_t and the two shares for a neural run's generations (in order t = 0, 1, ...). */
export function contractionBound(config: Readonly<RunConfig>, generations: readonly Pick<GenerationSummary, 't' | 'sampleSize' | 'error' | 'contraction'>[]): ContractionBound {
  const d = config.model.dim;
  const P = lyapunovMatrix(config.filter.training?.P, d);
  let trace = d;
  if (P) {
    trace = 0;
    for (let j = 0; j < d; j++) trace += P[j * d + j];
  }
  const lambdaMax = P ? gershgorinMax(P, d) : 1;
  const settings = trainingSettings(config);
  const sigma2 = config.model.family === 'gaussian' ? config.model.sigma ** 2 : null;
  const bound: (number | null)[] = [];
  const measured: number[] = [];
  let contracted = 0;
  let steps = 0;
  let held = 0;
  let prev: number | null = null;
  for (const g of generations) {
    const vHat = lambdaMax * g.error.rms * g.error.rms;
    const noise = sigma2 === null ? null : (sigma2 * trace) / g.sampleSize;
    const ratio = g.contraction?.geometricMean;
    const b: number | null = noise === null ? null : prev === null || g.t === 0 ? noise : (ratio ?? 1) * prev + noise;
    if (g.t > 0 && ratio !== undefined && measured.length > 0) {
      steps++;
      if (ratio <= 1 - contractionStrength(settings, measured[measured.length - 1])) contracted++;
    }
    if (b !== null && vHat <= b) held++;
    bound.push(b);
    measured.push(vHat);
    prev = b;
  }
  return {
    bound,
    measured,
    contractedShare: steps > 0 ? contracted / steps : null,
    boundHeldShare: sigma2 === null || generations.length === 0 ? null : held / generations.length,
  };
}
