import type { RunConfig } from '../config/types';

/** A built-in experiment (docs/experiments.md section 7); names are part of the contract. */
export interface Preset {
  readonly name: string;
  readonly title: string;
  /** The paper it reproduces. */
  readonly source: string;
  /** What it shows and which closed form its `theory` carries. */
  readonly theory: string;
  /** Fields that differ from the defaults (R = 200, seed 1, d = 2, n = 100, T = 200). */
  readonly config: Readonly<Partial<Omit<RunConfig, 'model' | 'sampleSize' | 'data' | 'filter'>>> & {
    model?: Partial<RunConfig['model']>;
    sampleSize?: Partial<RunConfig['sampleSize']>;
    data?: Partial<RunConfig['data']>;
    filter?: Partial<RunConfig['filter']>;
  };
}

const XU = 'Xu, He and Cheng, "A Probabilistic Perspective on Model Collapse"; Shumailov et al.';
const SHUMAILOV = 'Shumailov et al., "AI models collapse when trained on recursively generated data" (Nature 2024; "The Curse of Recursion", section 4.1: Gaussian mixtures)';

/** The neural presets' run: the d = 2 Gaussian mean, n0 = 100, T = 200, machine labels of section 4. */
function neuralConfig(name: string, schedule: RunConfig['sampleSize']['schedule'], training?: RunConfig['filter']['training']): Preset['config'] {
  return {
    name,
    generations: 200,
    model: { family: 'gaussian', dim: 2, estimate: 'mean' },
    sampleSize: { schedule, n0: 100 },
    filter: { kind: 'neural', labels: { generations: 20, candidates: 1000, contamination: 0.3 }, ...(training ? { training } : {}) },
  };
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'xu-fixed-n',
    title: 'Random walk of the mean at a fixed sample size',
    source: XU,
    theory: 'E||e_t||^2 = (t + 1) d sigma^2 / n: the estimate drifts away without bound (docs/experiments.md section 1).',
    config: { name: 'xu-fixed-n', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 100 } },
  },
  {
    name: 'xu-superlinear',
    title: 'Superlinear sample growth keeps the mean bounded',
    source: XU,
    theory: 'E||e_t||^2 = d sigma^2 sum_s 1/n_s with n_t = 100 (t + 1)^1.5: converges to d zeta(1.5)/100 (docs/experiments.md section 1).',
    config: { name: 'xu-superlinear', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'power', n0: 100, power: 1.5 } },
  },
  {
    name: 'variance-collapse',
    title: 'The fitted spread collapses under the MLE',
    source: 'Shumailov et al., "The Curse of Recursion"; Xu, He and Cheng',
    theory: 'E[diversity_t] = ((n - 1)/n)^(t + 1) sigma^2 and E||e_t||^2 = d sigma^2 sum_s c_{s-1}/n with c the same shrinkage (docs/experiments.md section 1).',
    config: { name: 'variance-collapse', generations: 100, model: { family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle' }, sampleSize: { schedule: 'constant', n0: 20 } },
  },
  {
    name: 'accumulate',
    title: 'Accumulating data avoids collapse',
    source: 'Barzilai and Shamir, "When Models Don\'t Collapse"; Gerstgrasser et al.',
    theory: 'E||e_t||^2 = (d sigma^2 / n) sum_{k=1..t+1} c_{k-2}/k^2 <= (pi^2/6) d sigma^2 / n, c the expected shrinkage of the pooled MLE covariance (0.968 at t = 31 with n = 50) (docs/experiments.md section 2).',
    config: { name: 'accumulate', generations: 100, model: { family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle' }, sampleSize: { schedule: 'constant', n0: 50 }, data: { mode: 'accumulate' } },
  },
  {
    name: 'fresh-golden',
    title: 'Fresh real data at the golden-ratio weight',
    source: 'He, Xu and Cheng, "Recursive Learning Without Collapse", scenario 2',
    theory: 'Per coordinate V(w) = (sigma^2/n_real)(w^2 + k(1-w)^2)/(w(2-w)), minimal at w* = 1/phi when n_real = n_syn (docs/experiments.md section 3).',
    config: { name: 'fresh-golden', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 100 }, data: { mode: 'fresh', realPerGeneration: 100, realWeight: 0.618 } },
  },
  {
    name: 'oracle-ball',
    title: 'The ideal filter: keep the 70% closest to the truth',
    source: '"Preventing Model Collapse via Contraction-Conditioned Neural Filters" (the ideal filter)',
    theory: 'e_t = rho e_{t-1} + noise with rho = F_chi2(d+2)(c_q)/q; stationary MSE d rho / (N q (1 - rho^2)) = 0.001806 at d = 2, q = 0.7, N = 1000 (docs/experiments.md section 4).',
    config: { name: 'oracle-ball', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 1000 }, filter: { kind: 'oracle', keepFraction: 0.7 } },
  },
  {
    name: 'fresh-k0.1',
    title: 'Fresh real data scarce: k = n_real / n_syn = 0.1',
    source: 'He, Xu and Cheng, "Recursive Learning Without Collapse"',
    theory: 'V(w) with k = 0.1: w* = (sqrt(k^2 + 4k) - k)/2 = 0.2702, V(w*) = 0.00540 summed over d = 2; naive pooling w = k/(1+k) does worse (docs/experiments.md section 3).',
    config: { name: 'fresh-k0.1', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 1000 }, data: { mode: 'fresh', realPerGeneration: 100, realWeight: 0.2702 } },
  },
  {
    name: 'verifier-regression',
    title: 'A verifier pulls regression toward its knowledge center',
    source: 'Yi, Liu, Cheng and Xu, "Escaping Model Collapse via Synthetic Data Verification"',
    theory: 'Linearised: theta_t - theta_c ~ rho (theta_{t-1} - theta_c) + noise, rho = 0.676, acceptance 0.862 at d = 5, r = sigma_c = 0.5; with ||theta_c - theta*|| = 0.2 the error is lowest at t = 3 and ends near 0.0436 at t = 30 (docs/experiments.md section 5; the noise floor uses the effective acceptance of OLS, E[||x||^2 p]/d = 0.907, giving 0.0434).',
    config: {
      name: 'verifier-regression',
      generations: 30,
      model: { family: 'linear-regression', dim: 5, noise: 1 },
      sampleSize: { schedule: 'constant', n0: 2000, initial: 50 },
      filter: { kind: 'verifier', centerOffset: 0.2, radius: 0.5, slack: 0.5 },
    },
  },
  {
    name: 'ridge-collapse',
    title: 'Regression collapse: each generation adds its own variance term',
    source: 'Dohmatob, Feng and Kempe, "Model Collapse Demystified: The Case of Regression", figure 1a',
    theory: 'Their figure 4 protocol: the chain is the fake-data generators (generation 0 is the truth w0 itself; generation t >= 1 is OLS on 600 pairs labelled by generation t - 1 with sigma_0 = 0.2), and the final fit, whose error every generation reports, is a model fitted on T = 1000 fresh pairs labelled by generation t with sigma = 0.1 (sampleSize.final). Theorem 4.1: E test error_t = sigma^2 d/(T - d - 1) + t sigma_0^2 d/(n - d - 1) = 0.00429 + 0.04013 t at d = 300 (0.2050 at t = 5); set model.ridge for the figure\'s lambda axis (the ridge applies to the final fit only) (docs/experiments.md section 6).',
    config: {
      name: 'ridge-collapse',
      replicates: 10,
      generations: 10,
      model: { family: 'linear-regression', dim: 300, noise: 0.1, syntheticNoise: 0.2 },
      sampleSize: { schedule: 'constant', n0: 600, final: 1000 },
    },
  },
  {
    name: 'mnist-kernel-ridge',
    title: 'Kernel ridge on MNIST with re-faked labels: l_crit against the corrected l*',
    source: 'Dohmatob, Feng and Kempe, "Model Collapse Demystified: The Case of Regression", figure 5',
    theory:
      "No closed form for MNIST's kernels: measured. Digit parity (+1 even, -1 odd) by RBF kernel ridge (gamma 0.02 on pixels in [0, 1]); generation t's labels come from the t-th faker, each fitted on 300 fresh digits labelled by the one before (generation 0: the true labels) with sigma_0 = 1; the final fit on T = 1000 digits with sigma = 1 and lambda = T^-l_crit (alpha 1.65, r 0.097: l_crit = 1.25). Set model.ridgeRule=star for l* = (log T0 / log T) l_crit, and sweep sampleSize.final for the T axis: with fake labels the error stops falling in T under l_crit while l* keeps it lower (docs/experiments.md section 6).",
    config: {
      name: 'mnist-kernel-ridge',
      replicates: 4,
      generations: 3,
      model: { family: 'kernel-ridge', kernel: 'rbf', noise: 1, syntheticNoise: 1 },
      sampleSize: { schedule: 'constant', n0: 300, final: 1000 },
    },
  },
  {
    name: 'verifier-directions',
    title: 'Verified labels along the directions of a fixed design',
    source: 'Yi, Liu, Cheng and Xu, "Escaping Model Collapse via Synthetic Data Verification", final notebook',
    theory: 'Generation 0: OLS on one fixed design X0 (100 x 8, sigma = 1, theta* = 1); generation t: along each right singular vector v_j of X0, labels v_j\'theta_{t-1} + N(0, 1) are drawn until 100 pass |y - v_j\'theta_c| <= r + sigma_c (r = 0.25, sigma_c = sqrt(2/pi), center offset 0), and theta_t is their per-direction means. Linearised: rho = m2(1.048) = 0.3154, E||e_t||^2 = rho^2 E||e_{t-1}||^2 + d rho / 100: 0.0869 at t = 0 for this X0, 0.0339 at t = 1 (the notebook\'s 0.034), settling at 0.0280, where the ball protocol with the same numbers stays near 0.087 (docs/experiments.md section 5).',
    config: {
      name: 'verifier-directions',
      generations: 10,
      model: { family: 'linear-regression', dim: 8, noise: 1, truth: 1 },
      sampleSize: { schedule: 'constant', n0: 100 },
      filter: { kind: 'verifier', protocol: 'directions', perDirection: 100, design: 'fixed', centerOffset: 0, radius: 0.25, slack: Math.sqrt(2 / Math.PI) },
    },
  },
  {
    name: 'accumulate-regression',
    title: 'Accumulating regression data keeps the test error bounded',
    source: 'Gerstgrasser et al., "Is Model Collapse Inevitable?"; Barzilai and Shamir',
    theory: 'Shared design, accumulate: E test error_t = sigma^2 d/(n - d - 1) sum_{i=1..t+1} 1/i^2 <= (pi^2/6) sigma^2 d/(n - d - 1); set data.mode=replace for the (t + 1) growth (docs/experiments.md section 2).',
    config: {
      name: 'accumulate-regression',
      generations: 50,
      model: { family: 'linear-regression', dim: 10, noise: 1 },
      sampleSize: { schedule: 'constant', n0: 100 },
      data: { mode: 'accumulate', sharedDesign: true },
    },
  },
  ...(['constant', 'sqrt', 'linear'] as const).map(
    (schedule): Preset => ({
      name: `filter-${schedule}-n`,
      title: `Contraction-conditioned neural filter, ${schedule === 'constant' ? 'constant n' : `${schedule} growth of n`}`,
      source: '"Preventing Model Collapse via Contraction-Conditioned Neural Filters"',
      theory:
        schedule === 'constant'
          ? 'No closed form; the ideal keep-70% filter holds MSE near 0.018 where the unfiltered walk reaches 4.0 at T = 200 (docs/experiments.md section 4).'
          : `No closed form; unfiltered MSE at T = 200 is ${schedule === 'sqrt' ? '0.538' : '0.118'}, the paper's filter about ${schedule === 'sqrt' ? '0.0015' : '0.00013'} (docs/experiments.md section 4).`,
      config: neuralConfig(`filter-${schedule}-n`, schedule),
    }),
  ),
  {
    name: 'gmm-collapse',
    title: 'A Gaussian mixture refitted on its own samples loses its tails',
    source: SHUMAILOV,
    theory:
      'No closed form. Two components at -2 e_1 and 2 e_1 (sigma = 1), refitted by EM on n = 100 of their own samples: the total variance and the mass beyond the truth\'s 99% region fall, and KL(p* || p_hat) grows (docs/experiments.md section 7).',
    config: { name: 'gmm-collapse', generations: 200, model: { family: 'gaussian-mixture', dim: 2, components: 2, evalSamples: 200 }, sampleSize: { schedule: 'constant', n0: 100 }, record: { paths: 16 } },
  },
  {
    name: 'gmm-accumulate',
    title: 'Accumulating the mixture\'s data keeps its tails',
    source: `${SHUMAILOV}; Gerstgrasser et al., "Is Model Collapse Inevitable?"`,
    theory:
      'No closed form. gmm-collapse with every generation\'s points kept and EM refitted on the pool: the total variance and the tails mass stay near the truth\'s (R = 50, T = 50: the pool grows to 5,100 points a replicate, and every generation refits on all of it).',
    config: { name: 'gmm-accumulate', replicates: 50, generations: 50, model: { family: 'gaussian-mixture', dim: 2, components: 2, evalSamples: 200 }, sampleSize: { schedule: 'constant', n0: 100 }, data: { mode: 'accumulate' }, record: { paths: 16 } },
  },
  {
    name: 'filter-weighted-P',
    title: 'Neural filter with a weighted Lyapunov function V(e) = e\' diag(10, 1) e',
    source: '"Preventing Model Collapse via Contraction-Conditioned Neural Filters", Assumption 2.3 (P symmetric positive definite)',
    theory:
      'No closed form for the error; theory.contractionBound carries the neural-filter paper\'s bound B_t = (1 - c_t) B_{t-1} + d sigma^2 / n_t on the MSE from the measured contraction. P = diag(10, 1) makes the hinge and the contraction ratio weigh the first coordinate\'s error ten times; with these labels the hinge is already met at P = I, so the MSE stays that of filter-constant-n within its SE (docs/experiments.md sections 4 and 7).',
    config: neuralConfig('filter-weighted-P', 'constant', { P: [10, 1] }),
  },
  {
    name: 'filter-state-dependent',
    title: 'Neural filter with a contraction strength that grows with the error, c(e) = min(0.5, 40 V(e))',
    source: '"Preventing Model Collapse via Contraction-Conditioned Neural Filters", Remark 2.4 and Assumption 2.5',
    theory:
      'No closed form for the error; c(e_0) = min(0.5, 40 V(e_0)) runs from 0.05 on the nearest label groups to the cap 0.5 on the farthest (their V(e_0) spans 0.0014 to 0.014), so the hinge asks more of the filter where the estimate is far. theory.contractionBound carries the bound B_t from the measured contraction (docs/experiments.md section 4).',
    config: neuralConfig('filter-state-dependent', 'constant', { contraction: 'linear', cMax: 0.5, cScale: 40 }),
  },
];

/** The preset called `name`, or undefined. */
export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** A preset's config as a plain partial, tagged with the preset's name, ready for overrides. */
export function presetConfig(preset: Preset): Record<string, unknown> {
  return { ...(JSON.parse(JSON.stringify(preset.config)) as Record<string, unknown>), preset: preset.name };
}
