/**
 * Any config validation accepts either runs to the end with every summary number finite, or
 * fails with SimulationFailure naming the generation it stopped at (issue 8, item 4: never NaN,
 * never an internal error). Configs are drawn at the numeric edges validation allows: extreme
 * truths and sigmas, tiny sample sizes (n = d for OLS), tiny filters, all data modes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig, runSimulation, SimulationFailure, type GenerationSummary, type RunConfig } from '../../engine/index';
import { MAX_TRUTH } from '../../engine/config/validate';

const family = fc.constantFrom('gaussian', 'poisson', 'bernoulli', 'exponential', 'linear-regression');
const truthValue = fc.constantFrom(MAX_TRUTH, -MAX_TRUTH, 1 / MAX_TRUTH, 1e-300, 1e-9, 0.001, 0.5, 0.999, 1, 4, 1e6, 1e100);

const partial = fc.record(
  {
    seed: fc.nat({ max: 1000 }),
    replicates: fc.integer({ min: 1, max: 3 }),
    generations: fc.integer({ min: 0, max: 30 }),
    model: fc.record(
      {
        family,
        dim: fc.integer({ min: 1, max: 3 }),
        estimate: fc.constantFrom('mean', 'mean-cov'),
        estimator: fc.constantFrom('mle', 'unbiased'),
        sigma: fc.constantFrom(1e-100, 1e-6, 1, 1e6, 1e150),
        truth: truthValue,
        noise: fc.constantFrom(0, 1e-6, 1, 1e6),
        ridge: fc.constantFrom(0, 1e-12, 1e-3, 1e6),
      },
      { requiredKeys: ['family', 'dim'] },
    ),
    sampleSize: fc.record({ schedule: fc.constantFrom('constant', 'sqrt', 'linear'), n0: fc.integer({ min: 1, max: 40 }) }, { requiredKeys: ['n0'] }),
    data: fc.record(
      { mode: fc.constantFrom('replace', 'accumulate', 'fresh'), realPerGeneration: fc.integer({ min: 1, max: 20 }), realWeight: fc.constantFrom(0, 1e-9, 0.5, 1) },
      { requiredKeys: ['mode'] },
    ),
    filter: fc.oneof(
      fc.constant({ kind: 'none' }),
      fc.record({ kind: fc.constant('oracle'), keepFraction: fc.constantFrom(1e-3, 0.05, 0.5, 1) }),
      fc.record({ kind: fc.constant('verifier'), radius: fc.constantFrom(1e-9, 0.1, 1, 1e6), centerOffset: fc.constantFrom(0, 1, 1e6) }),
    ),
  },
  { requiredKeys: ['replicates', 'generations', 'model', 'sampleSize'] },
).map(fitTogether);

/**
 * Drops or adjusts what a family cannot take (validation would refuse it on a cross-field rule),
 * so most drawn configs run; the values that remain are still the extreme ones.
 */
function fitTogether(p: Record<string, any>): Record<string, unknown> {
  const m = { ...p.model };
  const regression = m.family === 'linear-regression';
  if (!regression) delete m.noise, delete m.ridge;
  if (m.family !== 'gaussian') delete m.estimate;
  if (m.estimator === 'unbiased' && !(m.family === 'gaussian' && m.estimate === 'mean-cov')) delete m.estimator;
  if (m.family === 'bernoulli' && m.truth !== undefined && !(m.truth > 0 && m.truth < 1)) m.truth = 0.3;
  if ((m.family === 'poisson' || m.family === 'exponential') && m.truth !== undefined) m.truth = Math.abs(m.truth);
  let filter = p.filter;
  if (filter?.kind === 'oracle' && regression) filter = { kind: 'none' };
  if (filter?.kind === 'verifier' && m.family !== 'gaussian' && !regression) filter = { kind: 'none' };
  return { ...p, model: m, ...(filter ? { filter } : {}) };
}

function finiteSummary(s: GenerationSummary): boolean {
  const v = [s.error.mean, s.error.rms, s.error.median, s.error.q25, s.error.q75, s.kept.mean];
  if (s.diversity) v.push(s.diversity.mean, s.diversity.median);
  if (s.testError) v.push(s.testError.mean);
  for (const th of [s.theory.errorMeanSq, s.theory.testError]) if (th !== null) v.push(th);
  return v.every(Number.isFinite);
}

describe('the engine at the numeric edges validation allows', () => {
  it('completes with finite summaries or fails with SimulationFailure at the generation it reached', async () => {
    const seen = { completed: 0, failed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(partial, async (p) => {
        let config: RunConfig;
        try {
          config = resolveConfig(p);
        } catch {
          seen.refused++;
          return; // config-validation.test.ts checks refusals; this property is about runs
        }
        const summaries: GenerationSummary[] = [];
        try {
          await runSimulation(config, { onGeneration: (s) => summaries.push(s) });
          seen.completed++;
          expect(summaries).toHaveLength(config.generations + 1);
        } catch (error) {
          seen.failed++;
          expect(error, String(error)).toBeInstanceOf(SimulationFailure);
          expect((error as SimulationFailure).generation).toBe(summaries.length);
          expect((error as Error).message).toMatch(/^generation \d+: \S/);
        }
        for (const s of summaries) expect(finiteSummary(s), JSON.stringify(s)).toBe(true);
      }),
      // 400 runs of at most 3 replicates x 31 generations x 1240 samples: under a second.
      { seed: 42, numRuns: 400 },
    );
    // 316 completed, 12 failed (overflow of an exponential chain at truth 1e150, verifiers that
    // kept nothing where validation cannot bound them) and 72 refused, with this seed.
    expect(seen.completed).toBeGreaterThan(50);
    expect(seen.failed).toBeGreaterThan(0);
  });
});
