/**
 * Ridge regression under recursion (docs/experiments.md section 6; Dohmatob et al. Corollary 4.4's
 * setting): the Marchenko-Pastur moments of engine/theory/marchenko-pastur.ts and the isotropic
 * ridge chain of engine/theory/regression.ts, estimator (X'X/n + lambda I)^-1 X'y/n.
 *
 * What is exact and what is asymptotic:
 * - ridgeResolventMoments is the Marchenko-Pastur limit (d, n -> infinity, d/n = gamma). Its
 *   a1 = E f1, a2 = E f2, v = E f3 (f1 = x/(x+l), f2 = f1^2, f3 = x/(x+l)^2) follow from the MP Stieltjes
 *   transform h(l) = E 1/(x + l) = (S - B)/(2 gamma l), B = 1 - gamma + l, S = sqrt(B^2 + 4 gamma l):
 *   a1 = 1 - l h, a2 = 1 - 2 l h - l^2 h', v = h + l h' (checked to 1e-12 below).
 * - The chain recursion is exact given the finite-d moments (helpers.ridgeChain): the only
 *   approximation in theory.testError is MP in place of E tr f(S)/d at the finite d.
 * - That finite-size bias is first order in 1/d with a known coefficient: E tr f(S) = d MP(f) + mu_f
 *   + o(1) (Bai and Silverstein 2004, real Gaussian; helpers.baiSilversteinMean). Below, Monte-Carlo
 *   draws of S confirm mu_f/d at d = 50 and d = 200 (the discrepancy shrinks 4x when d and n double
 *   twice) and the tolerances for the simulated chain are 4 SE + twice the first-order bias of
 *   the chain (the factor 2 covers the o(1/d) remainder, which the d = 25 .. 200 measurements put
 *   well below the first-order term).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegressionTheory, ridgePenalty, ridgeResolventMoments, sampleSizeAt, type RunConfig } from '../../engine/index';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';
import { baiSilversteinMean, config, mean, printRows, record, ridgeChain, ridgeMomentFunctions, simulateBlocks, standardError, summaries, tQuantile999, type RidgeMoments } from './helpers';

afterAll(() => printRows('ridge (ridge.test.ts)'));

const Z = 4;
const KEYS = ['a1', 'a2', 'v'] as const;

/** The MP moments from the Stieltjes transform in closed form (independent of the engine's quadrature). */
function closedForm(gamma: number, l: number): RidgeMoments {
  const B = 1 - gamma + l;
  const S = Math.sqrt(B * B + 4 * gamma * l);
  const h = (S - B) / (2 * gamma * l);
  const dS = (B + 2 * gamma) / S;
  const dh = ((dS - 1) * 2 * gamma * l - (S - B) * 2 * gamma) / (2 * gamma * l) ** 2;
  return { a1: 1 - l * h, a2: 1 - 2 * l * h - l * l * dh, v: h + l * dh };
}

/** MP moments plus the first-order finite-size term mu_f / d. */
function corrected(gamma: number, l: number, d: number): RidgeMoments {
  const mp = ridgeResolventMoments(gamma, l);
  const f = ridgeMomentFunctions(l);
  return { a1: mp.a1 + baiSilversteinMean(f.a1, gamma) / d, a2: mp.a2 + baiSilversteinMean(f.a2, gamma) / d, v: mp.v + baiSilversteinMean(f.v, gamma) / d };
}

/**
 * One Monte-Carlo draw of (tr A/d, tr A^2/d, tr R^2 S/d) for S = X'X/n, X n x d iid N(0, 1), at each
 * lambda. R = (S + l)^-1 by Cholesky; with r1 = tr R/d, r2 = tr R^2/d = ||R||_F^2/d:
 * A = I - l R gives a1 = 1 - l r1, a2 = 1 - 2 l r1 + l^2 r2, and v = tr(R^2 (S + l - l))/d = r1 - l r2.
 */
