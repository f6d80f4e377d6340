/**
 * Runs that cannot go on fail with SimulationFailure naming the generation (never NaN in a
 * summary); a caller's AbortSignal stops a run between generations with SimulationAborted.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation, SimulationAborted, SimulationFailure, type GenerationSummary, type RunConfig } from '../../engine/index';
import { cholesky, GaussianKernel } from '../../engine/families/gaussian';
import { CoordinatewiseKernel } from '../../engine/families/coordinatewise';
import { config } from './helpers';

/** Runs to the end or to the first throw; returns the summaries reported and what was thrown. */
async function runUntilThrow(cfg: RunConfig, signal?: { readonly aborted: boolean }, onGen?: (s: GenerationSummary) => void) {
  const seen: GenerationSummary[] = [];
  let error: unknown;
  try {
    await runSimulation(cfg, {
      onGeneration: (s) => {
        seen.push(s);
        onGen?.(s);
      },
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    error = e;
  }
  return { seen, error };
}

function allFinite(s: GenerationSummary): boolean {
  const v = [s.error.mean, s.error.rms, s.error.median, s.error.q25, s.error.q75, s.kept.mean];
  if (s.diversity) v.push(s.diversity.mean, s.diversity.median);
  return v.every(Number.isFinite);
}

describe('SimulationFailure', () => {
  it('an exponential chain whose rate overflows fails at a named generation, not with NaN', async () => {
    // With n = 1 the fitted rate is rate_{t-1}/E, E ~ Exp(1): log rate drifts up by Euler's
    // gamma = 0.577 a generation, so (rate - 1)^2 overflows (rate > 1.3e154, log rate > 355)
    // after about 600 generations.
    const cfg = config({ seed: 1, replicates: 1, generations: 5000, model: { family: 'exponential', dim: 1 }, sampleSize: { n0: 1 } });
    const { seen, error } = await runUntilThrow(cfg);
    expect(error).toBeInstanceOf(SimulationFailure);
    const f = error as SimulationFailure;
    expect(f.name).toBe('SimulationFailure');
    expect(f.generation).toBe(seen.length); // generations 0 .. g-1 were reported, g failed
    expect(f.generation).toBeGreaterThan(100);
    expect(f.generation).toBeLessThan(5000);
    expect(f.message).toMatch(new RegExp(`^generation ${f.generation}: .*overflow`));
    expect(seen.every(allFinite)).toBe(true);
    // The same seed fails at the same generation (failures are deterministic too).
    const again = await runUntilThrow(cfg);
    expect((again.error as SimulationFailure).generation).toBe(f.generation);
  });

  it.each([
    { d: 2, n: 3, R: 1 },
    { d: 1, n: 2, R: 1 },
    { d: 4, n: 5, R: 5 },
  ])('a fitted covariance with n = d + 1 collapses until it is not positive definite (d = $d)', async ({ d, n, R }) => {
    // The MLE from d + 1 samples shrinks log det Sigma by several units a generation (for d = 2:
    // E log det(W/3), W ~ Wishart_2(2) = psi(1) + psi(1/2) + 2 log 2 - 2 log 3 = -3.35), so within
    // a few dozen generations the covariance falls below the rounding of the mean and the Cholesky
    // factorisation meets a pivot <= 0.
    const cfg = config({ seed: 3, replicates: R, generations: 2000, model: { dim: d, estimate: 'mean-cov', estimator: 'mle' }, sampleSize: { n0: n } });
    const { seen, error } = await runUntilThrow(cfg);
    expect(error).toBeInstanceOf(SimulationFailure);
    const f = error as SimulationFailure;
    expect(f.generation).toBe(seen.length);
    expect(f.generation).toBeGreaterThanOrEqual(1);
    expect(f.message).toMatch(new RegExp(`^generation ${f.generation}: replicate \\d+: the fitted covariance is no longer positive definite \\(pivot .+\\): the spread collapsed$`));
    expect(seen.every(allFinite)).toBe(true);
    // With one chain the summary is that chain: its spread had collapsed by orders of magnitude
    // before the failure (with several, the failing one may be ill-conditioned, not small).
    if (R === 1) expect(seen[seen.length - 1].diversity!.median).toBeLessThan(1e-3);
  });

  it('an oracle that would keep round(q n) = 0 candidates is refused before the run starts', () => {
    // Schedules never decrease, so generation 1 decides it: validation catches it (exit 2 in the CLI).
    expect(() => config({ replicates: 3, generations: 5, sampleSize: { n0: 100 }, filter: { kind: 'oracle', keepFraction: 0.004 } })).toThrow(
      'filter.keepFraction: keeps round(0.004 x 100) = 0 candidates at generation 1',
    );
  });

  describe('kernel checks behind the failures', () => {
    it('cholesky factors a positive definite matrix and refuses a singular or indefinite one', () => {
      const L = new Float64Array(9);
      // A = [[4, 2, 0], [2, 5, 1], [0, 1, 2]] = L L' with L = [[2,0,0],[1,2,0],[0,0.5,sqrt(1.75)]].
      expect(cholesky(new Float64Array([4, 2, 0, 2, 5, 1, 0, 1, 2]), 0, 3, L)).toBeUndefined();
      const want = [2, 0, 0, 1, 2, 0, 0, 0.5, Math.sqrt(1.75)];
      for (let i = 0; i < 9; i++) if (want[i] !== 0 || i % 4 === 0) expect(L[i]).toBeCloseTo(want[i], 14);
      // Offset into a parameter block.
      expect(cholesky(new Float64Array([9, 9, 1, 0, 0, 1]), 2, 2, new Float64Array(4))).toBeUndefined();
      const singular = cholesky(new Float64Array([1, 1, 1, 1]), 0, 2, new Float64Array(4));
      expect(singular).toMatch(/^the fitted covariance is no longer positive definite \(pivot .*\): the spread collapsed$/);
      expect(cholesky(new Float64Array([1, 2, 2, 1]), 0, 2, new Float64Array(4))).toMatch(/pivot -3\.000e\+0/);
      expect(cholesky(new Float64Array([0]), 0, 1, new Float64Array(1))).toMatch(/pivot 0\.000e\+0/);
      expect(cholesky(new Float64Array([NaN]), 0, 1, new Float64Array(1))).toMatch(/no longer positive definite/);
      expect(cholesky(new Float64Array([Infinity]), 0, 1, new Float64Array(1))).toMatch(/no longer positive definite/);
    });

    it('fits refuse empty or degenerate moment blocks', () => {
      // Moment block layout: [W, W2, mean_0..mean_{d-1}, M2 (d x d)].
      const g = new GaussianKernel(1, 'mean-cov', 'unbiased', 1, new Float64Array([0]));
      const params = new Float64Array(2);
      expect(g.fit(new Float64Array([0, 0, 0, 0]), 0, params, 0)).toBe('no samples kept to fit');
      // One unit-weight sample: W - W2/W = 0, no unbiased covariance.
      expect(g.fit(new Float64Array([1, 1, 0.5, 0]), 0, params, 0)).toBe('too few effective samples to estimate a covariance');
      expect(g.fit(new Float64Array([3, 3, 0.5, 4]), 0, params, 0)).toBeUndefined();
      expect(Array.from(params)).toEqual([0.5, 2]); // mean 0.5, scatter 4 / (3 - 1)
      const e = new CoordinatewiseKernel('exponential', 1, new Float64Array([1]));
      expect(e.fit(new Float64Array([5, 5, 0]), 0, new Float64Array(1), 0)).toMatch(/^the exponential rate overflowed/);
      expect(e.fit(new Float64Array([5, 5, 0.25]), 0, params, 0)).toBeUndefined();
      expect(params[0]).toBe(4);
    });
  });
});

describe('SimulationAborted', () => {
  it.each([0, 1, 3, 7])('a signal that becomes aborted after %i generations stops before the next one', async (k) => {
    const cfg = config({ replicates: 10, generations: 20 });
    let count = 0;
    const signal = {
      get aborted() {
        return count >= k;
      },
    };
    const { seen, error } = await runUntilThrow(cfg, signal, () => count++);
    expect(error).toBeInstanceOf(SimulationAborted);
    expect((error as SimulationAborted).generation).toBe(k);
    expect((error as Error).message).toBe(`cancelled before generation ${k}`);
    expect((error as Error).name).toBe('SimulationAborted');
    expect(seen.map((s) => s.t)).toEqual(Array.from({ length: k }, (_, t) => t));
  });

  it('a plain { aborted: true } object stops the run before generation 0', async () => {
    const { seen, error } = await runUntilThrow(config({ replicates: 10, generations: 5 }), { aborted: true });
    expect(error).toBeInstanceOf(SimulationAborted);
    expect((error as SimulationAborted).generation).toBe(0);
    expect(seen).toHaveLength(0);
  });

  it('an abort that arrives during a yield to the host is honoured at the next generation', async () => {
    const cfg = config({ replicates: 10, generations: 50 });
    const signal = { aborted: false };
    let yields = 0;
    const seen: GenerationSummary[] = [];
    const run = runSimulation(cfg, {
      signal,
      onGeneration: (s) => seen.push(s),
      yieldEveryMs: 0,
      yieldToHost: () =>
        new Promise<void>((resolve) => {
          if (++yields === 4) signal.aborted = true; // as a host timer or IPC message would
          setImmediate(resolve);
        }),
    });
    await expect(run).rejects.toBeInstanceOf(SimulationAborted);
    expect(seen).toHaveLength(4);
    await expect(run).rejects.toThrow('cancelled before generation 4');
  });

  it('an abort after the last generation does not fail a finished run', async () => {
    const cfg = config({ replicates: 10, generations: 5 });
    let count = 0;
    const signal = {
      get aborted() {
        return count > 5;
      },
    };
    const { seen, error } = await runUntilThrow(cfg, signal, () => count++);
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(6);
  });
});
