/**
 * `engine.sampling` (issue 21): which configs draw their statistics directly, that a config
 * without the field keeps drawing every sample (bit for bit), and that whole runs drawn through
 * the statistic samplers follow the same law as the sample path and the closed forms, in every
 * data mode. Fixed seeds; tolerances of 4 SE with the SE derived beside each check.
 */
import { describe, expect, it, vi } from 'vitest';
import type { RunConfig } from '../../engine/index';
import { samplingMode } from '../../engine/config/sampling';
import { config, mean, refusal, sampleVariance, simulate, summaries } from './helpers';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const Z = 4;

describe('engine.sampling resolves', () => {
  it('absent: samples, and the resolved config gains no engine field (stored runs resolve as before)', () => {
    const cfg = config({ model: { dim: 2 } });
    expect(cfg.engine).toBeUndefined();
    expect(samplingMode(cfg)).toBe('samples');
  });

  it('auto: statistic without a filter, samples with one or for a family without a statistic sampler', () => {
    expect(samplingMode(config({ engine: { sampling: 'auto' } }))).toBe('statistic');
    expect(samplingMode(config({ engine: { sampling: 'auto' }, model: { family: 'poisson' } }))).toBe('statistic');
    expect(samplingMode(config({ engine: { sampling: 'auto' }, filter: { kind: 'oracle' } }))).toBe('samples');
    expect(samplingMode(config({ engine: { sampling: 'auto' }, model: { family: 'linear-regression', dim: 2 }, sampleSize: { n0: 10 } }))).toBe('samples');
  });

  it('statistic: refused naming engine.sampling where a filter needs the samples or the family has no sampler', () => {
    expect(refusal({ engine: { sampling: 'statistic' }, filter: { kind: 'oracle' } })).toMatch(/engine\.sampling: 'statistic' does not apply: filter\.kind 'oracle' scores every candidate/);
    expect(refusal({ engine: { sampling: 'statistic' }, model: { family: 'linear-regression', dim: 2 }, sampleSize: { n0: 10 } })).toMatch(/engine\.sampling: .*linear-regression has no exact statistic sampler/);
    expect(refusal({ engine: { sampling: 'exact' } })).toMatch(/engine\.sampling/);
  });
});

describe('the numbers each mode gives', () => {
  const base = { seed: 11, replicates: 40, generations: 12, model: { dim: 3 }, sampleSize: { schedule: 'power', n0: 50, power: 1.5 } };

  it("absent and 'samples' give the same numbers bit for bit, and 'auto' with a filter too", async () => {
    expect(await summaries(config({ ...base, engine: { sampling: 'samples' } }))).toEqual(await summaries(config(base)));
    const oracle = { ...base, filter: { kind: 'oracle', keepFraction: 0.8 } };
    expect(await summaries(config({ ...oracle, engine: { sampling: 'auto' } }))).toEqual(await summaries(config(oracle)));
  });

  it("'auto' without a filter is 'statistic', other numbers than 'samples', and no block split changes a bit", async () => {
    const auto = await summaries(config({ ...base, engine: { sampling: 'auto' } }));
    expect(auto).toEqual(await summaries(config({ ...base, engine: { sampling: 'statistic' } })));
    expect(auto).not.toEqual(await summaries(config(base)));
    for (const mode of ['replace', 'accumulate', 'fresh']) {
      const cfg = config({ ...base, model: { dim: 3, estimate: 'mean-cov' }, data: { mode }, engine: { sampling: 'statistic' } });
      expect(await summaries(cfg, [7, 1, 32])).toEqual(await summaries(cfg));
    }
  });
});

/**
 * E||e_T||^2 and the mean spread at T of statistic runs against sample runs of the same config
 * (other seeds): a two-sample z test, SE sqrt(s1^2/R + s2^2/R) from the replicates' own SDs
 * (replicates are independent); and against the closed form where the engine has one, SE s1/sqrt(R).
 */
const R = 3000;
const T = 6;
const CASES: [string, Record<string, unknown>][] = [
  ['gaussian mean, power schedule, replace', { model: { dim: 2 }, sampleSize: { schedule: 'power', n0: 20, power: 1.5 } }],
  ['gaussian mean-cov MLE, replace (variance collapse)', { model: { dim: 3, estimate: 'mean-cov' }, sampleSize: { n0: 12 } }],
  ['gaussian mean-cov unbiased, accumulate, n < d + 1 after t = 0', { model: { dim: 4, estimate: 'mean-cov', estimator: 'unbiased' }, sampleSize: { n0: 3, initial: 8 }, data: { mode: 'accumulate' } }],
  ['gaussian mean-cov, fresh pooled', { model: { dim: 2, estimate: 'mean-cov' }, sampleSize: { n0: 15 }, data: { mode: 'fresh', realPerGeneration: 10, realWeight: 0.4, mixing: 'pooled' } }],
  ['gaussian mean, fresh separate', { model: { dim: 2 }, sampleSize: { n0: 30 }, data: { mode: 'fresh', realPerGeneration: 10, realWeight: 0.618 } }],
  ['poisson, replace', { model: { family: 'poisson', dim: 2, truth: 3 }, sampleSize: { n0: 20 } }],
  ['bernoulli, accumulate', { model: { family: 'bernoulli', dim: 2, truth: 0.3 }, sampleSize: { n0: 25 }, data: { mode: 'accumulate' } }],
  ['exponential, fresh', { model: { family: 'exponential', dim: 2, truth: 2 }, sampleSize: { n0: 40 }, data: { mode: 'fresh', realPerGeneration: 20, realWeight: 0.5 } }],
];

describe('statistic runs follow the law of the sample path', () => {
  it.each(CASES)('%s', (_name, partial) => {
    const make = (seed: number, sampling: string): RunConfig => config({ ...partial, seed, replicates: R, generations: T, engine: { sampling } });
    const stat = simulate(make(301, 'statistic'), (t) => t === T);
    const samp = simulate(make(302, 'samples'), (t) => t === T);
    const a = stat.raw.get(T)!;
    const b = samp.raw.get(T)!;
    for (const field of ['errSq', 'diversity'] as const) {
      const se = Math.sqrt(sampleVariance(a[field]) / R + sampleVariance(b[field]) / R);
      if (se === 0) {
        // A known spread (sigma^2, a gaussian mean): equal in every replicate of both runs.
        expect(a[field]).toEqual(b[field]);
        continue;
      }
      const gap = Math.abs(mean(a[field]) - mean(b[field]));
      expect(gap, `${field}: statistic ${mean(a[field])}, samples ${mean(b[field])}, ${Z} SE = ${Z * se}`).toBeLessThanOrEqual(Z * se);
    }
    const theory = stat.summaries[T].theory.errorMeanSq;
    if (theory !== null) {
      const se = Math.sqrt(sampleVariance(a.errSq) / R);
      expect(Math.abs(mean(a.errSq) - theory), `theory ${theory}, ${Z} SE = ${Z * se}`).toBeLessThanOrEqual(Z * se);
    }
  });
});
