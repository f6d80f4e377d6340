/**
 * The regression verifier (docs/experiments.md section 5; Yi, Liu, Cheng and Xu, seed 002) and the
 * `verifier-regression` preset: d = 5, sigma = 1, n_0 = 50 real pairs, N = 2000 synthetic pairs a
 * generation, knowledge ball r = sigma_c = 0.5 centred ||theta_c - theta*|| = 0.2 from the truth,
 * T = 30, R = 200.
 *
 * The law is linearised and reconstructed (docs/experiments.md): theta_t - theta_c ~ rho (theta_{t-1} -
 * theta_c) + noise, E||e_t||^2 ~ (1 - rho^t)^2 ||theta_c - theta*||^2 + V_t. Its reference numbers are
 * the targets: rho = 0.676, acceptance 0.862, lowest error at t = 3, 0.0436 at t = 30 (offset 0.2);
 * lowest at t = 1 and 0.2536 at t = 30 (offset 0.5). The transient is only approximately linear
 * (measured: the law overstates t = 1 by ~10%), so the simulation is compared with the reference
 * numbers where the spec gives them and with the law only near stationarity.
 *
 * SEs come from R independent replicates at one t; differences between generations are paired
 * within a replicate (their SE is the SD of the per-replicate differences / sqrt(R)). Fitted
 * coefficients are read from the block (helpers.coefficientsOf) to measure ||theta_t - theta_c||.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegressionTheory, findPreset, presetConfig, regressionVerifierLaw, truthVector, verifierCenter, type RunConfig } from '../../engine/index';
import { normalCdf, normalPdf } from '../../engine/theory/special';
import { config, mean, minus, printRows, record, simulateBlocks, standardError, tQuantile999, type RegRaw } from './helpers';

afterAll(() => printRows('regression verifier (verifier-regression.test.ts)'));

const Z = 4;
const d = 5;

type PresetPartial = { filter: Record<string, unknown>; sampleSize: Record<string, unknown>; replicates?: number; generations?: number; seed?: number };

function presetWith(changes: { offset?: number; replicates?: number; generations?: number; n?: number; seed?: number }): RunConfig {
  const p = presetConfig(findPreset('verifier-regression')!) as PresetPartial;
  if (changes.offset !== undefined) p.filter.centerOffset = changes.offset;
  if (changes.replicates !== undefined) p.replicates = changes.replicates;
  if (changes.generations !== undefined) p.generations = changes.generations;
  if (changes.n !== undefined) p.sampleSize.n0 = changes.n;
  if (changes.seed !== undefined) p.seed = changes.seed;
  return config(p);
}

/** ||theta_t - theta_c||^2 per replicate. */
function distToCenter(cfg: RunConfig, raw: RegRaw): Float64Array {
  const c = verifierCenter(truthVector(cfg), cfg.filter.centerOffset ?? 0);
  const R = cfg.replicates;
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) for (let j = 0; j < d; j++) out[r] += (raw.coef![r * d + j] - c[j]) ** 2;
  return out;
}

function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  return best;
}

/** Mean error curve over t (error.rms^2 = the mean of ||e_t||^2 over replicates). */
function curve(run: ReturnType<typeof simulateBlocks>): number[] {
  return run.summaries.map((s) => s.error.rms ** 2);
}

function within(check: string, measured: number, want: number, tol: number, how: string): void {
  record({ check, measured, theory: want, tolerance: `${tol.toExponential(2)} (${how})` });
  expect(Number.isFinite(measured)).toBe(true);
  expect(Math.abs(measured - want)).toBeLessThanOrEqual(tol);
}

const law = regressionVerifierLaw(5, 1, 0.5, 0.5);

