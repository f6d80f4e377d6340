/**
 * docs/cli.md: "the same config and seed give the same numbers, bit for bit". The engine also
 * promises that the split of replicates into blocks (threads) cannot change a bit. toStrictEqual
 * compares numbers with Object.is, so these checks are bit-exact.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation, type GenerationSummary } from '../../engine/index';
import { config, simulate, summaries } from './helpers';

const R = 20;
const T = 8;

const CONFIGS: Record<string, Record<string, unknown>> = {
  'gaussian mean': {},
  'gaussian mean-cov mle': { model: { dim: 3, estimate: 'mean-cov', estimator: 'mle' }, sampleSize: { n0: 12 } },
  'gaussian mean-cov unbiased, sqrt schedule': { model: { estimate: 'mean-cov', estimator: 'unbiased' }, sampleSize: { schedule: 'sqrt', n0: 10 } },
  poisson: { model: { family: 'poisson', dim: 2, truth: [3, 40] }, sampleSize: { n0: 30 } },
  bernoulli: { model: { family: 'bernoulli', truth: 0.2 }, sampleSize: { n0: 15 } },
  exponential: { model: { family: 'exponential', truth: 2 }, sampleSize: { n0: 25 } },
  oracle: { sampleSize: { n0: 200 }, filter: { kind: 'oracle', keepFraction: 0.7 } },
  'oracle mean-cov': { model: { estimate: 'mean-cov' }, sampleSize: { n0: 100 }, filter: { kind: 'oracle', keepFraction: 0.5 } },
  fresh: { data: { mode: 'fresh', realPerGeneration: 50, realWeight: 0.4 } },
  'fresh mean-cov': { model: { estimate: 'mean-cov' }, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.618 } },
  accumulate: { data: { mode: 'accumulate' } },
  'accumulate mean-cov': { model: { estimate: 'mean-cov' }, sampleSize: { n0: 20 }, data: { mode: 'accumulate' } },
};

const SPLITS: readonly (readonly number[])[] = [[R], [R / 2, R / 2], [1, R - 1], [7, 13], [R - 1, 1], [3, 4, 5, 8], Array.from({ length: R }, () => 1)];

function cfgOf(name: string, seed = 17) {
  return config({ seed, replicates: R, generations: T, ...CONFIGS[name] });
}

describe('determinism', () => {
  it.each(Object.keys(CONFIGS))('%s: the same config and seed give identical summaries', async (name) => {
    const a = await summaries(cfgOf(name));
    const b = await summaries(cfgOf(name));
    expect(a).toHaveLength(T + 1);
    expect(a.map((s) => s.t)).toEqual(Array.from({ length: T + 1 }, (_, t) => t));
    expect(b).toStrictEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it.each(Object.keys(CONFIGS))('%s: every block split gives bit-identical summaries', async (name) => {
    const whole = await summaries(cfgOf(name));
    for (const split of SPLITS) {
      expect(await summaries(cfgOf(name), split)).toStrictEqual(whole);
    }
  });

  it.each(Object.keys(CONFIGS))('%s: different seeds give different numbers', async (name) => {
    const a = await summaries(cfgOf(name, 17));
    const b = await summaries(cfgOf(name, 18));
    expect(b[T].error.rms).not.toBe(a[T].error.rms);
    expect(b[0].error.rms).not.toBe(a[0].error.rms);
  });

  it('a replicate keeps its numbers whatever R is: the first 10 of R = 20 equal a run with R = 10', async () => {
    // Stream r depends only on (seed, r), so the per-replicate errors of replicates 0..9 agree.
    const big = simulate(cfgOf('gaussian mean-cov mle'), () => true);
    const small = simulate(config({ seed: 17, replicates: 10, generations: T, ...CONFIGS['gaussian mean-cov mle'] }), () => true);
    for (let t = 0; t <= T; t++) {
      expect(Array.from(small.raw.get(t)!.errSq)).toEqual(Array.from(big.raw.get(t)!.errSq.subarray(0, 10)));
    }
  });

  it('yielding to the host between generations changes nothing', async () => {
    const cfg = cfgOf('oracle');
    const plain = await summaries(cfg);
    const out: GenerationSummary[] = [];
    let yields = 0;
    await runSimulation(cfg, {
      onGeneration: (s) => out.push(s),
      yieldEveryMs: 0,
      yieldToHost: () => {
        yields++;
        return new Promise((r) => setImmediate(r));
      },
      blockSizes: [5, 15],
    });
    expect(yields).toBeGreaterThan(0);
    expect(out).toStrictEqual(plain);
  });

  it('the test helper simulate() reproduces runSimulation bit for bit', async () => {
    for (const name of Object.keys(CONFIGS)) {
      expect(simulate(cfgOf(name), () => false).summaries).toStrictEqual(await summaries(cfgOf(name)));
    }
  });

  it('returns the last summary and the generation count', async () => {
    const cfg = cfgOf('gaussian mean');
    const all = await summaries(cfg);
    const result = await runSimulation(cfg);
    expect(result.generations).toBe(T + 1);
    expect(result.last).toStrictEqual(all[T]);
  });

  it('rejects block sizes that do not partition R', async () => {
    const cfg = cfgOf('gaussian mean');
    for (const bad of [[R - 1], [R, 1], [0, R], [-1, R + 1], [2.5, R - 2.5]]) {
      await expect(runSimulation(cfg, { blockSizes: bad })).rejects.toThrow(/^blockSizes must be positive integers summing to replicates/);
    }
  });
});
