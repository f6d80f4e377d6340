/**
 * Numeric edge cases (issue 8, item 4): OLS with n < d + 2, weights that are all zero, a filter
 * that keeps nothing, and overflow in the exponential families. Each is refused by validation
 * naming the field when it is knowable up front, or fails the run with SimulationFailure naming
 * the generation (and the replicate where the engine knows it); no summary ever holds NaN or
 * Infinity, and a failed run stores a clear message, not an internal error.
 */
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  GenerationSummariser,
  resolveConfig,
  runSimulation,
  SimulationFailure,
  type FilterModel,
  type GenerationRaw,
  type GenerationSummary,
  type RunConfig,
} from '../../engine/index';
import { MAX_TRUTH, MIN_RANK_DEFICIENT_RIDGE } from '../../engine/config/validate';
import { executeRun } from '../../main/services';
import { openStore } from '../../main/store';

/** Runs to the end or to the first throw; returns the summaries reported and what was thrown. */
async function runUntilThrow(cfg: RunConfig, filterModel?: FilterModel): Promise<{ seen: GenerationSummary[]; error: unknown }> {
  const seen: GenerationSummary[] = [];
  try {
    await runSimulation(cfg, { onGeneration: (s) => seen.push(s), ...(filterModel ? { filterModel } : {}) });
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}

/** Every number a summary holds (nulls are absent values, not numbers). */
function numbers(s: GenerationSummary): number[] {
  const v = [s.sampleSize, s.error.mean, s.error.rms, s.error.median, s.error.q25, s.error.q75, s.kept.mean];
  if (s.diversity) v.push(s.diversity.mean, s.diversity.median);
  if (s.testError) v.push(s.testError.mean);
  for (const th of [s.theory.errorMeanSq, s.theory.testError]) if (th !== null) v.push(th);
  if (s.contraction) v.push(s.contraction.geometricMean);
  return v;
}

function expectAllFinite(seen: readonly GenerationSummary[]): void {
  for (const s of seen) for (const v of numbers(s)) expect(Number.isFinite(v), `generation ${s.t}: ${v}`).toBe(true);
}

/** The first issue of the ConfigError a partial config is refused with. */
function refusal(partial: Record<string, unknown>): { path: string; message: string } {
  try {
    resolveConfig(partial);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.message.startsWith(`${e.issues[0].path}: `)).toBe(true);
    return e.issues[0];
  }
  throw new Error(`expected ${JSON.stringify(partial)} to be refused`);
}

const regression = (model: Record<string, unknown>, rest: Record<string, unknown> = {}): Record<string, unknown> => ({
  replicates: 20,
  generations: 30,
  model: { family: 'linear-regression', dim: 5, ...model },
  ...rest,
});