/**
 * Model bias of the law's noise floor V (verifierErrorSeries uses q = rho d sigma^2 / (N acceptance)).
 * Linearising OLS on the accepted pairs at theta_c: X_a'X_a ~ N E[x x' p] = N (E[u p]/d) I and the
 * noise term ~ N sigma^2 E[x x' p v] = N sigma^2 (E[u p v]/d) I (u = ||x||^2), so the step covariance
 * has trace rho d sigma^2 / (N E[u p]/d): the law normalises by acceptance = E[p] where E[u p]/d is
 * due. E[u g(u)] = d E_{chi2(d+2)}[g] (u f_d(u) = d f_{d+2}(u)), so E[u p]/d is the acceptance of the
 * same ball in d + 2 dimensions: 0.9074 against 0.8615, a floor 5.3% too high (the true floor is
 * 5.1% below the law's). Measured in development (R = 2000, N = 2000, t = 16..20 averaged per
 * replicate): 0.003427 +- 0.000031, against 0.003429 re-normalised and 0.003612 from the law.
 * The floor checks below allow this relative bias on top of their SE tolerance (and report both).
 */
// The engine now normalises by that effective acceptance (law.effectiveAcceptance), so the law's
// floor carries no model bias: the checks below keep the term at 0 and assert the identity.
const floorBias = 0;

describe('the linearised law', () => {
  it('normalises the noise floor by the effective acceptance E[||x||^2 p]/d, the d + 2 ball\'s acceptance', () => {
    expect(Math.abs(law.effectiveAcceptance - regressionVerifierLaw(d + 2, 1, 0.5, 0.5).acceptance)).toBeLessThan(1e-6);
    expect(law.effectiveAcceptance).toBeCloseTo(0.9074, 3);
  });

  it('rho = 0.676 and acceptance 0.862 at d = 5, sigma = 1, r = sigma_c = 0.5 (the reference, to its last digit)', () => {
    // Independent values (mpmath quad, 30 digits, over u = ||x||^2 ~ chi2_5): rho = 0.6759650694,
    // acceptance = 0.8614794329. The engine's Simpson integral matches them to 1e-6 (limited by the
    // u^(3/2) of the chi2_5 density at the origin). The reference's 0.862 is 0.86148 rounded up by
    // 5.2e-4, so against the reference the tolerance is one unit of its last digit (1e-3), and
    // rho = 0.676 agrees to its rounding (3.5e-5).
    expect(Math.abs(law.rho - 0.6759650694052459)).toBeLessThan(1e-6);
    expect(Math.abs(law.acceptance - 0.8614794329025655)).toBeLessThan(1e-6);
    record({ check: 'regressionVerifierLaw rho', measured: law.rho, theory: 0.676, tolerance: '5e-4 (3 decimals); mpmath 0.675965 to 1e-6' });
    record({ check: 'regressionVerifierLaw acceptance', measured: law.acceptance, theory: 0.862, tolerance: '1e-3 (reference rounded up); mpmath 0.861479 to 1e-6' });
    expect(Math.abs(law.rho - 0.676)).toBeLessThanOrEqual(5e-4);
    expect(Math.abs(law.acceptance - 0.862)).toBeLessThanOrEqual(1e-3);
  });

  it('r = 0: a = sigma_c/sigma is constant, so rho = v(a) and acceptance = 2 Phi(a) - 1 exactly', () => {
    // The truncated normal: Var(eps | |eps| <= a sigma) = sigma^2 (1 - 2 a phi(a)/p(a)).
    const a = 0.5;
    const p = 2 * normalCdf(a) - 1;
    const zero = regressionVerifierLaw(5, 1, 0, 0.5);
    expect(zero.rho).toBeCloseTo(1 - (2 * a * normalPdf(a)) / p, 12);
    // Simpson's rule on the chi2_5 density, whose u^(3/2) at the origin limits it to ~1e-6.
    expect(Math.abs(zero.acceptance - p)).toBeLessThan(1e-6);
    // A very wide ball filters nothing: acceptance -> 1, rho -> 1 (no contraction).
    const wide = regressionVerifierLaw(5, 1, 50, 50);
    expect(wide.acceptance).toBeGreaterThan(1 - 1e-12);
    expect(wide.rho).toBeGreaterThan(1 - 1e-9);
  });

  it('the preset\'s theory turns around at t = 3 (offset 0.2) and t = 1 (offset 0.5), ending at 0.0436 and 0.2536', () => {
    const series = (offset: number): number[] => {
      // theory.errorMeanSq from the engine's stepper, t = 0..30.
      const stepper = createRegressionTheory(presetWith({ offset, replicates: 1 }));
      return Array.from({ length: 31 }, (_, t) => stepper.next(t).errorMeanSq as number);
    };
    const a = series(0.2);
    const b = series(0.5);
    expect(argmin(a)).toBe(3);
    expect(argmin(b)).toBe(1);
    // docs/experiments.md's 0.0436 and 0.2536 divide the noise floor by the raw acceptance 0.862; OLS
    // sees the effective acceptance 0.907 (above), which lowers the floor by 0.00017: 0.0434 and
    // 0.2534. The simulation sides with the corrected floor (0.003427 +- 0.000031 at R = 2000).
    expect(a[30]).toBeCloseTo(0.0436 - 0.00017, 4);
    expect(b[30]).toBeCloseTo(0.2536 - 0.00017, 4);
  });
});