function drawMoments(rng: Xoshiro128, d: number, n: number, lambdas: readonly number[]): RidgeMoments[] {
  const S = new Float64Array(d * d);
  const x = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[j] = normal(rng);
    for (let j = 0; j < d; j++) {
      const xj = x[j];
      const row = j * d;
      for (let k = 0; k <= j; k++) S[row + k] += xj * x[k];
    }
  }
  return lambdas.map((l) => {
    const L = new Float64Array(d * d);
    for (let j = 0; j < d; j++) for (let k = 0; k <= j; k++) L[j * d + k] = S[j * d + k] / n + (j === k ? l : 0);
    for (let j = 0; j < d; j++) {
      let s = L[j * d + j];
      for (let k = 0; k < j; k++) s -= L[j * d + k] ** 2;
      const ljj = Math.sqrt(s);
      L[j * d + j] = ljj;
      for (let i = j + 1; i < d; i++) {
        let t = L[i * d + j];
        for (let k = 0; k < j; k++) t -= L[i * d + k] * L[j * d + k];
        L[i * d + j] = t / ljj;
      }
    }
    // M = L^-1 (lower); R = M'M, so tr R = ||M||_F^2 and R_ij = sum_k M_ki M_kj.
    const M = new Float64Array(d * d);
    for (let c = 0; c < d; c++) {
      for (let i = c; i < d; i++) {
        let s = i === c ? 1 : 0;
        for (let k = c; k < i; k++) s -= L[i * d + k] * M[k * d + c];
        M[i * d + c] = s / L[i * d + i];
      }
    }
    let trR = 0;
    for (let i = 0; i < d * d; i++) trR += M[i] * M[i];
    let trR2 = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = i; k < d; k++) s += M[k * d + i] * M[k * d + j];
        trR2 += (i === j ? 1 : 2) * s * s;
      }
    }
    const r1 = trR / d;
    const r2 = trR2 / d;
    return { a1: 1 - l * r1, a2: 1 - 2 * l * r1 + l * l * r2, v: r1 - l * r2 };
  });
}

/** K draws at (d, n): per lambda, per moment, the K values. */
function monteCarlo(seed: number, d: number, n: number, K: number, lambdas: readonly number[]): Record<(typeof KEYS)[number], number[]>[] {
  const rng = new Xoshiro128();
  rng.load(seedStreams(seed, 0, 1), 0);
  const out = lambdas.map(() => ({ a1: [] as number[], a2: [] as number[], v: [] as number[] }));
  for (let k = 0; k < K; k++) {
    drawMoments(rng, d, n, lambdas).forEach((m, i) => {
      for (const key of KEYS) out[i][key].push(m[key]);
    });
  }
  return out;
}

