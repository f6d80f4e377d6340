/**
 * Validation of the regression and verifier fields (engine/config/validate.ts), the issue-6
 * presets, and the export document of a regression run (docs/cli.md: testError and
 * theory.testError per generation, diversity null for a model without a spread).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, createErrorTheory, findPreset, freshOptimalWeight, freshStationaryVariance, presetConfig, PRESETS, resolveConfig } from '../../engine/index';
import { executeRun, exportRun, generationsCsv, prepareRun } from '../../main/services';
import { openStore } from '../../main/store';

/** The ConfigError a partial config raises (fails the test if it resolves). */
function refusal(partial: Record<string, unknown>): ConfigError {
  try {
    resolveConfig(partial);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(partial)} to be refused`);
}

const REG = { family: 'linear-regression', dim: 5 };

describe('validation: regression and verifier rules', () => {
  it.each([
    ['model.noise', { model: { noise: 1 } }],
    ['model.syntheticNoise', { model: { syntheticNoise: 0.5 } }],
    ['model.ridge', { model: { ridge: 0.1 } }],
    ['model.ridgeExponent', { model: { ridgeExponent: 0.5 } }],
    ['model.spectrum', { model: { spectrum: 'power' } }],
    ['model.spectrumExponent', { model: { spectrumExponent: 1 } }],
    ['data.sharedDesign', { data: { sharedDesign: true } }],
  ])('%s is refused for the gaussian family, naming the field', (path, partial) => {
    const e = refusal(partial);
    expect(e.issues[0].path).toBe(path);
    // Seed 004's two label noises apply to its kernel experiment as well (model.family kernel-ridge).
    const families = path === 'model.noise' || path === 'model.syntheticNoise' ? 'linear-regression or kernel-ridge' : 'linear-regression';
    expect(e.message).toBe(`${path}: applies only to model.family ${families}, got gaussian`);
  });

  it('regression-only fields are refused for poisson too, and accepted for linear-regression', () => {
    expect(refusal({ model: { family: 'poisson', ridge: 0.1 } }).message).toMatch(/^model\.ridge: applies only to model\.family linear-regression, got poisson$/);
    const ok = resolveConfig({ model: { ...REG, noise: 1, syntheticNoise: 0.5, ridge: 0.1, spectrum: 'power', spectrumExponent: 1 }, data: { sharedDesign: true } });
    expect(ok.model.syntheticNoise).toBe(0.5);
  });

  it.each(['oracle', 'neural'])('filter.kind %s is refused for linear-regression', (kind) => {
    const e = refusal({ model: REG, filter: { kind } });
    expect(e.issues[0].path).toBe('filter.kind');
    expect(e.message).toContain(`'${kind}' is not defined for linear-regression`);
  });

  it('OLS with fewer pairs than d is refused, naming sampleSize.n0 (or sampleSize.initial); n = d is accepted; ridge lifts it', () => {
    const e = refusal({ model: { ...REG, dim: 10 }, sampleSize: { n0: 8 } });
    expect(e.issues[0].path).toBe('sampleSize.n0');
    expect(e.message).toMatch(/^sampleSize\.n0: OLS in d = 10 needs at least 10 pairs/);
    const initial = refusal({ model: { ...REG, dim: 10 }, sampleSize: { n0: 20, initial: 8 } });
    expect(initial.issues[0].path).toBe('sampleSize.initial');
    // Enough real pairs but too few synthetic ones a generation.
    const later = refusal({ model: { ...REG, dim: 10 }, sampleSize: { n0: 8, initial: 20 } });
    expect(later.issues[0].path).toBe('sampleSize.n0');
    expect(resolveConfig({ model: { ...REG, dim: 10 }, sampleSize: { n0: 10 } }).sampleSize.n0).toBe(10);
    expect(resolveConfig({ model: { ...REG, dim: 10, ridge: 0.1 }, sampleSize: { n0: 4 } }).model.ridge).toBe(0.1);
    expect(resolveConfig({ model: { ...REG, dim: 10, ridgeExponent: 0.5 }, sampleSize: { n0: 4 } }).model.ridgeExponent).toBe(0.5);
  });

  it.each([
    ['a linear schedule', { schedule: 'linear', n0: 20 }],
    ['a sqrt schedule', { schedule: 'sqrt', n0: 20 }],
    ['an initial size', { schedule: 'constant', n0: 20, initial: 30 }],
  ])('sharedDesign with %s is refused', (_, sampleSize) => {
    const e = refusal({ model: REG, sampleSize, data: { sharedDesign: true } });
    expect(e.issues[0].path).toBe('data.sharedDesign');
    expect(e.message).toContain('a shared design needs the same n every generation');
  });

  it('a verifier without a radius is refused (regression: unless it has a slack; gaussian: always)', () => {
    const e = refusal({ model: REG, sampleSize: { n0: 50 }, filter: { kind: 'verifier', centerOffset: 0.2 } });
    expect(e.issues[0].path).toBe('filter.radius');
    expect(e.message).toBe('filter.radius: the verifier needs a positive radius (or slack)');
    expect(refusal({ model: REG, filter: { kind: 'verifier', radius: 0 } }).issues[0].path).toBe('filter.radius');
    // The regression band |y - x'theta_c| <= r ||x|| + sigma_c is usable with the slack alone.
    expect(resolveConfig({ model: REG, sampleSize: { n0: 50 }, filter: { kind: 'verifier', slack: 0.5 } }).filter.slack).toBe(0.5);
    // The Gaussian ball ||x - theta_c|| <= r ignores the slack: with no radius it accepts nothing, so
    // it is refused up front (before the fix it validated and failed at generation 1).
    const g = refusal({ filter: { kind: 'verifier', slack: 0.5 } });
    expect(g.issues[0].path).toBe('filter.radius');
    expect(g.message).toContain('slack applies to linear-regression only');
    expect(resolveConfig({ filter: { kind: 'verifier', radius: 1.5 } }).filter.radius).toBe(1.5);
  });

  it('verifier fields without the verifier, and the verifier on other families, are refused', () => {
    for (const key of ['centerOffset', 'radius', 'slack']) {
      const e = refusal({ model: REG, filter: { [key]: 0.5 } });
      expect(e.issues[0].path).toBe(`filter.${key}`);
      expect(e.message).toContain("applies only when filter.kind is 'verifier'");
    }
    const p = refusal({ model: { family: 'poisson', dim: 2 }, filter: { kind: 'verifier', radius: 1 } });
    expect(p.issues[0].path).toBe('filter.kind');
    expect(p.message).toContain("'verifier' is not defined for poisson; use none or oracle or neural");
  });
});

describe('presets', () => {
  it('every preset resolves, the issue-6 ones included, and names itself', () => {
    for (const p of PRESETS) {
      const cfg = resolveConfig(presetConfig(p));
      expect(cfg.preset).toBe(p.name);
      expect(cfg.name).toBe(p.name);
      expect(p.theory.length).toBeGreaterThan(20);
      expect(p.source.length).toBeGreaterThan(10);
    }
    for (const name of ['verifier-regression', 'ridge-collapse', 'accumulate-regression', 'fresh-k0.1']) expect(findPreset(name), name).toBeDefined();
    // docs/experiments.md section 7: R = 200 and seed 1 by default, R = 10 for ridge-collapse.
    expect(resolveConfig(presetConfig(findPreset('ridge-collapse')!)).replicates).toBe(10);
    expect(resolveConfig(presetConfig(findPreset('verifier-regression')!)).replicates).toBe(200);
    expect(resolveConfig(presetConfig(findPreset('accumulate-regression')!)).seed).toBe(1);
  });

  it('fresh-k0.1 is seed 003\'s k = 0.1 case: w* = 0.2702 and a stationary MSE of 0.00540 over d = 2', () => {
    const cfg = resolveConfig(presetConfig(findPreset('fresh-k0.1')!));
    const k = cfg.data.realPerGeneration / cfg.sampleSize.n0;
    expect(k).toBeCloseTo(0.1, 12);
    expect(cfg.data.mode).toBe('fresh');
    expect(cfg.data.realWeight).toBeCloseTo(freshOptimalWeight(0.1), 4); // 0.27016
    const V = cfg.model.dim * freshStationaryVariance(cfg.data.realWeight, cfg.data.realPerGeneration, cfg.sampleSize.n0);
    expect(V).toBeCloseTo(0.0054, 5);
    // The preset's own theory reaches that stationary value long before T = 200.
    const stepper = createErrorTheory(cfg);
    let last = 0;
    for (let t = 0; t <= cfg.generations; t++) last = stepper.next(t) as number;
    expect(last).toBeCloseTo(V, 10);
  });
});

describe('export of a regression run', () => {
  it('carries testError and theory.testError per generation, diversity null (JSON and CSV)', async () => {
    const store = openStore(':memory:');
    try {
      const cfg = prepareRun({ preset: 'accumulate-regression', overrides: ['replicates=5', 'generations=3'] });
      const outcome = await executeRun(store, cfg);
      expect(outcome.status).toBe('completed');
      const doc = JSON.parse(JSON.stringify(exportRun(store, outcome.runId))) as ReturnType<typeof exportRun>;
      expect(doc.run.preset).toBe('accumulate-regression');
      expect(doc.generations).toHaveLength(4);
      for (const g of doc.generations) {
        expect(g.diversity).toBeNull();
        expect(typeof g.testError!.mean).toBe('number');
        expect(g.testError!.mean).toBeGreaterThan(0);
        expect(typeof g.theory.testError).toBe('number');
        expect(typeof g.theory.errorMeanSq).toBe('number');
        expect(g.kept.mean).toBe(1);
      }
      // Shared design, accumulate, sigma = 1, d = 10, n = 100: theory = (10/89) sum_{i<=t+1} 1/i^2.
      expect(doc.generations[3].theory.testError).toBeCloseTo((10 / 89) * (1 + 1 / 4 + 1 / 9 + 1 / 16), 12);
      const csv = generationsCsv(doc.generations).trimEnd().split('\n');
      const header = csv[0].split(',');
      const row = csv[1].split(',');
      expect(row[header.indexOf('diversity_mean')]).toBe('');
      expect(Number(row[header.indexOf('testError_mean')])).toBe(doc.generations[0].testError!.mean);
      expect(Number(row[header.indexOf('theory_testError')])).toBe(doc.generations[0].theory.testError);
    } finally {
      store.close();
    }
  });

  it('a verifier regression run exports its acceptance as kept', async () => {
    const store = openStore(':memory:');
    try {
      const outcome = await executeRun(store, prepareRun({ preset: 'verifier-regression', overrides: ['replicates=3', 'generations=2'] }));
      expect(outcome.status).toBe('completed');
      const doc = exportRun(store, outcome.runId);
      expect(doc.generations[0].kept.mean).toBe(1); // the real fit keeps everything
      for (const g of doc.generations.slice(1)) {
        expect(g.kept.mean).toBeGreaterThan(0.7);
        expect(g.kept.mean).toBeLessThan(0.95);
      }
    } finally {
      store.close();
    }
  });
});