describe('verifier-regression preset (offset 0.2, R = 200): simulation', () => {
  const cfg = presetWith({});
  let run: ReturnType<typeof simulateBlocks>;
  beforeAll(() => {
    run = simulateBlocks(cfg, () => true, { coefficients: true });
  });

  it('is the section-5 reference configuration', () => {
    expect(cfg.model).toMatchObject({ family: 'linear-regression', dim: 5, noise: 1 });
    expect(cfg.sampleSize).toMatchObject({ schedule: 'constant', n0: 2000, initial: 50 });
    expect(cfg.filter).toMatchObject({ kind: 'verifier', centerOffset: 0.2, radius: 0.5, slack: 0.5 });
    expect(cfg.replicates).toBe(200);
    expect(cfg.generations).toBe(30);
  });

  it('the simulated error is lowest at t = 3 (within {2, 3, 4}), clearly above it at t <= 1 and t >= 5', () => {
    const sim = curve(run);
    const best = argmin(sim);
    // The theory's curve is nearly flat between t = 3 and 4 (0.03321 against 0.03345), so the
    // argmin is only resolved to {2, 3, 4}: the paired differences e_2 - e_3 and e_4 - e_3 are
    // 2.5-4.5 SE at R = 200 (measured), so another seed could move it by one. Every other
    // generation must be above the minimum by more than 4 paired SEs.
    record({ check: 'verifier offset 0.2: argmin of the simulated mean error', measured: best, theory: 3, tolerance: 'in {2,3,4}' });
    expect([2, 3, 4]).toContain(best);
    for (let t = 0; t <= cfg.generations; t++) {
      if (t >= 2 && t <= 4) continue;
      const diff = minus(run.raw.get(t)!.errSq, run.raw.get(best)!.errSq);
      expect(mean(diff), `t = ${t}`).toBeGreaterThan(Z * standardError(diff));
    }
    console.log(`verifier-regression: simulated argmin t = ${best}; mean error t = 0..6: ${sim.slice(0, 7).map((v) => v.toFixed(5)).join(' ')}`);
  });

  it('ends near 0.0436 at t = 30 within 4 SE', () => {
    const v = run.raw.get(30)!.errSq;
    expect(run.summaries[30].theory.errorMeanSq).toBeCloseTo(0.0436 - 0.00017, 4); // the corrected floor, see above
    within('verifier offset 0.2 t=30 E||e||^2 (R=200)', mean(v), 0.0436, Z * standardError(v), '4 SE, sample SD of R replicates');
  });

  it('keeps 0.862 of the pairs at t = 30 within 4 SE plus the bias of theta_{t-1} != theta_c', () => {
    // Compared with the law's acceptance 0.86148 (the reference 0.862 rounded; see above), which is
    // for labels drawn at theta_c. At t the labels come from theta_{t-1}, whose
    // residual against theta_c is x'delta + eps with E (x'delta)^2 = E||delta||^2: it widens the noise
    // variance by that much. P(|eps| <= b) = 2 Phi(b/sigma) - 1 has |d/d sigma^2| = b phi(b) <= phi(1) = 0.242
    // at sigma = 1, so the bias is at most 0.242 E||delta||^2 (about 0.0009 here; first order).
    const kept = run.raw.get(30)!.kept;
    const delta2 = mean(distToCenter(cfg, run.raw.get(29)!));
    const tol = Z * standardError(kept) + normalPdf(1) * delta2;
    expect(run.summaries[30].kept.mean).toBeCloseTo(mean(kept), 12);
    within('verifier offset 0.2 kept.mean t=30 (R=200)', mean(kept), law.acceptance, tol, '4 SE + 0.242 E||delta||^2');
    expect(Math.abs(mean(kept) - 0.862)).toBeLessThanOrEqual(tol + 5.2e-4); // the reference, with its rounding
  });

  it('the fitted coefficients sit at theta_c, with the law\'s noise floor (within 4 SE + its 5.1% model bias)', () => {
    const dist = distToCenter(cfg, run.raw.get(30)!);
    const floor = (run.summaries[30].theory.errorMeanSq as number) - (1 - law.rho ** 30) ** 2 * 0.04;
    within('verifier offset 0.2 t=30 E||theta - theta_c||^2 (R=200)', mean(dist), floor, Z * standardError(dist) + floorBias * floor, `4 SE + ${(100 * floorBias).toFixed(1)}% law bias`);
    record({ check: '  (the same against the re-normalised floor, information only)', measured: mean(dist), theory: floor * (1 - floorBias), tolerance: `4 SE = ${(Z * standardError(dist)).toExponential(2)}` });
    // It is the truth that the chain leaves: ||theta_30 - theta*||^2 ~ 0.04 + floor >> floor.
    expect(mean(run.raw.get(30)!.errSq)).toBeGreaterThan(5 * mean(dist));
  });
});