describe('OLS with fewer than d + 2 pairs', () => {
  it('n < d is refused naming the sample size; n = d and d + 1 run with finite summaries and no theory', async () => {
    expect(refusal(regression({}, { sampleSize: { n0: 4 } })).path).toBe('sampleSize.n0');
    expect(refusal(regression({}, { sampleSize: { n0: 100, initial: 3 } })).path).toBe('sampleSize.initial');
    for (const n of [5, 6]) {
      // E (X'X)^-1 is infinite below n = d + 2, so the closed form is null; the fits themselves
      // exist (X'X is invertible with probability 1 once n >= d) and every summary is finite.
      const { seen, error } = await runUntilThrow(resolveConfig(regression({}, { sampleSize: { n0: n } })));
      expect(error).toBeUndefined();
      expect(seen).toHaveLength(31);
      expectAllFinite(seen);
      for (const s of seen) expect(s.theory).toEqual({ errorMeanSq: null, testError: null });
    }
  });

  it('fresh real pairs fewer than d are refused on data.realPerGeneration (they used to fail at generation 1)', () => {
    const issue = refusal(regression({}, { data: { mode: 'fresh', realPerGeneration: 4, realWeight: 0.5 } }));
    expect(issue).toEqual({ path: 'data.realPerGeneration', message: 'OLS in d = 5 needs at least 5 real pairs a generation, got 4; or set model.ridge' });
    // With a ridge penalty the fit exists on any number of pairs.
    expect(() => resolveConfig(regression({ ridge: 0.1 }, { data: { mode: 'fresh', realPerGeneration: 4, realWeight: 0.5 } }))).not.toThrow();
  });

  it('a ridge penalty too small to survive rounding when n < d is refused; one at the floor runs', async () => {
    expect(refusal(regression({ ridge: 1e-300 }, { sampleSize: { n0: 3 } }))).toEqual({
      path: 'model.ridge',
      message: "with n = 3 < d = 5 pairs the penalty 1.00e-300 is below 1e-12, lost in rounding (X'X/N is singular); use a larger penalty or n >= d",
    });
    // Adaptive ridge: lambda = n^-l at the largest n below d, 49^-10 = 1.3e-17 (n_t = 10 (t + 1)).
    expect(refusal(regression({ dim: 50, ridgeExponent: 10 }, { sampleSize: { n0: 10, schedule: 'linear' }, generations: 9 })).path).toBe('model.ridgeExponent');
    expect(() => resolveConfig(regression({ dim: 50, ridgeExponent: 5 }, { sampleSize: { n0: 10, schedule: 'linear' }, generations: 9 }))).not.toThrow();
    // The same penalties are fine once every generation has n >= d (X'X/N alone is positive definite).
    expect(() => resolveConfig(regression({ ridge: 1e-300 }, { sampleSize: { n0: 5 } }))).not.toThrow();
    // 1e-300 used to reach the Cholesky factorisation and fail at generation 0 (pivot -1.1e-16);
    // at the floor the penalty is still four orders above that rounding and the run completes.
    const { seen, error } = await runUntilThrow(resolveConfig(regression({ ridge: MIN_RANK_DEFICIENT_RIDGE }, { sampleSize: { n0: 3 } })));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(31);
    expectAllFinite(seen);
  });
});

/** A 2-d filter whose weight is sigmoid(b2) for every candidate: hidden units all zero. */
function constantFilter(b2: number): FilterModel {
  return {
    family: 'gaussian',
    dim: 2,
    features: { dim: 2, mean: [0, 0], std: [1, 1], components: [[1, 0]], explainedVariance: [1] },
    weights: { w1: [0], b1: [0], w2: [0], b2, inputs: 1, hidden: 1 },
  };
}

describe('all weights zero', () => {
  const neural = (weighting: 'soft' | 'hard'): RunConfig =>
    resolveConfig({ replicates: 4, generations: 5, sampleSize: { n0: 50 }, filter: { kind: 'neural', weighting } });

  it('a soft neural filter whose weights are all 0 fails at generation 1, after a finite generation 0', async () => {
    // sigmoid(-800) = 1 / (1 + e^800) = 1 / Infinity = 0 exactly.
    const { seen, error } = await runUntilThrow(neural('soft'), constantFilter(-800));
    expect(error).toBeInstanceOf(SimulationFailure);
    expect((error as Error).message).toBe('generation 1: replicate 0: the neural filter kept none of the 50 candidates');
    expect(seen.map((s) => s.t)).toEqual([0]);
    expectAllFinite(seen);
  });

  it('a hard neural filter whose weights are all 0.5 (none above) fails the same way', async () => {
    const { seen, error } = await runUntilThrow(neural('hard'), constantFilter(0));
    expect((error as SimulationFailure).generation).toBe(1);
    expect((error as Error).message).toBe('generation 1: replicate 0: the neural filter kept none of the 50 candidates');
    expect(seen).toHaveLength(1);
  });

  it('weights that are all tiny but positive (e^-700, their squares underflow to 0) still give finite fits', async () => {
    // Equal weights cancel in the weighted mean, so this is the unfiltered recursion in disguise;
    // the mean weight itself, about 1e-304, is what `kept` reports.
    for (const cfg of [neural('soft'), resolveConfig({ replicates: 4, generations: 5, model: { estimate: 'mean-cov', estimator: 'unbiased' }, filter: { kind: 'neural' } })]) {
      const { seen, error } = await runUntilThrow(cfg, constantFilter(-700));
      expect(error).toBeUndefined();
      expect(seen).toHaveLength(6);
      expectAllFinite(seen);
      expect(seen[5].kept.mean).toBeGreaterThan(0);
      expect(seen[5].kept.mean).toBeLessThan(1e-300);
    }
  });

  it('fresh data with all the weight on one side (w = 0 or 1) runs with finite summaries', async () => {
    for (const realWeight of [0, 1]) {
      const { seen, error } = await runUntilThrow(resolveConfig({ replicates: 10, generations: 20, data: { mode: 'fresh', realPerGeneration: 10, realWeight } }));
      expect(error).toBeUndefined();
      expectAllFinite(seen);
    }
  });
});

