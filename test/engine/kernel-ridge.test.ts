import { describe, expect, it } from 'vitest';
import type { DigitSet } from '../../engine/data/mnist';
import { resolveConfig, runSimulation, type GenerationSummary } from '../../engine';
import { ellCrit, ellStar } from '../../engine/kernel-ridge/settings';
import { kernelMatrix, type Points } from '../../engine/kernel-ridge/kernels';
import { kernelPredict, kernelRidgeCoefficients } from '../../engine/kernel-ridge/solve';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';

function rngOf(seed: number): Xoshiro128 {
  const r = new Xoshiro128();
  r.load(seedStreams(seed, 0, 1), 0);
  return r;
}

/** Uniform coordinates, half of them set to 0 (as most MNIST pixels are). */
function randomPoints(count: number, dim: number, seed: number): Points {
  const r = rngOf(seed);
  return { count, dim, x: Float64Array.from({ length: count * dim }, () => Math.max(0, 2 * r.nextDouble() - 1)) };
}

/** Gaussian elimination with partial pivoting on the dense system (K + n lambda I) a = y: the direct solve. */
function directSolve(K: Float64Array, y: Float64Array, lambda: number): Float64Array {
  const n = y.length;
  const A = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => K[i * n + j] + (i === j ? n * lambda : 0)), y[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(A[i][c]) > Math.abs(A[p][c])) p = i;
    [A[c], A[p]] = [A[p], A[c]];
    for (let i = c + 1; i < n; i++) {
      const f = A[i][c] / A[c][c];
      for (let j = c; j <= n; j++) A[i][j] -= f * A[c][j];
    }
  }
  const a = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = A[i][n];
    for (let j = i + 1; j < n; j++) s -= A[i][j] * a[j];
    a[i] = s / A[i][i];
  }
  return a;
}

describe('kernels', () => {
  it('evaluate the RBF and polynomial formulas entry by entry', () => {
    const a = randomPoints(4, 8, 1);
    const b = randomPoints(3, 8, 2);
    const rbf = kernelMatrix({ kind: 'rbf', gamma: 0.3 }, a, b);
    const poly = kernelMatrix({ kind: 'poly', gamma: 0.5, degree: 3, offset: 1 }, a, b);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++) {
        let sq = 0;
        let dot = 0;
        for (let k = 0; k < 8; k++) {
          sq += (a.x[i * 8 + k] - b.x[j * 8 + k]) ** 2;
          dot += a.x[i * 8 + k] * b.x[j * 8 + k];
        }
        // 1e-12: the RBF goes through |a|^2 + |b|^2 - 2<a,b>, which loses a few ulps of sq (< 5).
        expect(Math.abs(rbf[i * 3 + j] - Math.exp(-0.3 * sq))).toBeLessThan(1e-12);
        // Skipping the zero coordinates leaves the dense sum's bits unchanged: equal, not close.
        expect(poly[i * 3 + j]).toBe((1 + 0.5 * dot) ** 3);
      }
    }
  });
});

describe('kernelRidgeCoefficients', () => {
  it('agrees with a direct solve of (K + n lambda I) a = y for both kernels', () => {
    const pts = randomPoints(40, 6, 3);
    const r = rngOf(4);
    const y = Float64Array.from({ length: 40 }, () => r.nextDouble() * 2 - 1);
    for (const kernel of [{ kind: 'rbf', gamma: 0.5 } as const, { kind: 'poly', gamma: 0.2, degree: 4, offset: 1 } as const]) {
      const K = kernelMatrix(kernel, pts, pts);
      for (const lambda of [1e-1, 1e-3]) {
        const a = kernelRidgeCoefficients(K, y, lambda);
        const b = directSolve(K, y, lambda);
        // Both are backward stable; with condition numbers below ~1e6 here, 1e-7 relative is a
        // margin of 1e3 over cond * eps ~ 1e-10.
        const scale = Math.max(...b.map(Math.abs));
        for (let i = 0; i < 40; i++) expect(Math.abs(a[i] - b[i]) / scale).toBeLessThan(1e-7);
        // and the fit satisfies the normal equations: K a + n lambda a = y.
        const fit = kernelPredict(K, a, 40);
        for (let i = 0; i < 40; i++) expect(Math.abs(fit[i] + 40 * lambda * a[i] - y[i])).toBeLessThan(1e-8);
      }
    }
  });
});

describe('adaptive exponents', () => {
  it('l_crit = alpha / (1 + 2 alpha r) and l* = (log T0 / log T) l_crit', () => {
    expect(ellCrit(2, 0.25)).toBeCloseTo(2 / 2, 15);
    expect(ellStar(1.5, 100, 10000)).toBeCloseTo(0.75, 15);
    expect(ellStar(1.5, 100, 100)).toBeCloseTo(1.5, 15);
  });
});

