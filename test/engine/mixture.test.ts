import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/index';
import { WeightedEm } from '../../engine/mixture/em';
import { TruthSampler } from '../../engine/mixture/generators';
import { mixtureSettings } from '../../engine/mixture/settings';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { config, summaries } from './helpers';

const mixtureConfig = (model: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  config({ model: { family: 'gaussian-mixture', ...model }, ...rest });

function stream(seed: number): Xoshiro128 {
  const rng = new Xoshiro128();
  rng.load(seedStreams(seed, 0, 1), 0);
  return rng;
}

describe('weighted EM (engine/mixture/em.ts)', () => {
  it('recovers a well-separated mixture within its standard errors', () => {
    // Weights 0.3 / 0.7, means 8 standard deviations apart, one correlated covariance.
    const cfg = mixtureConfig({ dim: 2, weights: [0.3, 0.7], means: [-4, 0, 4, 1], covariances: [1, 0.3, 0.3, 0.5, 1, 0, 0, 1] });
    const s = mixtureSettings(cfg);
    const n = 4000;
    const x = new Float64Array(n * 2);
    const rng = stream(7);
    new TruthSampler(s).draw(rng, x, n);
    const em = new WeightedEm(2, 2, n, s);
    const params = new Float64Array(2 * (1 + 2 + 4));
    const outcome = em.fit(x, null, n, rng, params, 0, new Uint8Array(2).fill(1));
    expect(typeof outcome).toBe('object');
    // Components are identified up to order: the one with the smaller first mean is the truth's first.
    const order = params[2] < params[4] ? [0, 1] : [1, 0];
    for (let k = 0; k < 2; k++) {
      const f = order[k];
      const w = s.truthWeights[k];
      // With the components this far apart EM's fit is the labelled MLE to within rounding, so
      // the MLE's standard errors apply: sqrt(w (1 - w)/n) for a weight, sqrt(Sigma_jj / (n w))
      // for a mean, sqrt(2 Sigma_jj^2 / (n w)) for a variance (Gaussian fourth moment). 4 SE
      // each: at a fixed seed a false failure has probability about 6e-5 per number.
      expect(Math.abs(params[f] - w)).toBeLessThan(4 * Math.sqrt((w * (1 - w)) / n));
      for (let j = 0; j < 2; j++) {
        const sjj = s.truthCovariances[k * 4 + j * 3];
        expect(Math.abs(params[2 + f * 2 + j] - s.truthMeans[k * 2 + j])).toBeLessThan(4 * Math.sqrt(sjj / (n * w)));
        expect(Math.abs(params[6 + f * 4 + j * 3] - sjj)).toBeLessThan(4 * Math.sqrt((2 * sjj * sjj) / (n * w)));
      }
    }
  });

  it('handles a component that loses its points as configured, never with NaN', async () => {
    // Six components on 30 points of two clusters: some components must lose their points.
    for (const rule of ['drop', 'reseed'] as const) {
      const cfg = mixtureConfig({ components: 6, emptyComponent: rule, evalSamples: 200 }, { replicates: 6, generations: 30, sampleSize: { n0: 30 } });
      const out = await summaries(cfg);
      for (const g of out) {
        expect(Number.isFinite(g.mixture!.distance.mean)).toBe(true);
        expect(Number.isFinite(g.diversity!.mean)).toBe(true);
      }
      const last = out[out.length - 1].mixture!;
      if (rule === 'drop') expect(last.components.mean).toBeLessThan(6);
      else expect(out.reduce((a, g) => a + g.mixture!.reseeded, 0)).toBeGreaterThan(0);
    }
  });

  it('fresh data at weight 1 is a fit on the real points alone: no drift from generation 0', async () => {
    // Every generation then fits 100 new truth points (the synthetic ones weigh 0), so the KL at
    // t = 10 has the distribution it has at t = 0: equal within 4 combined standard errors.
    const cfg = mixtureConfig({ evalSamples: 200 }, { replicates: 40, generations: 10, data: { mode: 'fresh', realPerGeneration: 100, realWeight: 1 } });
    const out = await summaries(cfg);
    const [a, b] = [out[0].mixture!.distance, out[10].mixture!.distance];
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * Math.hypot(a.se, b.se));
  });

  it('the oracle keeps round(q n) candidates ranked under the truth, the verifier its ball', async () => {
    const oracle = await summaries(mixtureConfig({ evalSamples: 100 }, { replicates: 4, generations: 3, filter: { kind: 'oracle', keepFraction: 0.7 } }));
    expect(oracle.slice(1).map((g) => g.kept.mean)).toEqual([0.7, 0.7, 0.7]);
    const verifier = await summaries(mixtureConfig({ evalSamples: 100 }, { replicates: 4, generations: 3, filter: { kind: 'verifier', radius: 3 } }));
    for (const g of verifier.slice(1)) {
      expect(g.kept.mean).toBeGreaterThan(0);
      expect(g.kept.mean).toBeLessThan(1);
    }
  });

  it('gives the same numbers however the replicates are split into blocks', async () => {
    const cfg = mixtureConfig({ evalSamples: 200 }, { replicates: 6, generations: 5, sampleSize: { n0: 60 } });
    expect(await summaries(cfg, [2, 4])).toEqual(await summaries(cfg, [6]));
  });
});