describe('a filter that keeps nothing', () => {
  it('an oracle is refused exactly when round(q n_1) = 0', () => {
    for (const n of [1, 3, 10, 100]) {
      for (const q of [0.001, 0.1, 0.2, 0.5, 1]) {
        const partial = { replicates: 2, generations: 1, sampleSize: { n0: n }, filter: { kind: 'oracle', keepFraction: q } };
        if (Math.round(q * n) < 1) expect(refusal(partial).path).toBe('filter.keepFraction');
        else expect(() => resolveConfig(partial)).not.toThrow();
      }
    }
  });

  it('a verifier that keeps almost nothing even centred on the model is refused on filter.radius', () => {
    // Anderson's inequality: the ball (or band) keeps the most when centred on the model, so
    // n_1 times that acceptance bounds the expected number kept; below 1e-3 it is hopeless.
    expect(refusal({ replicates: 5, generations: 5, filter: { kind: 'verifier', radius: 1e-9 } })).toEqual({
      path: 'filter.radius',
      message: 'a ball of radius 1e-9 keeps a fraction 5.00e-19 of candidates with sigma = 1 even when centred on the model: about 5.00e-17 of the 100 a generation, so it would keep none; use a larger radius',
    });
    // F_chi2(2)(r^2) = 1 - exp(-r^2 / 2) = 5e-19 at r = 1e-9: the figure above is the closed form.
    expect(-Math.expm1(-1e-18 / 2)).toBeCloseTo(5e-19, 30);
    expect(refusal(regression({}, { filter: { kind: 'verifier', radius: 1e-12 } })).path).toBe('filter.radius');
    // A generation's 100 candidates keep about 100 x 0.0039 = 0.39 at r = 0.1: unlikely, not hopeless.
    expect(() => resolveConfig({ replicates: 5, generations: 5, filter: { kind: 'verifier', radius: 0.1 } })).not.toThrow();
  });

  it('accumulating regression is not refused for a band that keeps nothing: it refits on its pooled pairs', async () => {
    const cfg = resolveConfig(regression({}, { data: { mode: 'accumulate' }, filter: { kind: 'verifier', radius: 1e-12 } }));
    const { seen, error } = await runUntilThrow(cfg);
    expect(error).toBeUndefined();
    expectAllFinite(seen);
    // Nothing kept after generation 0, so every later fit is generation 0's: the error stays put.
    for (const s of seen.slice(1)) {
      expect(s.kept.mean).toBe(0);
      expect(s.error).toEqual(seen[0].error);
    }
  });

  it('a Gaussian verifier that keeps nothing where the bound does not apply fails at generation 1, naming it', async () => {
    // A fitted covariance (mean-cov) is not sigma^2 I, so validation leaves this one to the run.
    const { seen, error } = await runUntilThrow(resolveConfig({ replicates: 5, generations: 5, model: { estimate: 'mean-cov' }, filter: { kind: 'verifier', radius: 1e-9 } }));
    expect(error).toBeInstanceOf(SimulationFailure);
    expect((error as Error).message).toBe('generation 1: replicate 0: the verifier accepted none of the 100 candidates (radius 1e-9)');
    expect(seen).toHaveLength(1);
    expectAllFinite(seen);
  });

  it('a regression verifier that keeps no pair (power-law design, outside the bound) fails at generation 1', async () => {
    const { seen, error } = await runUntilThrow(resolveConfig(regression({ spectrum: 'power' }, { filter: { kind: 'verifier', radius: 1e-12 } })));
    expect(error).toBeInstanceOf(SimulationFailure);
    expect((error as Error).message).toBe('generation 1: the verifier accepted no pair to fit');
    expect(seen).toHaveLength(1);
  });
});

