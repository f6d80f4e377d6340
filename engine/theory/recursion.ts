import { truthVector } from '../config/defaults';
import type { FilterKind, RunConfig } from '../config/types';
import { sampleSizeAt } from '../core/schedules';
import { unreachable } from '../core/unreachable';
import { familyNumerics, type FamilyTheory } from '../families/registry';
import { dataMixing } from '../regression/design';
import { oracleRho } from './oracle';
import type { TheoryStepper } from './stepper';
import { gaussianVerifierLaw, verifierErrorSeries } from './verifier';

export type { TheoryStepper };

/**
 * Generation-by-generation closed forms for E||theta_t - theta*||^2 (docs/experiments.md sections 1-3
 * and the oracle of section 4), evaluated as exact one-step recursions so that any schedule works:
 *
 * - replace:    m_t = m_{t-1} + V_{t-1} / n_t          (section 1: d sigma^2 sum_s 1/n_s)
 * - accumulate: m_t = m_{t-1} + n_t V_{t-1} / N_t^2    (section 2: (d sigma^2/n) sum 1/k^2 at constant n)
 * - fresh:      m_t = (1-w)^2 (m_{t-1} + V_{t-1}/n_t) + w^2 V* / n_real   (section 3, limit V(w))
 * - oracle:     m_t = rho^2 m_{t-1} + d sigma^2 rho / round(q n_t)      (section 4, linearised)
 *
 * per coordinate, with m_0 = V* / n_0, V* the truth's variance and V_{t-1} the expected variance of
 * the generation t-1 model: V* for a known Gaussian covariance and for Poisson (the rate is a
 * martingale), V* - m_{t-1} for Bernoulli (E p(1-p) = p*(1-p*) - E e^2), and V* c_{t-1} for a
 * fitted Gaussian covariance, c the expected shrinkage of the fitted variance: under replace the
 * product of (n_s - 1)/n_s for the MLE (1 for the unbiased estimator); under accumulate
 * c_t = c_{t-1} (1 - n_t / N_t^2) from c_0 = (n_0 - 1)/n_0 for the MLE, and
 * c_t = c_{t-1} (1 - n_t / (N_t (N_t - 1))) from c_0 = 1 for the unbiased one (pooling the new
 * batch with the old adds its between-batch scatter, which almost undoes the shrinkage).
 * Exponential families without a martingale parameter have none.
 *
 * Fresh data pooled (`data.mixing = pooled`, docs/experiments.md section 3) *(derived here)*: the
 * weighted MLE with per-sample weights w/n_real and (1 - w)/n_syn has the separate mix's mean (each
 * part's weights sum to its share), so m_t is unchanged; its covariance is the mix of the two MLE
 * scatters plus the between-part scatter w (1 - w) (m_real - m_syn)(m_real - m_syn)', hence per coordinate
 *   E scatter / V* = w (n_real - 1)/n_real + (1 - w) c_{t-1} (n_syn - 1)/n_syn
 *                    + w (1 - w) (1/n_real + c_{t-1}/n_syn + m_{t-1}/V*),
 * which is c_t for the MLE and c_t (1 - w^2/n_real - (1 - w)^2/n_syn) for the unbiased (reliability
 * weights, W = 1) estimator.
 */

/**
 * Which filters the moment recursion covers, per kind: the oracle's linearisation is derived for a
 * Gaussian mean under replace (section 4); the neural filter has no closed form; the verifier has
 * its own law (createMomentTheory).
 */
const MOMENT_FILTERS: { readonly [K in FilterKind]: (config: Readonly<RunConfig>) => boolean } = {
  none: () => true,
  oracle: ({ model, data }) => model.family === 'gaussian' && model.estimate === 'mean' && data.mode === 'replace',
  neural: () => false,
  verifier: () => false,
};

/** Whether `errorMeanSq` has a moment-recursion closed form for this config (the family's theory and the filter's). */
export function hasErrorTheory(config: Readonly<RunConfig>): boolean {
  return familyNumerics(config).theory.kind === 'moments' && MOMENT_FILTERS[config.filter.kind](config);
}

/**
 * A stepper producing theory.errorMeanSq for generations 0..T of a family with moment theory
 * (families/registry.ts), or nulls where none applies.
 */
