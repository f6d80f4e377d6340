/**
 * `data.mixing` (docs/experiments.md section 3; He, Xu and Cheng, seed 003, and their public code,
 * MukaiCodes/Model_Collapse_Codes, Scenario2/Frameworks/D_Fresh_Data.py): how a `fresh` generation
 * combines its n_real fresh real samples with its n_syn synthetic ones under the weight w.
 *
 * - `separate`: w theta(real) + (1 - w) theta(syn), two fits mixed in parameter space (what Collapse
 *   Lab did before; their Gaussian_esti does this for the mean and the covariance).
 * - `pooled`: one weighted fit on both parts, per-sample weights w/n_real and (1 - w)/n_syn (their
 *   RandomLR: weighted least squares on the stacked rows). The default for regression.
 *
 * For a mean (Gaussian mean, Poisson rate, Bernoulli p) the two coincide: the weights of each part sum
 * to its share, so the weighted mean is w m_real + (1 - w) m_syn. They part for
 * - a fitted covariance: pooled = the mixed MLE scatters + w (1 - w)(m_real - m_syn)(m_real - m_syn)',
 *   equal only when the two sample means are equal (probability 0);
 * - the exponential rate: 1/(w m_real + (1 - w) m_syn) against w/m_real + (1 - w)/m_syn (Jensen);
 * - regression: (w S_real + (1 - w) S_syn)^-1 (w X_r'y_r/n_r + (1 - w) X_s'y_s/n_s) against the mix of
 *   the two OLS fits, equal only when the two Gram matrices S = X'X/n are proportional.
 *
 * Checks: `separate` reproduces the numbers from before the field existed bit for bit (digests
 * recorded from the engine before this change); the pooled regression fit equals a plain weighted
 * least-squares loop written here on the same random streams; a pooled regression run's theory is
 * null (no closed form); the pooled Gaussian covariance follows its own recursion (derived in
 * engine/theory/recursion.ts, restated by hand here) within 4 SE; and at the paper's setting
 * (d = 2, n_real = n_syn = 100, w = 0.2, errors averaged over 150 <= t < 200) separate mixing is
 * measurably worse than the pooled fit. SEs come from the sample SD of R independent replicates.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOverrides, ConfigError, createBlock, createErrorTheory, createRegressionTheory, dataMixing, resolveConfig, runSimulation, truthVector, type GenerationSummary, type RunConfig } from '../../engine/index';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';
import { config, mean, minus, printRows, ratioWithSe, record, simulateBlocks, standardError } from './helpers';

afterAll(() => printRows('data.mixing (mixing.test.ts)'));

const Z = 4;
const REG = { family: 'linear-regression', dim: 4, noise: 1, syntheticNoise: 0.5 };

/**
 * Configs whose summaries were digested before data.mixing existed (the engine at this change's
 * parent), with the sha256 of their per-generation numbers (digest() below). Each is run with
 * `--set data.mixing=separate`, and the non-regression ones also without the field (their default).
 */
const BEFORE: Record<string, { config: Record<string, unknown>; digest: string }> = {
  'regression fresh, w = 0.2': { config: { seed: 7, replicates: 12, generations: 6, model: REG, sampleSize: { n0: 10 }, data: { mode: 'fresh', realPerGeneration: 8, realWeight: 0.2 } }, digest: '6c3e7a6fcfe371769d006d6c309b2c64de43245b8fc0281f37fa397b4c976622' },
  'regression fresh, ridge, shared design': { config: { seed: 8, replicates: 12, generations: 6, model: { ...REG, ridge: 0.2 }, sampleSize: { n0: 10 }, data: { mode: 'fresh', realPerGeneration: 8, realWeight: 0.5, sharedDesign: true } }, digest: '68f75359b2d76050d7387a3ddee19f4efd88bfdaac6e1d63eec55277073c6d6f' },
  'regression fresh, verifier': { config: { seed: 9, replicates: 12, generations: 6, model: REG, sampleSize: { n0: 40 }, data: { mode: 'fresh', realPerGeneration: 8, realWeight: 0.3 }, filter: { kind: 'verifier', centerOffset: 0.2, radius: 0.5, slack: 0.5 } }, digest: '3d09db2ad76ee24e009ba7a15aff7a5c6601c6b1a0c3de932a4f06efdd636097' },
  'gaussian mean fresh': { config: { seed: 10, replicates: 12, generations: 6, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.618 } }, digest: '32f7a2116095bfa5678dd264341761cbed1c4f38b3b330fa47358a80366d4f3f' },
  'gaussian mean-cov fresh': { config: { seed: 11, replicates: 12, generations: 6, model: { estimate: 'mean-cov', dim: 3 }, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.4 } }, digest: 'd03402b352735d255dbb4b617a25c593e2856f2e7a0d7135c13b95a3bc0c4c4e' },
  'gaussian mean-cov unbiased fresh, oracle': { config: { seed: 12, replicates: 12, generations: 6, model: { estimate: 'mean-cov', estimator: 'unbiased', dim: 2 }, sampleSize: { n0: 40 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.4 }, filter: { kind: 'oracle', keepFraction: 0.7 } }, digest: 'afc68b600c2e7778c0b7a239dd95495b4866f0220161f871bc29c983a38d3691' },
  'poisson fresh': { config: { seed: 13, replicates: 12, generations: 6, model: { family: 'poisson' }, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.3 } }, digest: '14238c0fa92679094d1d868b3c0575b8b581bdf4f68b0f1ee964bfa8c3a76596' },
  'exponential fresh': { config: { seed: 14, replicates: 12, generations: 6, model: { family: 'exponential' }, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.3 } }, digest: '6b4f83fa8992ca3d51b6beb102fda498572de6757e2cac479c293d0c028ab67f' },
};