describe('ridgeResolventMoments (Marchenko-Pastur)', () => {
  it('equals the Stieltjes-transform closed form for gamma in (0.1 .. 2) and lambda in (0.01 .. 10) to 1e-12', () => {
    // The engine integrates over the MP density after x = mid + half cos(theta), which makes the
    // integrand smooth and periodic: Simpson then converges geometrically (measured error < 3e-14).
    for (const gamma of [0.1, 0.25, 0.5, 0.8, 0.95, 1.5, 2]) {
      for (const l of [0.01, 0.1, 1, 10]) {
        const got = ridgeResolventMoments(gamma, l);
        const want = closedForm(gamma, l);
        for (const key of KEYS) expect(Math.abs(got[key] - want[key]), `gamma ${gamma} lambda ${l} ${key}`).toBeLessThan(1e-12);
      }
    }
  });

  it('limits: lambda -> 0 gives a1 = a2 = 1 and v = E 1/x = 1/(1 - gamma) for gamma < 1; a1 = a2 = 1/gamma for gamma > 1', () => {
    for (const gamma of [0.25, 0.5, 0.8]) {
      const m = ridgeResolventMoments(gamma, 0);
      expect(m.a1).toBeCloseTo(1, 12);
      expect(m.a2).toBeCloseTo(1, 12);
      expect(Math.abs(m.v - 1 / (1 - gamma))).toBeLessThan(1e-12 / (1 - gamma));
      // and continuously so: at lambda = 1e-8, 1 - a1 = lambda E 1/(x + lambda) <= lambda/(1 - gamma) and
      // E 1/x - v = E lambda (2x + lambda)/(x (x + lambda)^2) <= 2 lambda E 1/x^2 = 2 lambda/(1 - gamma)^3 (MP).
      const l = 1e-8;
      const near = ridgeResolventMoments(gamma, l);
      expect(1 - near.a1).toBeGreaterThan(0);
      expect(1 - near.a1).toBeLessThanOrEqual(l / (1 - gamma) + 1e-14); // + rounding of 1 - a1 (a1 ~ 1)
      expect(1 / (1 - gamma) - near.v).toBeGreaterThan(0);
      expect(1 / (1 - gamma) - near.v).toBeLessThanOrEqual((2 * l) / (1 - gamma) ** 3);
    }
    // gamma > 1: a mass 1 - 1/gamma at 0, where x/(x + lambda) vanishes.
    const wide = ridgeResolventMoments(2, 0);
    expect(wide.a1).toBeCloseTo(0.5, 12);
    expect(wide.a2).toBeCloseTo(0.5, 12);
    // lambda -> infinity: A ~ S/lambda, a1 ~ E x/lambda = 1/lambda.
    expect(ridgeResolventMoments(0.5, 1e6).a1 * 1e6).toBeCloseTo(1, 4);
  });

  it('the finite-size coefficient: mu_f for f = 1/x is gamma/(1 - gamma)^2, the first-order term of E tr(S^-1) = d n/(n - d - 1)', () => {
    // d n/(n - d - 1) - d/(1 - gamma) = d n/((n - d)(n - d - 1)) -> gamma/(1 - gamma)^2 as d, n grow.
    for (const gamma of [0.25, 0.5, 0.8]) expect(baiSilversteinMean((x) => 1 / x, gamma)).toBeCloseTo(gamma / (1 - gamma) ** 2, 10);
  });

  // Monte-Carlo moments, computed once for the two checks below (~0.6 s).
  const lambdas = [0.1, 1];
  let big: ReturnType<typeof monteCarlo>; // d = 200, n = 400, 12 draws
  let small: ReturnType<typeof monteCarlo>; // d = 50, n = 100, 200 draws
  beforeAll(() => {
    big = monteCarlo(701, 200, 400, 12, lambdas);
    small = monteCarlo(702, 50, 100, 200, lambdas);
  });

  it('matches Monte-Carlo averages of X\'X/n at d = 200, n = 400 (12 draws) within t SE + the first-order finite-size bias', () => {
    // SE from the 12 draws' sample SD (independent matrices); Student's t with 11 df at two-sided
    // 1e-3 (4.437). Allowed bias: 2 |mu_f|/d (factor 2 for the o(1/d) rest).
    const d = 200;
    const k = tQuantile999(11);
    lambdas.forEach((l, i) => {
      const mp = ridgeResolventMoments(0.5, l);
      const fo = corrected(0.5, l, d);
      for (const key of KEYS) {
        const vals = big[i][key];
        const se = standardError(vals);
        const bias = Math.abs(fo[key] - mp[key]);
        record({ check: `MP ${key} d=200 n=400 lambda=${l} (K=12)`, measured: mean(vals), theory: mp[key], tolerance: `t11 SE + 2 mu/d = ${(k * se + 2 * bias).toExponential(2)}` });
        expect(se).toBeGreaterThan(0);
        expect(Math.abs(mean(vals) - mp[key])).toBeLessThanOrEqual(k * se + 2 * bias);
        // Sharper: with the first-order term added, within t SE alone.
        expect(Math.abs(mean(vals) - fo[key])).toBeLessThanOrEqual(k * se);
      }
    });
  });

  it('the finite-size discrepancy is the 1/d term: significant at d = 50, explained by mu_f/d there, and smaller at d = 200', () => {
    // At d = 50, n = 100 (gamma 0.5) the MC discrepancy of a1 from MP is ~7 SE for lambda = 0.1: MP
    // alone is not within SE there. MC - MP agrees with mu_f/d within 4 SE (200 draws).
    lambdas.forEach((l, i) => {
      const mp = ridgeResolventMoments(0.5, l);
      const f = ridgeMomentFunctions(l);
      for (const key of KEYS) {
        const disc = mean(small[i][key]) - mp[key];
        const se = standardError(small[i][key]);
        const first = baiSilversteinMean(f[key], 0.5) / 50;
        record({ check: `MC - MP ${key} d=50 n=100 lambda=${l} (K=200)`, measured: disc, theory: first, tolerance: `4 SE = ${(Z * se).toExponential(2)}` });
        expect(Math.abs(disc - first)).toBeLessThanOrEqual(Z * se);
      }
    });
    // Doubling d and n twice shrinks it: for a1 at lambda = 0.1 (mu/d = -1.5e-3 at d = 50, -3.8e-4 at
    // d = 200) the difference of the two discrepancies is more than 4 SE of that difference.
    const mp = ridgeResolventMoments(0.5, 0.1);
    const disc50 = mean(small[0].a1) - mp.a1;
    const disc200 = mean(big[0].a1) - mp.a1;
    const seDiff = Math.hypot(standardError(small[0].a1), standardError(big[0].a1));
    expect(Math.abs(disc50)).toBeGreaterThan(Z * standardError(small[0].a1));
    expect(disc200 - disc50).toBeGreaterThan(Z * seDiff);
  });
});