export function createMomentTheory(config: Readonly<RunConfig>, theory: Extract<FamilyTheory, { kind: 'moments' }>): TheoryStepper {
  const { model, filter, data } = config;
  if (filter.kind === 'verifier' && model.family === 'gaussian' && model.estimate === 'mean' && data.mode === 'replace') {
    // The knowledge ball linearised at its center, like the oracle ball (docs/experiments.md 5).
    const law = gaussianVerifierLaw(model.dim, model.sigma, filter.radius ?? 0);
    const n = (t: number): number => sampleSizeAt(config.sampleSize, t);
    const s2 = model.sigma * model.sigma;
    const series = verifierErrorSeries(law, filter.centerOffset ?? 0, (model.dim * s2) / n(0), s2, model.dim, n);
    return { next: series };
  }
  if (!MOMENT_FILTERS[filter.kind](config)) return { next: () => null };
  const { sampleSize } = config;
  const sigma2 = model.sigma * model.sigma;
  // Coordinates sharing a truth value share a recursion: group them with their multiplicity.
  const groups = new Map<number, number>();
  for (const v of truthVector(config)) groups.set(v, (groups.get(v) ?? 0) + 1);
  const bases: { base: number; count: number }[] = [];
  for (const [v, count] of groups) bases.push({ base: theory.variance(v, model), count });
  const kappa = theory.kappa;
  const fittedCov = model.family === 'gaussian' && model.estimate === 'mean-cov';
  const mle = model.estimator === 'mle';
  const rho = filter.kind === 'oracle' ? oracleRho(model.dim, filter.keepFraction) : 0;
  const m = new Float64Array(bases.length);
  let shrink = 1; // c_{t-1}: E[fitted variance] / sigma^2
  let pooled = 0; // N_t for accumulate
  let last = -1;
  const pooledFresh = data.mode === 'fresh' && dataMixing(config) === 'pooled';

  return {
    next(t: number): number | null {
      if (t !== last + 1) throw new RangeError(`theory stepper: expected generation ${last + 1}, got ${t}`);
      last = t;
      const n = sampleSizeAt(sampleSize, t);
      // A Gaussian's coordinates share one recursion (the base is sigma^2 for every truth value).
      const prevPerCoordinate = m[0];
      let total = 0;
      for (let g = 0; g < bases.length; g++) {
        const { base, count } = bases[g];
        if (t === 0) {
          m[g] = base / n;
        } else if (filter.kind === 'oracle') {
          m[g] = rho * rho * m[g] + (base * rho) / Math.round(filter.keepFraction * n);
        } else {
          const prevVar = (fittedCov ? base * shrink : base) - kappa * m[g];
          m[g] = stepMoment(data, m[g], prevVar, base, n, pooled);
        }
        total += count * m[g];
      }
      // Advance the covariance shrinkage and the pooled count for the next generation.
      pooled += n;
      if (fittedCov && pooledFresh && t > 0) {
        const nr = data.realPerGeneration;
        const w = data.realWeight;
        const scatter = w * ((nr - 1) / nr) + (1 - w) * shrink * ((n - 1) / n) + w * (1 - w) * (1 / nr + shrink / n + prevPerCoordinate / sigma2);
        shrink = mle ? scatter : scatter / (1 - (w * w) / nr - ((1 - w) * (1 - w)) / n);
      } else if (fittedCov && data.mode === 'accumulate') {
        if (t === 0) shrink = mle ? (n - 1) / n : 1;
        else shrink *= mle ? 1 - n / (pooled * pooled) : 1 - n / (pooled * (pooled - 1));
      } else if (fittedCov && mle) {
        const f = (n - 1) / n;
        if (t === 0 || data.mode === 'replace') shrink = t === 0 ? f : shrink * f;
        else {
          const nr = data.realPerGeneration;
          const w = data.realWeight;
          shrink = w * ((nr - 1) / nr) + (1 - w) * f * shrink;
        }
      }
      return total;
    },
  };
}

/** One generation of the per-coordinate recursion for each data mode (sections 1-3 above). */
function stepMoment(data: Readonly<RunConfig['data']>, m: number, prevVar: number, base: number, n: number, pooled: number): number {
  switch (data.mode) {
    case 'replace':
      return m + prevVar / n;
    case 'accumulate':
      return m + (n * prevVar) / ((pooled + n) * (pooled + n));
    case 'fresh': {
      const w = data.realWeight;
      return (1 - w) * (1 - w) * (m + prevVar / n) + (w * w * base) / data.realPerGeneration;
    }
    default:
      return unreachable(data.mode);
  }
}
