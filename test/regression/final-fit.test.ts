/**
 * The final fit, `sampleSize.final = T` (docs/experiments.md section 6; Dohmatob, Feng and Kempe,
 * figure 4 and Theorem 4.1): the chain w_t is the fake-data generators (w_0 = w*, then OLS on n_t
 * pairs labelled by w_{t-1} with noise sigma_0) and each generation reports a final model fitted on
 * T fresh pairs labelled by w_t with noise sigma; a ridge penalty applies to that final fit only.
 *
 * Exact laws (derivation in ridge-collapse.test.ts): OLS final fit,
 *   E testError_t = sigma^2 d/(T - d - 1) + sum_{s=1..t} sigma_0^2 d/(n_s - d - 1)   (tr(Sigma^-1) for ||e||^2);
 * ridge final fit on an identity design,
 *   E testError_t = a2 G_t + (1 - 2 a1 + a2) ||w0||^2 + sigma^2 d v / T,
 * G_t the generators' sum, with the finite-d moments of X'X/T (the engine: their Marchenko-Pastur limit,
 * whose first-order finite-d bias is added to the tolerance as in ridge.test.ts).
 *
 * Tolerances: theory against hand sums to 1e-12 relative; simulations within 4 SE, the SE from the
 * sample SD of R independent replicates at a single t. CLOSED_FORM_REPORT=1 prints the table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, createRegressionTheory, resolveConfig, ridgeResolventMoments, type RunConfig } from '../../engine/index';
import { baiSilversteinMean, config, mean, printRows, record, ridgeMomentFunctions, simulateBlocks, standardError, type RidgeMoments } from './helpers';

afterAll(() => printRows('the final fit (final-fit.test.ts)'));

const Z = 4;

/** Theorem 4.1 by hand, constant n: sigma^2 d/(T - d - 1) + t sigma_0^2 d/(n - d - 1). */
function handSum(t: number, dim: number, nn: number, TT: number, sigma: number, sigma0: number): number {
  return (sigma * sigma * dim) / (TT - dim - 1) + (t * sigma0 * sigma0 * dim) / (nn - dim - 1);
}

function theoryOf(c: RunConfig, key: 'testError' | 'errorMeanSq' = 'testError'): number[] {
  const stepper = createRegressionTheory(c);
  return Array.from({ length: c.generations + 1 }, (_, t) => stepper.next(t)[key] as number);
}

function within(check: string, measured: number, want: number, se: number, how: string): void {
  record({ check, measured, theory: want, tolerance: `${Z} SE = ${(Z * se).toExponential(2)} (${how})` });
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(measured - want)).toBeLessThanOrEqual(Z * se);
}

