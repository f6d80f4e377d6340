/**
 * docs/cli.md: the same config and seed give the same numbers bit for bit, whatever the split of
 * replicates into blocks (threads). This covers RegressionBlock (every data mode, shared design,
 * ridge, the power spectrum, the verifier) and the Gaussian verifier of ReplicateBlock.
 * toStrictEqual compares numbers with Object.is, so these checks are bit-exact.
 */
import { describe, expect, it } from 'vitest';
import { config, simulateBlocks, summaries } from './helpers';

const R = 12;
const T = 5;
const REG = { family: 'linear-regression', dim: 4, noise: 1, syntheticNoise: 0.5 };

const CONFIGS: Record<string, Record<string, unknown>> = {
  'OLS replace': { model: REG, sampleSize: { n0: 12 } },
  'OLS replace, linear schedule with initial': { model: REG, sampleSize: { schedule: 'linear', n0: 8, initial: 10 } },
  'OLS power spectrum': { model: { ...REG, spectrum: 'power', spectrumExponent: 1.5 }, sampleSize: { n0: 12 } },
  'ridge fixed lambda, n < d': { model: { ...REG, ridge: 0.3 }, sampleSize: { n0: 3 } },
  'adaptive ridge, sqrt schedule': { model: { ...REG, ridgeExponent: 0.5 }, sampleSize: { schedule: 'sqrt', n0: 9 } },
  'accumulate, shared design': { model: REG, sampleSize: { n0: 10 }, data: { mode: 'accumulate', sharedDesign: true } },
  'accumulate, fresh design': { model: REG, sampleSize: { n0: 10 }, data: { mode: 'accumulate' } },
  'replace, shared design': { model: REG, sampleSize: { n0: 10 }, data: { sharedDesign: true } },
  'fresh mix': { model: REG, sampleSize: { n0: 10 }, data: { mode: 'fresh', realPerGeneration: 8, realWeight: 0.4 } },
  'regression verifier': { model: REG, sampleSize: { n0: 60, initial: 15 }, filter: { kind: 'verifier', centerOffset: 0.2, radius: 0.5, slack: 0.5 } },
  'regression verifier, accumulate': { model: REG, sampleSize: { n0: 40 }, data: { mode: 'accumulate' }, filter: { kind: 'verifier', centerOffset: 0.5, slack: 1 } },
  'gaussian verifier': { model: { dim: 2 }, sampleSize: { n0: 50 }, filter: { kind: 'verifier', centerOffset: 0.5, radius: 1.5 } },
};

const SPLITS: readonly (readonly number[])[] = [[R], [6, 6], [1, 11], [5, 7], [11, 1], [2, 3, 3, 4], Array.from({ length: R }, () => 1)];

const cfgOf = (name: string, seed = 29) => config({ seed, replicates: R, generations: T, ...CONFIGS[name] });

describe('regression and verifier determinism', () => {
  it.each(Object.keys(CONFIGS))('%s: repeated runs are identical and every block split gives the same bits', async (name) => {
    const whole = await summaries(cfgOf(name));
    expect(whole).toHaveLength(T + 1);
    expect(await summaries(cfgOf(name))).toStrictEqual(whole);
    expect(JSON.stringify(await summaries(cfgOf(name)))).toBe(JSON.stringify(whole));
    for (const split of SPLITS) expect(await summaries(cfgOf(name), split), `split ${split.join('+')}`).toStrictEqual(whole);
    // A different seed changes the numbers (so the comparisons above are not vacuous).
    const other = await summaries(cfgOf(name, 30));
    expect(other[T].error.rms).not.toBe(whole[T].error.rms);
  });

  it.each(Object.keys(CONFIGS))('%s: the tests\' simulateBlocks gives runSimulation\'s summaries bit for bit', async (name) => {
    const cfg = cfgOf(name);
    expect(simulateBlocks(cfg, () => false).summaries).toStrictEqual(await summaries(cfg));
  });

  it('a replicate keeps its numbers whatever R is (shared design, accumulate): the first 5 of 12 equal a run with R = 5', () => {
    const big = simulateBlocks(cfgOf('accumulate, shared design'), () => true);
    const small = simulateBlocks(config({ seed: 29, replicates: 5, generations: T, ...CONFIGS['accumulate, shared design'] }), () => true);
    for (let t = 0; t <= T; t++) {
      expect(small.raw.get(t)!.testErr).toStrictEqual(big.raw.get(t)!.testErr.slice(0, 5));
      expect(small.raw.get(t)!.errSq).toStrictEqual(big.raw.get(t)!.errSq.slice(0, 5));
    }
  });

  it('regression summaries have no diversity and a testError; the Gaussian verifier keeps its diversity', async () => {
    const reg = await summaries(cfgOf('OLS power spectrum'));
    for (const s of reg) {
      expect(s.diversity).toBeNull();
      expect(s.testError).not.toBeNull();
    }
    const g = await summaries(cfgOf('gaussian verifier'));
    for (const s of g) {
      expect(s.diversity).not.toBeNull();
      expect(s.testError).toBeNull();
    }
  });
});