/** Mean and standard error over draws of a statistic of one drawn set. */
function replicateMean(draws: number, stat: (rng: Xoshiro128) => number): { mean: number; se: number } {
  const rng = stream(11);
  let s = 0;
  let s2 = 0;
  for (let r = 0; r < draws; r++) {
    const v = stat(rng);
    s += v;
    s2 += v * v;
  }
  const mean = s / draws;
  return { mean, se: Math.sqrt((s2 / draws - mean * mean) / (draws - 1)) };
}

/** numpy.linspace(start, stop, num, endpoint)[i], written out from NumPy's definition. */
const linspace = (a: number, b: number, num: number, i: number, endpoint: boolean) => a + ((b - a) * i) / (endpoint ? num - 1 : num);

describe("scikit-learn's generators (engine/mixture/generators.ts)", () => {
  const n = 101;
  const draws = 400;
  // Each assertion compares the mean over 400 drawn sets of a coordinate's first or second
  // moment with its value under scikit-learn's construction; 4 SE of that mean (estimated from
  // the draws) bounds a fixed-seed false failure at about 6e-5 each.
  function check(model: Record<string, unknown>, d: number, j: number, expected: { m1: number; m2: number }): void {
    const s = mixtureSettings(mixtureConfig({ dim: d, ...model }));
    const sampler = new TruthSampler(s);
    const x = new Float64Array(n * d);
    for (const [power, want] of [[1, expected.m1], [2, expected.m2]] as const) {
      const { mean, se } = replicateMean(draws, (rng) => {
        sampler.draw(rng, x, n);
        let acc = 0;
        for (let i = 0; i < n; i++) acc += x[i * d + j] ** power;
        return acc / n;
      });
      expect(Math.abs(mean - want)).toBeLessThan(4 * se + 1e-12);
    }
  }

  it('make_moons: grid points of the two half circles plus noise', () => {
    const noise = 0.2;
    const nOut = Math.floor(n / 2);
    const nIn = n - nOut;
    const grid: [number, number][] = [];
    for (let i = 0; i < nOut; i++) grid.push([Math.cos(linspace(0, Math.PI, nOut, i, true)), Math.sin(linspace(0, Math.PI, nOut, i, true))]);
    for (let i = 0; i < nIn; i++) grid.push([1 - Math.cos(linspace(0, Math.PI, nIn, i, true)), 1 - Math.sin(linspace(0, Math.PI, nIn, i, true)) - 0.5]);
    for (const j of [0, 1]) {
      const m1 = grid.reduce((a, g) => a + g[j], 0) / n;
      const m2 = grid.reduce((a, g) => a + g[j] ** 2, 0) / n + noise * noise;
      check({ dataset: 'moons', datasetNoise: noise }, 2, j, { m1, m2 });
    }
  });

  it('make_circles: the outer circle and the inner one at factor, endpoint excluded', () => {
    const noise = 0.1;
    const factor = 0.5;
    const nOut = Math.floor(n / 2);
    const nIn = n - nOut;
    const grid: [number, number][] = [];
    for (let i = 0; i < nOut; i++) grid.push([Math.cos(linspace(0, 2 * Math.PI, nOut, i, false)), Math.sin(linspace(0, 2 * Math.PI, nOut, i, false))]);
    for (let i = 0; i < nIn; i++) grid.push([factor * Math.cos(linspace(0, 2 * Math.PI, nIn, i, false)), factor * Math.sin(linspace(0, 2 * Math.PI, nIn, i, false))]);
    for (const j of [0, 1]) {
      const m1 = grid.reduce((a, g) => a + g[j], 0) / n;
      const m2 = grid.reduce((a, g) => a + g[j] ** 2, 0) / n + noise * noise;
      check({ dataset: 'circles', datasetNoise: noise, circleFactor: factor }, 2, j, { m1, m2 });
    }
  });

  it('make_swiss_roll: t ~ U(1.5 pi, 4.5 pi), (t cos t, 21 U, t sin t) plus noise', () => {
    const noise = 0.3;
    const a = 1.5 * Math.PI;
    const b = 4.5 * Math.PI;
    const L = b - a;
    // Antiderivatives: t cos t -> cos t + t sin t; t sin t -> sin t - t cos t;
    // t^2 cos^2 t -> t^3/6 + (t^2/4 - 1/8) sin 2t + t cos 2t / 4; t^2 sin^2 t -> t^3/6 - (t^2/4 - 1/8) sin 2t - t cos 2t / 4.
    const F = (f: (t: number) => number) => (f(b) - f(a)) / L;
    const c2 = (t: number) => t ** 3 / 6 + (t * t / 4 - 1 / 8) * Math.sin(2 * t) + (t * Math.cos(2 * t)) / 4;
    const s2 = (t: number) => t ** 3 / 6 - (t * t / 4 - 1 / 8) * Math.sin(2 * t) - (t * Math.cos(2 * t)) / 4;
    const model = { dataset: 'swiss-roll', datasetNoise: noise };
    check(model, 3, 0, { m1: F((t) => Math.cos(t) + t * Math.sin(t)), m2: F(c2) + noise * noise });
    check(model, 3, 1, { m1: 10.5, m2: 21 * 21 / 3 + noise * noise });
    check(model, 3, 2, { m1: F((t) => Math.sin(t) - t * Math.cos(t)), m2: F(s2) + noise * noise });
  });

  it('make_blobs: n // K points per center, the first n % K one more, spread model.sigma', () => {
    const means = [-3, 1, 2, -1, 5, 5];
    const sigma = 0.7;
    const counts = [34, 34, 33]; // 101 over 3 centers
    for (const j of [0, 1]) {
      const m1 = counts.reduce((acc, c, k) => acc + c * means[k * 2 + j], 0) / n;
      const m2 = counts.reduce((acc, c, k) => acc + c * means[k * 2 + j] ** 2, 0) / n + sigma * sigma;
      check({ dataset: 'blobs', means, sigma }, 2, j, { m1, m2 });
    }
  });
});

describe('gaussian-mixture validation', () => {
  const refused = (model: Record<string, unknown>, rest: Record<string, unknown> = {}): string => {
    try {
      mixtureConfig(model, rest);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return '';
  };

  it('refuses the neural filter with its reason, and the oracle where the truth has no density', () => {
    expect(refused({}, { filter: { kind: 'neural' } })).toMatch(/filter.kind.*no labeller/);
    expect(refused({ dataset: 'moons' }, { filter: { kind: 'oracle' } })).toMatch(/no density in closed form/);
  });

  it("refuses shapes scikit-learn's generators and the truth do not have", () => {
    expect(refused({ dataset: 'moons', dim: 3 })).toMatch(/model.dim/);
    expect(refused({ weights: [0.5, 0.6] })).toMatch(/summing to 1/);
    expect(refused({ means: [0, 0, 1] })).toMatch(/model.means/);
    expect(refused({ truth: 1 })).toMatch(/model.truth/);
    expect(refused({}, { data: { mode: 'fresh', mixing: 'separate' } })).toMatch(/data.mixing/);
  });
});