describe('the ridge chain (isotropic, fresh design, replace)', () => {
  function chainOf(cfg: RunConfig, moments: (t: number) => RidgeMoments): number[] {
    const n = (t: number) => sampleSizeAt(cfg.sampleSize, t);
    const sigma = cfg.model.noise as number;
    return ridgeChain(moments, cfg.generations, cfg.model.dim, n, sigma, cfg.model.syntheticNoise ?? sigma, 1);
  }

  it('theory.testError is the recursion with the MP moments (exact), and null where no closed form applies', () => {
    const cfg = config({ generations: 8, model: { family: 'linear-regression', dim: 50, noise: 0.5, syntheticNoise: 1, ridge: 0.1 }, sampleSize: { n0: 100 } });
    const want = chainOf(cfg, () => ridgeResolventMoments(0.5, 0.1));
    const stepper = createRegressionTheory(cfg);
    want.forEach((m, t) => expect(Math.abs((stepper.next(t).testError as number) - m)).toBeLessThanOrEqual(1e-12 * m));
    // Stationary limit: c -> -||w0||^2 and m -> ||w0||^2 + sigma_0^2 d v/(n (1 - a2)) (the estimate shrinks to 0).
    const long = config({ generations: 400, model: { family: 'linear-regression', dim: 50, noise: 0.5, syntheticNoise: 1, ridge: 0.1 }, sampleSize: { n0: 100 } });
    const mp = ridgeResolventMoments(0.5, 0.1);
    const end = chainOf(long, () => mp)[400];
    expect(end).toBeCloseTo(1 + (0.5 * mp.v) / (1 - mp.a2), 8);
    // No closed form: ridge on a power-law spectrum, ridge with accumulate, ridge with a shared design.
    for (const extra of [{ model: { family: 'linear-regression', dim: 5, ridge: 0.1, spectrum: 'power', spectrumExponent: 1 } }, { model: { family: 'linear-regression', dim: 5, ridge: 0.1 }, data: { mode: 'accumulate' } }, { model: { family: 'linear-regression', dim: 5, ridge: 0.1 }, data: { sharedDesign: true } }]) {
      const s = createRegressionTheory(config({ generations: 2, ...extra }));
      expect(s.next(0).testError).toBeNull();
    }
  });

  it('simulation at d = 50, n = 100, lambda = 0.1, sigma = 0.5, sigma_0 = 1, t = 5 (R = 500) within 4 SE + twice the first-order bias', () => {
    // d = 50 rather than 100: a d = 100 fit costs ~6 ms here (R T fits), and the finite-size bias is
    // accounted for explicitly. At d = 50 the chain's first-order bias is +0.2..0.5% of the value,
    // against an SE of ~0.8%.
    const R = 500;
    const T = 5;
    const d = 50;
    const cfg = config({ seed: 703, replicates: R, generations: T, model: { family: 'linear-regression', dim: d, noise: 0.5, syntheticNoise: 1, ridge: 0.1 }, sampleSize: { n0: 100 } });
    const run = simulateBlocks(cfg, (t) => t === T);
    const v = run.raw.get(T)!.testErr;
    const theory = run.summaries[T].theory.testError as number;
    const firstOrder = chainOf(cfg, () => corrected(0.5, 0.1, d))[T];
    const bias = Math.abs(firstOrder - theory);
    const tol = Z * standardError(v) + 2 * bias;
    record({ check: 'ridge chain d=50 n=100 lambda=0.1 t=5 testError (R=500)', measured: mean(v), theory, tolerance: `4 SE + 2 bias = ${tol.toExponential(2)} (bias ${bias.toExponential(2)})` });
    expect(Math.abs(mean(v) - theory)).toBeLessThanOrEqual(tol);
  });

  it('adaptive ridge lambda = n^-l is applied per generation (d = 20, n_t = 40 (t + 1), l = 0.25, sigma = 0.3, R = 1000, t = 4)', () => {
    const R = 1000;
    const T = 4;
    const d = 20;
    const l = 0.25;
    const cfg = config({ seed: 704, replicates: R, generations: T, model: { family: 'linear-regression', dim: d, noise: 0.3, ridgeExponent: l }, sampleSize: { schedule: 'linear', n0: 40 } });
    const n = (t: number) => sampleSizeAt(cfg.sampleSize, t);
    for (let t = 0; t <= T; t++) expect(ridgePenalty(cfg, n(t))).toBe(Math.pow(40 * (t + 1), -l));
    // The engine's theory uses lambda_t = n_t^-l and gamma_t = d/n_t generation by generation (exact).
    const perGeneration = chainOf(cfg, (t) => ridgeResolventMoments(d / n(t), n(t) ** -l));
    const stepper = createRegressionTheory(cfg);
    perGeneration.forEach((m, t) => expect(Math.abs((stepper.next(t).testError as number) - m)).toBeLessThanOrEqual(1e-12 * m));
    // The simulation agrees with it, and rejects the same chain with lambda frozen at n_0^-l.
    const run = simulateBlocks(cfg, (t) => t === T);
    const v = run.raw.get(T)!.testErr;
    const bias = Math.abs(chainOf(cfg, (t) => corrected(d / n(t), n(t) ** -l, d))[T] - perGeneration[T]);
    const tol = Z * standardError(v) + 2 * bias;
    record({ check: 'adaptive ridge d=20 linear n l=0.25 t=4 testError (R=1000)', measured: mean(v), theory: perGeneration[T], tolerance: `4 SE + 2 bias = ${tol.toExponential(2)}` });
    expect(Math.abs(mean(v) - perGeneration[T])).toBeLessThanOrEqual(tol);
    const frozen = chainOf(cfg, (t) => ridgeResolventMoments(d / n(t), n(0) ** -l))[T];
    record({ check: '  lambda frozen at n_0^-l (must be rejected)', measured: mean(v), theory: frozen, tolerance: `|diff| > ${tol.toExponential(2)}` });
    expect(Math.abs(mean(v) - frozen)).toBeGreaterThan(tol);
  });

  it('adaptive with a constant schedule is bit-identical to the fixed ridge n^-l', async () => {
    const base = { seed: 705, replicates: 6, generations: 4, sampleSize: { n0: 30 } };
    const adaptive = await summaries(config({ ...base, model: { family: 'linear-regression', dim: 8, ridgeExponent: 0.5 } }));
    const fixed = await summaries(config({ ...base, model: { family: 'linear-regression', dim: 8, ridge: Math.pow(30, -0.5) } }));
    expect(adaptive).toStrictEqual(fixed);
  });
});
