import type { RunConfig } from '../config/types';

/** A built-in experiment (experiments.md section 7); names are part of the contract. */
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

export const PRESETS: readonly Preset[] = [
  {
    name: 'xu-fixed-n',
    title: 'Random walk of the mean at a fixed sample size',
    source: XU,
    theory: 'E||e_t||^2 = (t + 1) d sigma^2 / n: the estimate drifts away without bound (experiments.md 1).',
    config: { name: 'xu-fixed-n', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 100 } },
  },
  {
    name: 'xu-superlinear',
    title: 'Superlinear sample growth keeps the mean bounded',
    source: XU,
    theory: 'E||e_t||^2 = d sigma^2 sum_s 1/n_s with n_t = 100 (t + 1)^1.5: converges to d zeta(1.5)/100 (experiments.md 1).',
    config: { name: 'xu-superlinear', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'power', n0: 100, power: 1.5 } },
  },
  {
    name: 'variance-collapse',
    title: 'The fitted spread collapses under the MLE',
    source: 'Shumailov et al., "The Curse of Recursion"; Xu, He and Cheng',
    theory: 'E[diversity_t] = ((n - 1)/n)^(t + 1) sigma^2 and E||e_t||^2 = d sigma^2 sum_s c_{s-1}/n with c the same shrinkage (experiments.md 1).',
    config: { name: 'variance-collapse', generations: 100, model: { family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle' }, sampleSize: { schedule: 'constant', n0: 20 } },
  },
  {
    name: 'accumulate',
    title: 'Accumulating data avoids collapse',
    source: 'Barzilai and Shamir, "When Models Don\'t Collapse" (seed 001); Gerstgrasser et al.',
    theory: 'E||e_t||^2 = (d sigma^2 / n) sum_{k=1..t+1} c_{k-2}/k^2 <= (pi^2/6) d sigma^2 / n, c the expected shrinkage of the pooled MLE covariance (0.968 at t = 31 with n = 50) (experiments.md 2).',
    config: { name: 'accumulate', generations: 100, model: { family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle' }, sampleSize: { schedule: 'constant', n0: 50 }, data: { mode: 'accumulate' } },
  },
  {
    name: 'fresh-golden',
    title: 'Fresh real data at the golden-ratio weight',
    source: 'He, Xu and Cheng, "Recursive Learning Without Collapse" (seed 003), scenario 2',
    theory: 'Per coordinate V(w) = (sigma^2/n_real)(w^2 + k(1-w)^2)/(w(2-w)), minimal at w* = 1/phi when n_real = n_syn (experiments.md 3).',
    config: { name: 'fresh-golden', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 100 }, data: { mode: 'fresh', realPerGeneration: 100, realWeight: 0.618 } },
  },
  {
    name: 'oracle-ball',
    title: 'The ideal filter: keep the 70% closest to the truth',
    source: 'Seed 000, "Preventing Model Collapse via Contraction-Conditioned Neural Filters" (the ideal filter)',
    theory: 'e_t = rho e_{t-1} + noise with rho = F_chi2(d+2)(c_q)/q; stationary MSE d rho / (N q (1 - rho^2)) = 0.001806 at d = 2, q = 0.7, N = 1000 (experiments.md 4).',
    config: { name: 'oracle-ball', generations: 200, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, sampleSize: { schedule: 'constant', n0: 1000 }, filter: { kind: 'oracle', keepFraction: 0.7 } },
  },
  ...(['constant', 'sqrt', 'linear'] as const).map(
    (schedule): Preset => ({
      name: `filter-${schedule}-n`,
      title: `Contraction-conditioned neural filter, ${schedule === 'constant' ? 'constant n' : `${schedule} growth of n`}`,
      source: 'Seed 000, "Preventing Model Collapse via Contraction-Conditioned Neural Filters"',
      theory:
        schedule === 'constant'
          ? 'No closed form; the ideal keep-70% filter holds MSE near 0.018 where the unfiltered walk reaches 4.0 at T = 200 (experiments.md 4).'
          : `No closed form; unfiltered MSE at T = 200 is ${schedule === 'sqrt' ? '0.538' : '0.118'}, the paper's filter about ${schedule === 'sqrt' ? '0.0015' : '0.00013'} (experiments.md 4).`,
      config: {
        name: `filter-${schedule}-n`,
        generations: 200,
        model: { family: 'gaussian', dim: 2, estimate: 'mean' },
        sampleSize: { schedule, n0: 100 },
        filter: { kind: 'neural', labels: { generations: 20, candidates: 1000, contamination: 0.3 } },
      },
    }),
  ),
];

/** The preset called `name`, or undefined. */
export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** A preset's config as a plain partial, tagged with the preset's name, ready for overrides. */
export function presetConfig(preset: Preset): Record<string, unknown> {
  return { ...(JSON.parse(JSON.stringify(preset.config)) as Record<string, unknown>), preset: preset.name };
}