describe('overflow in the exponential families', () => {
  it.each([
    ['poisson', 1e300, 'model.truth: expected values of magnitude at most 1e+150 (their squared errors must fit in a double) for poisson, got 1e+300'],
    ['exponential', 1e200, 'model.truth: expected values of magnitude at most 1e+150 (their squared errors must fit in a double) for exponential, got 1e+200'],
    ['exponential', 1e-200, 'model.truth: expected rates of at least 1e-150 (the mean 1/rate and its square must fit in a double) for exponential, got 1e-200'],
    ['gaussian', -1e300, 'model.truth: expected values of magnitude at most 1e+150 (their squared errors must fit in a double) for gaussian, got -1e+300'],
    ['linear-regression', 1e200, 'model.truth: expected values of magnitude at most 1e+150 (their squared errors must fit in a double) for linear-regression, got 1e+200'],
  ])('a %s truth of %d, which used to overflow at generation 0, is refused on model.truth', (family, truth, message) => {
    expect(refusal({ model: { family, truth } })).toEqual({ path: 'model.truth', message: message.slice('model.truth: '.length) });
  });

  it('the extreme truths still allowed run their first generations with finite summaries', async () => {
    for (const [family, truth, sigma] of [['poisson', MAX_TRUTH, 1], ['exponential', MAX_TRUTH, 1], ['exponential', 1 / MAX_TRUTH, 1], ['gaussian', -MAX_TRUTH, 1e140]] as const) {
      const { seen, error } = await runUntilThrow(resolveConfig({ replicates: 5, generations: 3, model: { family, truth, ...(family === 'gaussian' ? { sigma } : {}) } }));
      expect(error, `${family} ${truth}`).toBeUndefined();
      expect(seen).toHaveLength(4);
      expectAllFinite(seen);
    }
  });

  it('a Gaussian spread lost in the rounding of the truth is refused on model.sigma', async () => {
    // Doubles near 1e150 are 2e134 apart: N(1e150, 1) samples all round to 1e150, and a fitted
    // covariance is 0 (it used to fail at generation 1 with a zero pivot).
    expect(refusal({ model: { truth: 1e150, estimate: 'mean-cov' } })).toEqual({
      path: 'model.sigma',
      message: '1 is lost in the rounding of samples near |theta*| = 1e+150; it must be at least 1e-12 x |theta*| = 1e+138',
    });
    expect(refusal({ model: { truth: [0, 1], sigma: 1e-100 } }).path).toBe('model.sigma');
    // Around 0 any spread is resolved: a tiny sigma is fine there.
    const { seen, error } = await runUntilThrow(resolveConfig({ replicates: 5, generations: 3, model: { truth: 0, sigma: 1e-100, estimate: 'mean-cov' } }));
    expect(error).toBeUndefined();
    expectAllFinite(seen);
    expect(seen[0].diversity!.mean).toBeGreaterThan(0);
  });

  it('a drifting exponential chain fails naming the generation and the replicate whose error overflowed', async () => {
    // n = 1 and an oracle that keeps every candidate (q = 1): log rate drifts up by Euler's gamma
    // a generation (failure.test.ts), so (rate - 1)^2 overflows after about 600 generations. The
    // squared error is the first value to become Infinity, and the summariser names it.
    const cfg = resolveConfig({ seed: 1, replicates: 5, generations: 5000, model: { family: 'exponential', dim: 1 }, sampleSize: { n0: 1 }, filter: { kind: 'oracle', keepFraction: 1 } });
    const { seen, error } = await runUntilThrow(cfg);
    expect(error).toBeInstanceOf(SimulationFailure);
    const f = error as SimulationFailure;
    expect(f.generation).toBe(seen.length);
    expect(f.generation).toBeGreaterThan(100);
    expect(f.message).toMatch(new RegExp(`^generation ${f.generation}: replicate [0-4]: the squared error \\|\\|theta_t - theta\\*\\|\\|\\^2 is Infinity: the model overflowed$`));
    expectAllFinite(seen);
  });

  it('executeRun stores such a run as failed with that message and only finite generations', async () => {
    const store = openStore(':memory:');
    try {
      const cfg = resolveConfig({ seed: 1, replicates: 5, generations: 5000, model: { family: 'exponential', dim: 1 }, sampleSize: { n0: 1 }, data: { mode: 'fresh', realPerGeneration: 1, realWeight: 0 } });
      const outcome = await executeRun(store, cfg);
      expect(outcome.status).toBe('failed');
      expect(outcome.message).toMatch(/^generation \d+: replicate \d: the squared error .* is Infinity: the model overflowed$/);
      const run = store.getRun(outcome.runId)!;
      expect(run.status).toBe('failed');
      expect(run.error).toBe(outcome.message);
      const stored = store.getGenerations(outcome.runId);
      expect(stored).toHaveLength(outcome.generations);
      expect(stored.length).toBe(Number(/^generation (\d+)/.exec(outcome.message!)![1]));
      expectAllFinite(stored);
    } finally {
      store.close();
    }
  });
});