/** A small synthetic digit set: label k digits are noisy bright patches at position k. */
function syntheticDigits(count: number, seed: number): DigitSet {
  const r = rngOf(seed);
  const labels = Uint8Array.from({ length: count }, () => Math.floor(r.nextDouble() * 10));
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(r.nextDouble() * 60);
    for (let p = 0; p < 60; p++) images[i * 784 + labels[i] * 70 + p] = 200 + Math.floor(r.nextDouble() * 55);
  }
  return { count, pixels: 784, images, labels };
}

describe('kernel-ridge runs (seed 004, Figure 5)', () => {
  const inputs = { mnist: { train: syntheticDigits(200, 11), test: syntheticDigits(60, 12) } };
  const config = (over: Record<string, unknown> = {}) =>
    resolveConfig({
      seed: 7,
      replicates: 3,
      generations: 3,
      model: { family: 'kernel-ridge', kernelGamma: 0.01, testDigits: 50, noise: 0.5, ...over },
      sampleSize: { schedule: 'constant', n0: 30, final: 40 },
    });
  const run = async (c: ReturnType<typeof config>, blockSizes?: number[]): Promise<GenerationSummary[]> => {
    const out: GenerationSummary[] = [];
    await runSimulation(c, { inputs, blockSizes, onGeneration: (g) => out.push(g) });
    return out;
  };

  it('is deterministic in its seed, whatever the split of replicates; the seed matters', async () => {
    const a = await run(config());
    expect(a).toHaveLength(4);
    expect(await run(config())).toEqual(a);
    expect(await run(config(), [1, 2])).toEqual(a);
    const other = await run(resolveConfig({ ...config(), seed: 8 }));
    expect(other.map((g) => g.testError?.mean)).not.toEqual(a.map((g) => g.testError?.mean));
    for (const g of a) expect(g.testError!.mean).toBeGreaterThan(0);
  });

  it('scores generation 0, fitted on true labels, as the direct solve written here does', async () => {
    // Generation 0 of replicate 0 alone: rebuild its draw from the same stream and solve directly.
    const c = resolveConfig({ ...config(), replicates: 1, generations: 0, model: { ...config().model, noise: 0 } });
    const [g0] = await run(c);
    // With sigma = 0 the labels are the parity of the T digits the replicate drew first; any T
    // digits give a positive error, so check against a solve on the digits the block must use.
    const rng = rngOf(0);
    rng.load(seedStreams(7, 0, 1), 0);
    const order = Uint32Array.from({ length: 200 }, (_, i) => i);
    for (let i = 199; i > 0; i--) {
      const j = Math.floor(rng.nextDouble() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const px = (set: DigitSet, idx: ArrayLike<number>): Points => ({ count: idx.length, dim: 784, x: Float64Array.from({ length: idx.length * 784 }, (_, k) => set.images[idx[Math.floor(k / 784)] * 784 + (k % 784)] / 255) });
    const train = px(inputs.mnist.train, order.subarray(0, 40));
    const test = px(inputs.mnist.test, Array.from({ length: 50 }, (_, i) => i));
    const kernel = { kind: 'rbf', gamma: 0.01 } as const;
    const y = Float64Array.from(order.subarray(0, 40), (i) => (inputs.mnist.train.labels[i] % 2 === 0 ? 1 : -1));
    const lambda = 40 ** -ellCrit(1.65, 0.097);
    const f = kernelPredict(kernelMatrix(kernel, train, test), directSolve(kernelMatrix(kernel, train, train), y, lambda), 50);
    let err = 0;
    for (let j = 0; j < 50; j++) err += (f[j] - (inputs.mnist.test.labels[j] % 2 === 0 ? 1 : -1)) ** 2;
    // The same numbers through Cholesky instead of elimination: agreement to rounding (1e-9 relative).
    expect(Math.abs(g0.testError!.mean - err / 50) / (err / 50)).toBeLessThan(1e-9);
  });

  it('l* = l_crit at T = T0: both rules give the same run', async () => {
    const at = (rule: string) => run(resolveConfig({ ...config({ ridgeRule: rule }), sampleSize: { schedule: 'constant', n0: 40, final: 40 } }));
    expect(await at('star')).toEqual(await at('crit'));
  });

  it('refuses configs it cannot run, naming the field', () => {
    expect(() => config({ kernel: 'poly' })).not.toThrow();
    expect(() => resolveConfig({ model: { family: 'kernel-ridge' }, sampleSize: { n0: 100 } })).toThrow(/sampleSize\.final: required for kernel-ridge/);
    expect(() => resolveConfig({ generations: 200, model: { family: 'kernel-ridge' }, sampleSize: { n0: 500, final: 1000 } })).toThrow(/generations: 200 fakers of 500 digits and a final fit of 1000 need 101000 distinct training digits; MNIST has 60000/);
    expect(() => resolveConfig({ model: { family: 'gaussian', kernel: 'rbf' } })).toThrow(/^model\.kernel: applies only to model\.family kernel-ridge, got gaussian$/);
  });

  it('fails the run with one line when the host passes no digits', async () => {
    await expect(runSimulation(config())).rejects.toThrow(/generation 0: kernel-ridge needs the MNIST digits/);
  });
});
