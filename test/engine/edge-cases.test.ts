import { describe, expect, it } from 'vitest';
import { applyOverrides, ConfigError, createRegressionTheory, findPreset, presetConfig, resolveConfig, ridgeResolventMoments } from '../../engine';

// Edge cases a review found: each used to end in NaN, a hang or a crash after the run started.
describe('edge cases that must fail before the run, or keep their theory finite', () => {
  it('the Marchenko-Pastur moments are finite at gamma = 1 (the density edge at x = 0)', () => {
    const m = ridgeResolventMoments(1, 0.1);
    for (const v of [m.a1, m.a2, m.v]) expect(Number.isFinite(v)).toBe(true);
    // Between the neighbouring ratios, as the moments are continuous in gamma.
    const below = ridgeResolventMoments(0.99, 0.1);
    const above = ridgeResolventMoments(1.01, 0.1);
    expect(m.a1).toBeLessThan(Math.max(below.a1, above.a1) + 1e-3);
    expect(m.a1).toBeGreaterThan(Math.min(below.a1, above.a1) - 1e-3);
  });

  it('regression theory is absent (null), not infinite or negative, when n_0 < d + 2', () => {
    const base = presetConfig(findPreset('verifier-regression')!);
    for (const initial of [5, 6]) {
      const c = resolveConfig({ ...base, sampleSize: { schedule: 'constant', n0: 2000, initial } });
      const th = createRegressionTheory(c);
      expect(th.next(0)).toEqual({ errorMeanSq: null, testError: null });
    }
    const fresh = resolveConfig({ model: { family: 'linear-regression', dim: 5 }, data: { mode: 'fresh', realPerGeneration: 6, realWeight: 0.5 } });
    const th = createRegressionTheory(fresh);
    expect(th.next(0).testError).toBeNull();
  });

  it('a config that is not a JSON object is refused, not replaced by the defaults', () => {
    for (const bad of [[1, 2, 3], 'hello', 5, null]) {
      expect(() => applyOverrides(bad, [])).toThrow(ConfigError);
      expect(() => applyOverrides(bad, [])).toThrow(/^config: expected a JSON object, got /);
    }
  });

  it('replicates whose state would not fit in memory are refused on `replicates`', () => {
    expect(() => resolveConfig({ replicates: 1_000_000, model: { dim: 4096 } })).toThrow(/^replicates: 1000000 replicates of this model hold 4096000000 numbers; the limit is 67108864/);
    expect(() => resolveConfig({ replicates: 1000, model: { dim: 8 } })).not.toThrow();
  });
});
