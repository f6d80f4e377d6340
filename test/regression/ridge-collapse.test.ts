/**
 * The `ridge-collapse` preset (docs/experiments.md sections 6 and 7; Dohmatob, Feng and Kempe, figure 1a):
 * d = 300, n = 600, sigma = 0.1, sigma_0 = 0.2, OLS, replace, fresh design, R = 10, T = 10.
 *
 * The preset runs through runSimulation itself, timed (the issue wants it "under a minute on
 * this machine"). To get the per-replicate test errors that an honest SE needs, createBlock is
 * wrapped (vi.mock below) so that each block's testErr array is copied as it passes; nothing
 * else changes, and the copy costs microseconds against ~80 ms per d = 300 fit.
 *
 * The reference sums are written out by hand here ("0.2050-style"):
 * - the preset's own chain at t: sigma^2 d/(n - d - 1) + t sigma_0^2 d/(n - d - 1)
 *   = 0.01 * 300/299 + t * 0.04 * 300/299 (0.4113712 at t = 10);
 * - the paper's 0.2050: a fit on T = 1000 pairs with noise sigma = 0.1 plus five generations of
 *   n = 600 with sigma_0 = 0.2: 0.01 * 300/699 + 5 * 0.04 * 300/299 = 0.2049608. The sum does not
 *   depend on the order of its terms, so the engine reproduces it with sampleSize.initial = 1000.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRegressionTheory, findPreset, presetConfig, runSimulation, type GenerationSummary } from '../../engine/index';
import { config, mean, printRows, record, standardError, tQuantile999 } from './helpers';

const tapped = vi.hoisted(() => ({ testErr: new Map<number, Float64Array[]>() }));

vi.mock('../../engine/core/create-block', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../engine/core/create-block')>();
  type Raw = ReturnType<ReturnType<typeof mod.createBlock>['initial']>;
  const tap = (g: Raw): Raw => {
    const list = tapped.testErr.get(g.t) ?? [];
    if (g.testErr) list.push(g.testErr.slice());
    tapped.testErr.set(g.t, list);
    return g;
  };
  return {
    ...mod,
    createBlock: (...args: Parameters<typeof mod.createBlock>) => {
      const block = mod.createBlock(...args);
      return { initial: () => tap(block.initial()), advance: (t: number) => tap(block.advance(t)) };
    },
  };
});

afterAll(() => printRows('ridge-collapse preset (ridge-collapse.test.ts)'));

const preset = findPreset('ridge-collapse')!;
const cfg = config(presetConfig(preset));
const d = 300;
const n = 600;

/** By hand: sigma^2 d/(n_0 - d - 1) + t sigma_0^2 d/(n - d - 1). */
function handSum(t: number, n0 = n): number {
  return (0.1 * 0.1 * d) / (n0 - d - 1) + (t * 0.2 * 0.2 * d) / (n - d - 1);
}

describe('ridge-collapse: Dohmatob et al. Theorem 4.1 at d = 300', () => {
  it('is the configuration of figure 1a', () => {
    expect(cfg.model).toMatchObject({ family: 'linear-regression', dim: d, noise: 0.1, syntheticNoise: 0.2 });
    expect(cfg.sampleSize).toMatchObject({ schedule: 'constant', n0: n });
    expect(cfg.data.mode).toBe('replace');
    expect(cfg.data.sharedDesign).toBeUndefined();
    expect(cfg.model.ridge ?? 0).toBe(0);
    expect(cfg.replicates).toBe(10);
    expect(cfg.generations).toBe(10);
  });

  it('theory.testError equals the hand-computed sums to 1e-12, including the paper\'s 0.2050', () => {
    const stepper = createRegressionTheory(cfg);
    for (let t = 0; t <= cfg.generations; t++) {
      const got = stepper.next(t).testError as number;
      expect(Math.abs(got - handSum(t))).toBeLessThanOrEqual(1e-12 * handSum(t));
    }
    expect(handSum(10)).toBeCloseTo(0.41137123745819, 13);
    // The preset's text quotes 0.01003 + 0.04013 t.
    expect(handSum(0)).toBeCloseTo(0.01003, 5);
    expect(handSum(1) - handSum(0)).toBeCloseTo(0.04013, 5);

    const paper = config({ ...presetConfig(preset), generations: 5, sampleSize: { schedule: 'constant', n0: n, initial: 1000 } });
    const reference = (0.1 * 0.1 * 300) / (1000 - 300 - 1) + (5 * 0.2 * 0.2 * 300) / (600 - 300 - 1);
    const p = createRegressionTheory(paper);
    let at5 = 0;
    for (let t = 0; t <= 5; t++) at5 = p.next(t).testError as number;
    expect(Math.abs(at5 - reference)).toBeLessThanOrEqual(1e-12 * reference);
    expect(reference.toFixed(4)).toBe('0.2050');
  });

  it('the preset run: under a minute, and its test error at t = 5 and t = 10 within the t-quantile SE tolerance', async () => {
    tapped.testErr.clear();
    const out: GenerationSummary[] = [];
    const started = performance.now();
    await runSimulation(cfg, { onGeneration: (s) => out.push(s) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`ridge-collapse preset (d = 300, n = 600, R = 10, T = 10) through runSimulation: ${seconds.toFixed(2)} s wall`);
    record({ check: 'ridge-collapse wall time (s)', measured: seconds, theory: 60, tolerance: 'must be < 60 s' });
    expect(seconds).toBeLessThan(60);
    expect(out).toHaveLength(11);

    for (const t of [5, 10]) {
      const parts = tapped.testErr.get(t)!;
      expect(parts).toHaveLength(1); // one block: runSimulation's default split
      const v = parts[0];
      expect(v).toHaveLength(10);
      expect(out[t].testError!.mean).toBe(mean(v)); // the tap saw exactly what was summarised
      expect(out[t].theory.testError).toBeCloseTo(handSum(t), 12);
      // SE from the R = 10 replicates' sample SD (each replicate is an independent chain; the
      // t-th value sums t + 1 independent increments, relative SD ~7% per replicate measured).
      // With 10 replicates the SD itself is uncertain, so the factor is Student's t with 9 degrees
      // of freedom at two-sided 1e-3 (4.781) instead of 4. That makes the tolerance about 10% of
      // the value at t = 10: the preset (R = 10 by the spec) cannot resolve more, and raising R
      // costs ~0.8 s a replicate; the same sum is checked to 0.75% SE at d = 10 with R = 4000 in
      // theorem41.test.ts (the theorem has no d-dependence beyond d/(n - d - 1)).
      const se = standardError(v);
      const k = tQuantile999(v.length - 1);
      record({ check: `ridge-collapse t=${t} testError (R=10)`, measured: mean(v), theory: handSum(t), tolerance: `t9 * SE = ${(k * se).toExponential(2)}` });
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(mean(v) - handSum(t))).toBeLessThanOrEqual(k * se);
    }
    // The paper's point, visible even at R = 10: each generation adds its own term, so the error
    // at t = 10 is far above the real fit's (tens of SEs: 0.41 against 0.010).
    expect(out[10].testError!.mean).toBeGreaterThan(20 * out[0].testError!.mean);
  });
});