describe('the final fit (sampleSize.final)', () => {
  const reg = (model: Record<string, unknown>) => ({ family: 'linear-regression', ...model });

  it('OLS: d = 10, generators on n = 30 (sigma_0 = 1), final fit on T = 40 (sigma = 0.5); t = 0, 3, 8 within 4 SE (R = 4000)', () => {
    const R = 4000;
    const c = config({ seed: 431, replicates: R, generations: 8, model: reg({ dim: 10, noise: 0.5, syntheticNoise: 1 }), sampleSize: { n0: 30, final: 40 } });
    const run = simulateBlocks(c, (t) => t === 0 || t === 3 || t === 8, { coefficients: true });
    const th = theoryOf(c);
    for (const t of [0, 3, 8]) {
      const want = handSum(t, 10, 30, 40, 0.5, 1); // 0.25 * 10/29 + t * 10/19
      expect(Math.abs(th[t] - want)).toBeLessThanOrEqual(1e-12 * want);
      const v = run.raw.get(t)!.testErr;
      expect(run.summaries[t].testError!.mean).toBeCloseTo(mean(v), 12);
      within(`final fit OLS d=10 n=30 T=40 t=${t} testError (R=4000)`, mean(v), want, standardError(v), 'sample SD of R replicates');
    }
    // At t = 0 the generator is the truth itself: the buffer the helpers read (w) holds w* exactly.
    const w0 = 1 / Math.sqrt(10);
    expect(run.raw.get(0)!.coef!.every((v) => v === w0)).toBe(true);
  });

  it('power-law spectrum: testError keeps d, errorMeanSq uses tr(Sigma^-1) (exact theory; simulation at t = 4, R = 3000)', () => {
    const beta = 1;
    const c = config({ seed: 432, replicates: 3000, generations: 4, model: reg({ dim: 6, noise: 1, syntheticNoise: 0.5, spectrum: 'power', spectrumExponent: beta }), sampleSize: { n0: 20, final: 25 } });
    let trInv = 0;
    for (let j = 1; j <= 6; j++) trInv += j ** beta;
    const test = theoryOf(c);
    const err = theoryOf(c, 'errorMeanSq');
    for (let t = 0; t <= 4; t++) {
      const want = (1 * 6) / (25 - 7) + (t * 0.25 * 6) / (20 - 7);
      expect(Math.abs(test[t] - want)).toBeLessThanOrEqual(1e-12 * want);
      expect(Math.abs(err[t] - (want * trInv) / 6)).toBeLessThanOrEqual(1e-12 * want * trInv);
    }
    const raw = simulateBlocks(c, (t) => t === 4).raw.get(4)!;
    within('final fit OLS power spectrum d=6 t=4 testError (R=3000)', mean(raw.testErr), test[4], standardError(raw.testErr), 'sample SD of R replicates');
    within('final fit OLS power spectrum d=6 t=4 ||e||^2 (R=3000)', mean(raw.errSq), err[4], standardError(raw.errSq), 'sample SD of R replicates');
  });

  it('ridge on the final fit only (figure 1a\'s lambda axis): d = 50, n = 80, T = 100, lambda = 0.3; 4 SE + twice the first-order bias (R = 600)', () => {
    // The generators stay OLS (their error adds 1 * 50/29 per generation whatever lambda is), and the
    // final model shrinks it by a2. The engine's MP moments miss the finite-d ones by about mu_f/d
    // (Bai and Silverstein; see ridge.test.ts), so the tolerance adds twice that first-order bias.
    const R = 600;
    const dim = 50;
    const lambda = 0.3;
    const c = config({ seed: 433, replicates: R, generations: 3, model: reg({ dim, noise: 0.5, syntheticNoise: 1, ridge: lambda }), sampleSize: { n0: 80, final: 100 } });
    const gamma = dim / 100;
    const law = (m: RidgeMoments, t: number): number => m.a2 * ((t * dim) / (80 - dim - 1)) + (1 - 2 * m.a1 + m.a2) * 1 + (0.25 * dim * m.v) / 100;
    const mp = ridgeResolventMoments(gamma, lambda);
    const f = ridgeMomentFunctions(lambda);
    const fo: RidgeMoments = { a1: mp.a1 + baiSilversteinMean(f.a1, gamma) / dim, a2: mp.a2 + baiSilversteinMean(f.a2, gamma) / dim, v: mp.v + baiSilversteinMean(f.v, gamma) / dim };
    const th = theoryOf(c);
    for (let t = 0; t <= 3; t++) expect(Math.abs(th[t] - law(mp, t))).toBeLessThanOrEqual(1e-12 * law(mp, t));
    const run = simulateBlocks(c, (t) => t === 0 || t === 3);
    for (const t of [0, 3]) {
      const v = run.raw.get(t)!.testErr;
      const bias = Math.abs(law(fo, t) - th[t]);
      const tol = Z * standardError(v) + 2 * bias;
      record({ check: `final ridge fit d=50 n=80 T=100 lambda=0.3 t=${t} testError (R=600)`, measured: mean(v), theory: th[t], tolerance: `4 SE + 2 bias = ${tol.toExponential(2)} (bias ${bias.toExponential(2)})` });
      expect(Math.abs(mean(v) - th[t])).toBeLessThanOrEqual(tol);
    }
    // The generators stay OLS: their own error ||w_t - w0||^2 (the buffer the helpers read) has mean
    // t sigma_0^2 d/(n - d - 1) = 3 * 50/29 at t = 3; a ridge generator would shrink toward 0 instead
    // (mean near ||w0||^2 = 1 plus a much smaller variance term).
    const gen = simulateBlocks(c, (t) => t === 3, { coefficients: true }).raw.get(3)!.coef!;
    const w0 = 1 / Math.sqrt(dim);
    const gErr = Float64Array.from({ length: R }, (_, r) => {
      let s2 = 0;
      for (let j = 0; j < dim; j++) s2 += (gen[r * dim + j] - w0) ** 2;
      return s2;
    });
    within('final ridge fit: generators stay OLS, ||w_3 - w0||^2 (R=600)', mean(gErr), (3 * dim) / (80 - dim - 1), standardError(gErr), 'sample SD of R replicates');
  });

  it('is refused where it is not defined, with one line naming the field', () => {
    const issue = (partial: Record<string, unknown>): string => {
      try {
        resolveConfig(partial);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).message;
      }
      return 'accepted';
    };
    const lr = { family: 'linear-regression', dim: 5 };
    expect(issue({ sampleSize: { n0: 10, final: 20 } })).toBe('sampleSize.final: applies only to model.family linear-regression or kernel-ridge, got gaussian');
    expect(issue({ model: lr, sampleSize: { n0: 10, final: 20 }, data: { mode: 'accumulate' } })).toBe("sampleSize.final: a final fit needs data.mode replace, got 'accumulate'");
    expect(issue({ model: lr, sampleSize: { n0: 10, final: 20 }, filter: { kind: 'verifier', radius: 1 } })).toBe("sampleSize.final: a final fit needs filter.kind none, got 'verifier'");
    expect(issue({ model: lr, sampleSize: { n0: 10, final: 20, initial: 12 } })).toBe("sampleSize.initial: has no effect with sampleSize.final: generation 0's generator is the truth itself");
    expect(issue({ model: lr, sampleSize: { n0: 10, final: 4 } })).toBe('sampleSize.final: an OLS final fit in d = 5 needs at least 5 pairs (7 for the closed form), got 4; or set model.ridge');
    expect(issue({ model: { ...lr, ridge: 0.1 }, sampleSize: { n0: 4, final: 20 } })).toBe('sampleSize.n0: the OLS generators in d = 5 need at least 5 pairs a generation, got 4');
    // A ridge final fit may use fewer pairs than d; the closed form then needs no T >= d + 2.
    expect(issue({ model: { ...lr, ridge: 0.1 }, sampleSize: { n0: 10, final: 4 } })).toBe('accepted');
    expect(issue({ model: lr, sampleSize: { n0: 10, final: 20 } })).toBe('accepted');
  });
});