/** sha256 of every number of every generation's summary (JSON prints doubles exactly). */
function digest(out: readonly GenerationSummary[]): string {
  const rows = out.map((g) => [g.t, g.sampleSize, g.error.mean, g.error.rms, g.error.median, g.error.q25, g.error.q75, g.diversity?.mean ?? null, g.diversity?.median ?? null, g.kept.mean, g.testError?.mean ?? null, g.theory.errorMeanSq, g.theory.testError]);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

async function run(c: RunConfig): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  await runSimulation(c, { onGeneration: (s) => out.push(s) });
  return out;
}

function issueOf(partial: unknown): string {
  try {
    resolveConfig(partial);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  return 'accepted';
}

describe('data.mixing: the field', () => {
  it('applies only to data.mode fresh: one line naming the field otherwise', () => {
    expect(issueOf({ data: { mixing: 'pooled' } })).toBe("data.mixing: applies only when data.mode is 'fresh', got 'replace'");
    expect(issueOf(applyOverrides({ model: { family: 'linear-regression', dim: 3 }, data: { mode: 'accumulate' } }, ['data.mixing=separate']))).toBe("data.mixing: applies only when data.mode is 'fresh', got 'accumulate'");
    expect(issueOf({ data: { mode: 'fresh', mixing: 'both' } })).toBe('data.mixing: expected one of separate, pooled, got "both"');
    expect(issueOf({ data: { mode: 'fresh', mixing: 'pooled' } })).toBe('accepted');
  });

  it('defaults to pooled for regression (the paper\'s RandomLR) and to separate for the other families (its Gaussian_esti)', () => {
    const fresh = { data: { mode: 'fresh' } };
    expect(dataMixing(config({ model: { family: 'linear-regression', dim: 3 }, ...fresh }))).toBe('pooled');
    for (const family of ['gaussian', 'poisson', 'bernoulli', 'exponential']) expect(dataMixing(config({ model: { family }, ...fresh }))).toBe('separate');
    // The resolved config keeps the field absent (a stored config is unchanged by this release).
    expect(config({ model: { family: 'linear-regression', dim: 3 }, ...fresh }).data.mixing).toBeUndefined();
  });
});

describe('data.mixing = separate reproduces the numbers from before the field, bit for bit', () => {
  it.each(Object.keys(BEFORE))('%s', async (name) => {
    const { config: partial, digest: want } = BEFORE[name];
    expect(digest(await run(resolveConfig(applyOverrides(partial, ['data.mixing=separate']))))).toBe(want);
    const regression = (partial.model as { family?: string } | undefined)?.family === 'linear-regression';
    if (!regression) expect(digest(await run(resolveConfig(partial)))).toBe(want); // their default is separate
    else expect(digest(await run(resolveConfig(partial)))).not.toBe(want); // regression now pools by default
  });
});

/**
 * Seed 003's RandomLR, written out: per replicate stream (the engine's seed semantics: stream r of
 * seedStreams(seed, r)), generation 0 draws n_0 pairs (d normals for x, then one for the noise) and
 * fits OLS; generation t draws n synthetic pairs labelled by the previous fit (noise sigma_0), then
 * n_real real pairs (noise sigma), and solves the weighted normal equations
 * (sum a_i x_i x_i' + lambda I) b = sum a_i x_i y_i with a_i = (1 - w)/n or w/n_real, by Gaussian
 * elimination with partial pivoting (the engine uses Cholesky on the same sums).
 */
function plainPooledRegression(c: RunConfig): Float64Array {
  const d = c.model.dim;
  const R = c.replicates;
  const truth = truthVector(c);
  const sigma = c.model.noise ?? 1;
  const sigma0 = c.model.syntheticNoise ?? sigma;
  const lambda = c.model.ridge ?? 0;
  const { realPerGeneration: nr, realWeight: w } = c.data;
  const out = new Float64Array(R * d);
  const rng = new Xoshiro128();
  for (let r = 0; r < R; r++) {
    rng.load(seedStreams(c.seed, r, 1), 0);
    const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const b = new Array<number>(d).fill(0);
    const addPairs = (count: number, coef: ArrayLike<number>, noise: number, weight: number): void => {
      for (let i = 0; i < count; i++) {
        const x = Array.from({ length: d }, () => normal(rng));
        let y = noise * normal(rng);
        for (let j = 0; j < d; j++) y += x[j] * coef[j];
        for (let j = 0; j < d; j++) {
          b[j] += weight * x[j] * y;
          for (let k = 0; k < d; k++) A[j][k] += weight * x[j] * x[k];
        }
      }
    };
    const solve = (): number[] => {
      const M = A.map((row, j) => [...row.map((v, k) => v + (j === k ? lambda : 0)), b[j]]);
      for (let col = 0; col < d; col++) {
        let piv = col;
        for (let i = col + 1; i < d; i++) if (Math.abs(M[i][col]) > Math.abs(M[piv][col])) piv = i;
        [M[col], M[piv]] = [M[piv], M[col]];
        for (let i = col + 1; i < d; i++) {
          const f = M[i][col] / M[col][col];
          for (let k = col; k <= d; k++) M[i][k] -= f * M[col][k];
        }
      }
      const sol = new Array<number>(d).fill(0);
      for (let i = d - 1; i >= 0; i--) {
        let s = M[i][d];
        for (let k = i + 1; k < d; k++) s -= M[i][k] * sol[k];
        sol[i] = s / M[i][i];
      }
      return sol;
    };
    const reset = (): void => {
      for (const row of A) row.fill(0);
      b.fill(0);
    };
    const n0 = c.sampleSize.initial ?? c.sampleSize.n0;
    addPairs(n0, truth, sigma, 1 / n0);
    let coef = solve();
    for (let t = 1; t <= c.generations; t++) {
      reset();
      const n = c.sampleSize.n0; // constant schedule
      addPairs(n, coef, sigma0, (1 - w) / n);
      addPairs(nr, truth, sigma, w / nr);
      coef = solve();
    }
    out.set(coef, r * d);
  }
  return out;
}

describe('pooled regression (seed 003\'s weighted least squares)', () => {
  it.each([
    ['OLS, n = 12, n_real = 9, w = 0.2', {}],
    ['ridge lambda = 0.3, n = 12, n_real = 9, w = 0.7', { ridge: 0.3 }],
  ])('%s: equals a plain weighted least-squares loop on the same streams (1e-10 relative)', (_, extra) => {
    const w = 'ridge' in extra ? 0.7 : 0.2;
    const c = config({ seed: 181, replicates: 40, generations: 6, model: { ...REG, ...extra }, sampleSize: { n0: 12 }, data: { mode: 'fresh', realPerGeneration: 9, realWeight: w } });
    const got = simulateBlocks(c, (t) => t === c.generations, { coefficients: true }).raw.get(c.generations)!.coef!;
    const want = plainPooledRegression(c);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
    expect(worst).toBeLessThan(1e-10);
    // And it is not the separate mix, which the same streams give differently.
    const separate = simulateBlocks(config({ ...c, data: { ...c.data, mixing: 'separate' } }), (t) => t === c.generations, { coefficients: true }).raw.get(c.generations)!.coef!;
    expect(Math.max(...Array.from(separate, (v, i) => Math.abs(v - want[i])))).toBeGreaterThan(1e-3);
  });

  it('has no closed form: theory is null, never the separate mix\'s formula', async () => {
    const c = config({ seed: 182, replicates: 4, generations: 3, model: REG, sampleSize: { n0: 12 }, data: { mode: 'fresh', realPerGeneration: 9, realWeight: 0.4 } });
    for (const g of await run(c)) expect(g.theory).toEqual({ errorMeanSq: null, testError: null });
    const sep = createRegressionTheory(config({ ...c, data: { ...c.data, mixing: 'separate' } }));
    expect(sep.next(0).testError).not.toBeNull();
  });

  it('at the paper\'s setting (d = 2, n = n_real = 100, w = 0.2, mean error over 150 <= t < 200) separate mixing is worse than pooling', () => {
    // Both modes on the same streams draw the same numbers, so per replicate the two window means are
    // paired; the ratio of their means has the delta-method SE of helpers.ratioWithSe.
    const R = 1500;
    const base = { seed: 183, replicates: R, generations: 199, model: { family: 'linear-regression', dim: 2, noise: 1, truth: 1 }, sampleSize: { n0: 100 }, data: { mode: 'fresh', realPerGeneration: 100, realWeight: 0.2 } };
    const windowMean = (mixing: string): Float64Array => {
      const c = config({ ...base, data: { ...base.data, mixing } });
      const block = createBlock(c, 0, R);
      const acc = new Float64Array(R);
      for (let t = 0; t <= c.generations; t++) {
        const g = t === 0 ? block.initial() : block.advance(t);
        if (t >= 150) for (let r = 0; r < R; r++) acc[r] += g.errSq[r] / 50;
      }
      return acc;
    };
    const sep = windowMean('separate');
    const pooled = windowMean('pooled');
    const { ratio, se } = ratioWithSe(sep, pooled);
    console.log(`separate / pooled at d = 2, k = 1, w = 0.2: ${ratio.toFixed(4)} +- ${se.toFixed(4)} (separate ${mean(sep).toFixed(5)}, pooled ${mean(pooled).toFixed(5)})`);
    record({ check: 'separate / pooled window MSE, d=2 n=100 w=0.2 (R=1500)', measured: ratio, theory: 1, tolerance: `ratio - 1 > 4 SE = ${(Z * se).toExponential(2)}` });
    expect(ratio - 1).toBeGreaterThan(Z * se);
    // The separate mix itself follows its closed form, m = (w^2 + (1 - w)^2) (2/97) / (1 - (1 - w)^2) = 0.03895.
    const stationary = ((0.04 + 0.64) * (2 / 97)) / (1 - 0.64);
    record({ check: 'separate window MSE against its stationary law (R=1500)', measured: mean(sep), theory: stationary, tolerance: `4 SE = ${(Z * standardError(sep)).toExponential(2)}` });
    expect(Math.abs(mean(sep) - stationary)).toBeLessThanOrEqual(Z * standardError(sep));
    expect(standardError(minus(sep, pooled))).toBeGreaterThan(0);
  });
});

/** Per-replicate error, diversity and parameters at generation T of a run (one block, the engine's order). */
function gaussianAt(c: RunConfig, T: number): { errSq: Float64Array; diversity: Float64Array; params: Float64Array } {
  const block = createBlock(c, 0, c.replicates);
  let last = { errSq: new Float64Array(0), diversity: new Float64Array(0) };
  for (let t = 0; t <= T; t++) {
    const g = t === 0 ? block.initial() : block.advance(t);
    if (t === T) last = { errSq: g.errSq.slice(), diversity: g.diversity.slice() };
  }
  // The fitted parameters, from the block's private buffer (as helpers.coefficientsOf reads them).
  return { ...last, params: (block as unknown as { params: Float64Array }).params.slice() };
}

/**
 * The pooled Gaussian mean-and-covariance recursion by hand (per coordinate, sigma^2 = V):
 *   m_t = (1 - w)^2 (m_{t-1} + V c_{t-1}/n) + w^2 V/n_r,    m_0 = V/n_0,
 *   s_t = w (n_r - 1)/n_r + (1 - w) c_{t-1} (n - 1)/n + w (1 - w)(1/n_r + c_{t-1}/n + m_{t-1}/V),
 *   c_t = s_t (MLE) or s_t / (1 - w^2/n_r - (1 - w)^2/n) (unbiased),  c_0 = (n_0 - 1)/n_0 or 1.
 * Returns d m_t and V c_t (the expected diversity) for t = 0..T.
 */
function pooledCovarianceLaw(d: number, V: number, n: number, nr: number, w: number, mle: boolean, T: number): { mse: number[]; diversity: number[] } {
  let m = V / n;
  let c = mle ? (n - 1) / n : 1;
  const mse = [d * m];
  const diversity = [V * c];
  for (let t = 1; t <= T; t++) {
    const mNext = (1 - w) ** 2 * (m + (V * c) / n) + (w * w * V) / nr;
    const s = w * ((nr - 1) / nr) + (1 - w) * c * ((n - 1) / n) + w * (1 - w) * (1 / nr + c / n + m / V);
    c = mle ? s : s / (1 - (w * w) / nr - ((1 - w) * (1 - w)) / n);
    m = mNext;
    mse.push(d * m);
    diversity.push(V * c);
  }
  return { mse, diversity };
}

describe('pooled Gaussian families', () => {
  it('a Gaussian mean (and a Poisson rate) is the same estimate either way, to rounding; its theory is unchanged', () => {
    for (const model of [{ dim: 3 }, { family: 'poisson', dim: 2 }]) {
      const base = { seed: 191, replicates: 50, generations: 8, model, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.35 } };
      const sep = config({ ...base, data: { ...base.data, mixing: 'separate' } });
      const pool = config({ ...base, data: { ...base.data, mixing: 'pooled' } });
      const a = gaussianAt(sep, 8).params;
      const b = gaussianAt(pool, 8).params;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a[i])));
      const ts = createErrorTheory(sep);
      const tp = createErrorTheory(pool);
      for (let t = 0; t <= 8; t++) expect(tp.next(t)).toBe(ts.next(t));
    }
  });

  it.each([
    ['MLE', 'mle'],
    ['unbiased', 'unbiased'],
  ])('a fitted covariance (%s): the pooled scatter adds the between-part term; diversity and MSE at t = 6 within 4 SE of the recursion (R = 4000)', (_, estimator) => {
    // Small parts (n = n_real = 10, w = 0.5) make the between-part term w(1 - w)(...) large: the
    // pooled expected spread sits about 0.1 sigma^2 above the separate mix's.
    const d = 2;
    const R = 4000;
    const T = 6;
    const base = { seed: 192, replicates: R, generations: T, model: { dim: d, estimate: 'mean-cov', estimator }, sampleSize: { n0: 10 }, data: { mode: 'fresh', realPerGeneration: 10, realWeight: 0.5 } };
    const c = config({ ...base, data: { ...base.data, mixing: 'pooled' } });
    const law = pooledCovarianceLaw(d, 1, 10, 10, 0.5, estimator === 'mle', T);
    const stepper = createErrorTheory(c);
    for (let t = 0; t <= T; t++) expect(Math.abs((stepper.next(t) as number) - law.mse[t])).toBeLessThanOrEqual(1e-12 * law.mse[t]);
    const { errSq, diversity } = gaussianAt(c, T);
    record({ check: `pooled mean-cov ${estimator} d=2 n=n_r=10 w=0.5 t=6 diversity (R=4000)`, measured: mean(diversity), theory: law.diversity[T], tolerance: `4 SE = ${(Z * standardError(diversity)).toExponential(2)}` });
    expect(Math.abs(mean(diversity) - law.diversity[T])).toBeLessThanOrEqual(Z * standardError(diversity));
    record({ check: `pooled mean-cov ${estimator} d=2 n=n_r=10 w=0.5 t=6 MSE (R=4000)`, measured: mean(errSq), theory: law.mse[T], tolerance: `4 SE = ${(Z * standardError(errSq)).toExponential(2)}` });
    expect(Math.abs(mean(errSq) - law.mse[T])).toBeLessThanOrEqual(Z * standardError(errSq));
    // The separate mix's spread is measurably lower (its own recursion has no between-part term).
    const sepDiv = gaussianAt(config({ ...base, data: { ...base.data, mixing: 'separate' } }), T).diversity;
    expect(mean(diversity) - mean(sepDiv)).toBeGreaterThan(Z * Math.hypot(standardError(diversity), standardError(sepDiv)));
  });

  it('the exponential rate differs (1/weighted mean against the mixed rates) and has no closed form either way', () => {
    const base = { seed: 193, replicates: 30, generations: 5, model: { family: 'exponential' }, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.3 } };
    const a = gaussianAt(config({ ...base, data: { ...base.data, mixing: 'separate' } }), 5).params;
    const b = gaussianAt(config({ ...base, data: { ...base.data, mixing: 'pooled' } }), 5).params;
    expect(Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])))).toBeGreaterThan(1e-4);
    expect(createErrorTheory(config({ ...base, data: { ...base.data, mixing: 'pooled' } })).next(0)).toBeNull();
  });
});