describe('the summariser guard (every replicate, every generation)', () => {
  const cfg = resolveConfig({ replicates: 6, generations: 3 });
  /** One block's raw generation with replicate r's `field` set to `value`. */
  function raw(t: number, field?: 'errSq' | 'diversity' | 'kept', r = 0, value = 0): GenerationRaw {
    const part = { t, sampleSize: 100, errSq: new Float64Array(6).fill(0.01), diversity: new Float64Array(6).fill(1), kept: new Float64Array(6).fill(1), contraction: null };
    if (field) part[field][r] = value;
    return part;
  }

  it.each([
    ['errSq', 3, Infinity, 'generation 0: replicate 3: the squared error ||theta_t - theta*||^2 is Infinity: the model overflowed'],
    ['diversity', 5, NaN, 'generation 0: replicate 5: the spread (diversity) is not a number (NaN)'],
    ['kept', 0, -Infinity, 'generation 0: replicate 0: the kept fraction is -Infinity: the model overflowed'],
  ] as const)('a non-finite %s in one replicate fails the generation naming the replicate', (field, r, value, message) => {
    const s = new GenerationSummariser(cfg);
    expect(() => s.summarise([raw(0, field, r, value)])).toThrow(new SimulationFailure(0, message.slice('generation 0: '.length)));
  });

  it('finite replicates whose sum overflows fail naming the statistic', () => {
    // Six squared errors of 1e308 are each finite, their mean (the rms before its root) is not:
    // the sum 6e308 passes Number.MAX_VALUE = 1.8e308.
    const s = new GenerationSummariser(cfg);
    const part = raw(0);
    part.errSq.fill(1e308);
    expect(() => s.summarise([part])).toThrow(new SimulationFailure(0, 'the summary error.rms is Infinity across the replicates (the model overflowed)'));
  });

  it('replicates of later blocks are numbered across the run, as the blocks merge in replicate order', () => {
    const s = new GenerationSummariser(cfg);
    const first = { t: 0, sampleSize: 100, errSq: new Float64Array(2).fill(0.01), diversity: new Float64Array(2).fill(1), kept: new Float64Array(2).fill(1), contraction: null };
    const second = { ...first, errSq: Float64Array.from([0.01, 0.01, NaN, 0.01]), diversity: new Float64Array(4).fill(1), kept: new Float64Array(4).fill(1) };
    expect(() => s.summarise([first, second])).toThrow('generation 0: replicate 4: the squared error');
  });

  it('a theory prediction too large for a double is null, while the replicates are still finite', () => {
    // sigma = 1e150 in d = 4096 with n = 1: E||e_t||^2 = (t + 1) d sigma^2 / n passes 1.8e308 at
    // t + 1 = 1.8e308 / 4.096e303 = 43,900. The replicates are faked at 1, so only the theory overflows.
    const big = resolveConfig({ replicates: 1, generations: 100_000, model: { dim: 4096, sigma: 1e150 }, sampleSize: { n0: 1 } });
    const s = new GenerationSummariser(big);
    const one = (t: number): GenerationRaw => ({ t, sampleSize: 1, errSq: Float64Array.of(1), diversity: Float64Array.of(1), kept: Float64Array.of(1), contraction: null });
    const theory: (number | null)[] = [];
    for (let t = 0; t <= 50_000; t++) theory.push(s.summarise([one(t)]).theory.errorMeanSq);
    const firstNull = theory.indexOf(null);
    // The recursion adds 4096e300 once a generation: the last finite value is (t + 1) times it,
    // to the rounding of ~44,000 additions, and t + 1 = 43,889 is the first step past MAX_VALUE.
    expect(Math.abs(theory[firstNull - 1]! / (firstNull * 4096 * 1e300) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(firstNull - (Math.ceil(Number.MAX_VALUE / (4096 * 1e300)) - 1))).toBeLessThanOrEqual(1);
    expect(theory.slice(firstNull).every((v) => v === null)).toBe(true);
    expect(theory.slice(0, firstNull).every((v) => Number.isFinite(v))).toBe(true);
  });
});