describe('verifier-regression with offset 0.5 (R = 100)', () => {
  // R = 100 halves the cost; the turn-around at t = 1 is 10+ paired SEs deep at R = 100.
  const cfg = presetWith({ offset: 0.5, replicates: 100, seed: 502 });
  let run: ReturnType<typeof simulateBlocks>;
  beforeAll(() => {
    run = simulateBlocks(cfg, () => true);
  });

  it('is lowest at t = 1 (exactly: t = 0 and t = 2 are above it by more than 4 paired SE)', () => {
    expect(argmin(curve(run))).toBe(1);
    for (const t of [0, 2]) {
      const diff = minus(run.raw.get(t)!.errSq, run.raw.get(1)!.errSq);
      expect(mean(diff)).toBeGreaterThan(Z * standardError(diff));
    }
  });

  it('ends near 0.2536 at t = 30 within 4 SE', () => {
    const v = run.raw.get(30)!.errSq;
    within('verifier offset 0.5 t=30 E||e||^2 (R=100)', mean(v), 0.2536, Z * standardError(v), '4 SE, sample SD of R replicates');
  });
});

describe('an unbiased verifier (offset 0) keeps improving (R = 100)', () => {
  it('the error falls at t = 0, 1, 2, 4 and is lower still at T = 30, each step by more than 4 paired SE', () => {
    const cfg = presetWith({ offset: 0, replicates: 100, seed: 503 });
    const run = simulateBlocks(cfg, (t) => [0, 1, 2, 4, 30].includes(t));
    const ts = [0, 1, 2, 4, 30];
    for (let i = 1; i < ts.length; i++) {
      const diff = minus(run.raw.get(ts[i - 1])!.errSq, run.raw.get(ts[i])!.errSq);
      expect(mean(diff), `t = ${ts[i - 1]} -> ${ts[i]}`).toBeGreaterThan(Z * standardError(diff));
    }
    // No later generation rises back above t = 4 (a biased verifier's reversal would).
    const sim = curve(run);
    expect(Math.max(...sim.slice(5))).toBeLessThan(sim[4]);
    // Near the law's stationary floor (errSq = ||theta - theta_c||^2 here): 4 SE + the 5.1% bias.
    const v = run.raw.get(30)!.errSq;
    const floor = run.summaries[30].theory.errorMeanSq as number;
    within('verifier offset 0 t=30 E||e||^2 (R=100)', mean(v), floor, Z * standardError(v) + floorBias * floor, `4 SE + ${(100 * floorBias).toFixed(1)}% law bias`);
    // The law's V_0 / V_inf = 0.1136 / 0.00361 = 31: the improvement is more than an order of magnitude.
    expect(mean(v)).toBeLessThan(mean(run.raw.get(0)!.errSq) / 20);
  });
});

describe('convergence to theta_c when the noise floor is small (N = 20000, R = 20, T = 15)', () => {
  // N ten times the preset's: the floor is ten times lower (q ~ 1/N). R = 20 keeps this at ~1 s
  // (the cost is R T N); with 19 degrees of freedom the factor is Student's t (3.883), not 4.
  const cfg = presetWith({ n: 20000, replicates: 20, generations: 15, seed: 504 });
  const T = 15;
  let run: ReturnType<typeof simulateBlocks>;
  beforeAll(() => {
    run = simulateBlocks(cfg, (t) => [0, 3, 6, T].includes(t), { coefficients: true });
  });

  it('||theta_t - theta_c|| shrinks generation after generation down to the floor', () => {
    const k = tQuantile999(19);
    const dist = [0, 3, 6, T].map((t) => distToCenter(cfg, run.raw.get(t)!));
    for (let i = 1; i < dist.length; i++) {
      const diff = minus(dist[i - 1], dist[i]);
      expect(mean(diff)).toBeGreaterThan(k * standardError(diff));
    }
    const floor = (run.summaries[T].theory.errorMeanSq as number) - (1 - law.rho ** T) ** 2 * 0.04;
    within('verifier N=20000 t=15 E||theta - theta_c||^2 (R=20)', mean(dist[3]), floor, k * standardError(dist[3]) + floorBias * floor, `t19 SE + ${(100 * floorBias).toFixed(1)}% law bias`);
    expect(floor).toBeLessThan(0.0005); // ten times below the N = 2000 floor (0.0036)
  });

  it('the mean error approaches offset^2 = 0.04: ||e_T||^2 - 0.04 - ||theta_T - theta_c||^2 averages 0', () => {
    // ||e||^2 = ||delta + (theta_c - theta*)||^2 = ||delta||^2 + 2 delta'(theta_c - theta*) + offset^2. The
    // verifier's band is symmetric about theta_c, so the cross term has mean zero once the start
    // (delta_0 ~ -(theta_c - theta*)) is forgotten (rho^15 = 3e-3): checked within t19 SE.
    const k = tQuantile999(19);
    const raw = run.raw.get(T)!;
    const dist = distToCenter(cfg, raw);
    const cross = Float64Array.from(raw.errSq, (e, r) => e - 0.04 - dist[r]);
    within('verifier N=20000 t=15 cross term 2 delta\'(theta_c - theta*) (R=20)', mean(cross), 0, k * standardError(cross), 't19 SE');
    // So E||e_T||^2 - offset^2 is the floor (plus a vanishing cross term): within t19 SE + the floor
    // (the law's, with its 5.1% bias). Relative to offset^2 that is ~1% (against 9% at N = 2000).
    const floor = (run.summaries[T].theory.errorMeanSq as number) - (1 - law.rho ** T) ** 2 * 0.04;
    const err = mean(raw.errSq);
    within('verifier N=20000 t=15 E||e||^2 - offset^2 (R=20)', err - 0.04, 0, k * standardError(raw.errSq) + floor * (1 + floorBias), 't19 SE + floor');
  });
});
