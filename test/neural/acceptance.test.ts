/**
 * Acceptance checks of the contraction-conditioned neural filter (docs/experiments.md section 4,
 * "What the filter should achieve"), with the default labelling (20 generations x 1000
 * candidates, contamination 0.3) and the default training (200 epochs, lambda 1, mu 0.1, c 0.1,
 * tau 0.2, 128 hidden units, Adam 1e-3) on wasm. The filter is trained ONCE (beforeAll): it
 * depends only on the model (d = 2 Gaussian mean, n_0 = 100, seed 1), not on the schedule, so the
 * same one serves the constant, sqrt and linear runs, exactly as the three presets would train it.
 *
 * Statistics. Per replicate, errSq_T = ||e_T||^2 is a sum of d = 2 roughly Gaussian coordinate
 * errors, so errSq_T ~ (MSE / 2) chi2_2: its SD equals its mean. The mean over R replicates is
 * MSE chi2_{2R} / (2R), relative SE 1/sqrt(R). Bounds below use the sample SE of independent
 * replicates, and where a band around a reference is checked, the chi2_{2R} quantiles.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyMachineLabels,
  createErrorTheory,
  drawLabelCandidates,
  FilterInference,
  findPreset,
  GenerationSummariser,
  groupReference,
  labelingSettings,
  machineLabelGroups,
  presetConfig,
  ReplicateBlock,
  resolveConfig,
  sampleSizeAt,
  trainInlineFilter,
  type FilterModel,
  type GenerationSummary,
  type RunConfig,
  type TrainingResult,
} from '../../engine';
import { loadTfjs } from '../../main/engine-host';

let trained: TrainingResult;
let model: FilterModel;
let trainMs = 0;

/** A preset's config with overrides (resolveConfig validates it as `run --preset` would). */
function presetWith(name: string, overrides: Record<string, unknown> = {}): RunConfig {
  const base = presetConfig(findPreset(name)!);
  return resolveConfig({ ...base, ...overrides });
}

/** The same model without a filter (for the unfiltered runs and their theory). */
function unfiltered(cfg: RunConfig): RunConfig {
  return resolveConfig({ ...cfg, preset: undefined, filter: { kind: 'none' } });
}

/**
 * Runs a config as runSimulation does with one block (ReplicateBlock + GenerationSummariser),
 * keeping the per-replicate errSq of the last generation for standard errors.
 */
function simulate(cfg: RunConfig, filterModel?: FilterModel): { last: GenerationSummary; errSq: Float64Array } {
  const block = new ReplicateBlock(cfg, 0, cfg.replicates, filterModel);
  const summariser = new GenerationSummariser(cfg);
  let last: GenerationSummary | undefined;
  let errSq = new Float64Array(0);
  for (let t = 0; t <= cfg.generations; t++) {
    const raw = t === 0 ? block.initial() : block.advance(t);
    last = summariser.summarise([raw]);
    if (t === cfg.generations) errSq = raw.errSq.slice();
  }
  return { last: last!, errSq };
}

function meanSe(values: Float64Array): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

function theoryAt(cfg: RunConfig): number {
  const stepper = createErrorTheory(unfiltered(cfg));
  let v = 0;
  for (let t = 0; t <= cfg.generations; t++) v = stepper.next(t)!;
  return v;
}

const rows: string[] = [];
function report(line: string): void {
  rows.push(line);
  console.log(`[neural acceptance] ${line}`);
}

beforeAll(async () => {
  const { tf } = await loadTfjs({ prefer: 'wasm' });
  const config = presetWith('filter-constant-n');
  const started = Date.now();
  trained = await trainInlineFilter(tf, config);
  trainMs = Date.now() - started;
  model = trained.model;
}, 300_000);

describe('the trained filter (default labelling and training)', () => {
  it('was trained on 20 machine-labelled generations of 1000 candidates, 70% good, for up to 200 epochs', () => {
    const config = presetWith('filter-constant-n');
    expect(labelingSettings(config)).toEqual({ generations: 20, candidates: 1000, contamination: 0.3 });
    const groups = machineLabelGroups(config);
    expect(groups.length).toBe(20);
    for (const g of groups) {
      expect(g.labels.length).toBe(1000);
      expect(g.labels.reduce((s, y) => s + (y === 1 ? 1 : 0), 0)).toBe(700);
    }
    expect(trained.history.length).toBe(trained.stoppedEarly ? trained.bestEpoch + 40 : 200);
    expect(trained.history.map((e) => e.epoch)).toEqual(trained.history.map((_, i) => i + 1));
    report(
      `training: ${trained.history.length} epochs in ${(trainMs / 1000).toFixed(1)} s on wasm, best epoch ${trained.bestEpoch}, ` +
        `held-out accuracy ${trained.heldOutAccuracy.toFixed(4)}, contraction satisfied on ${(trained.heldOutContraction * 100).toFixed(0)}% of the 4 held-out groups`,
    );
  });

  it('satisfies the contraction condition on >= 95% of held-out groups, with high accuracy', () => {
    // (a) The training's own held-out split: round(0.2 x 20) = 4 groups, so >= 95% means all 4.
    expect(trained.heldOutContraction).toBeGreaterThanOrEqual(0.95);

    // (b) 200 fresh held-out groups: 10 new label chains (seeds 1001..1010, streams the training
    // never saw) of 20 generations x 1000 candidates, machine-labelled with the same rule. For
    // each group: V(e_w) <= (1 - c) V(e_0), c = 0.1, with theta_w the filter's weighted mean.
    const config = presetWith('filter-constant-n');
    const settings = labelingSettings(config);
    const inference = new FilterInference(model);
    const r70 = 2.4079456086518722; // chi2_2 quantile at 0.7: the fixed-radius (oracle) rule
    let satisfied = 0;
    let groupsSeen = 0;
    let correct = 0;
    let fixedCorrect = 0;
    let candidates = 0;
    for (let seed = 1001; seed <= 1010; seed++) {
      for (const g of applyMachineLabels(config, drawLabelCandidates(config, settings, seed), settings.contamination)) {
        const n = g.labels.length;
        const w = new Float64Array(n);
        inference.weights(g.candidates, n, w);
        const ref = groupReference(g);
        let sw = 0;
        const tw = [0, 0];
        for (let i = 0; i < n; i++) {
          const x0 = g.candidates[2 * i];
          const x1 = g.candidates[2 * i + 1];
          sw += w[i];
          tw[0] += w[i] * x0;
          tw[1] += w[i] * x1;
          if ((w[i] > 0.5 ? 1 : 0) === g.labels[i]) correct++;
          if ((x0 * x0 + x1 * x1 <= r70 ? 1 : 0) === g.labels[i]) fixedCorrect++;
          candidates++;
        }
        const vw = (tw[0] / sw - ref.thetaRef[0]) ** 2 + (tw[1] / sw - ref.thetaRef[1]) ** 2;
        if (vw <= 0.9 * ref.v0) satisfied++;
        groupsSeen++;
      }
    }
    const fraction = satisfied / groupsSeen;
    const accuracy = correct / candidates;
    const fixedAccuracy = fixedCorrect / candidates;
    report(`fresh held-out groups: contraction satisfied on ${satisfied}/${groupsSeen} (${(fraction * 100).toFixed(1)}%), accuracy ${accuracy.toFixed(4)} (fixed-radius oracle rule ${fixedAccuracy.toFixed(4)})`);
    // The acceptance bar itself. (Binomial SE at p = 0.98, 200 groups: 0.01; groups of one chain
    // are correlated, so the effective count is lower, but the bar is the issue's, not a fit.)
    expect(fraction).toBeGreaterThanOrEqual(0.95);
    // Accuracy bound: labels are "the closest 70% of this group", and a group's offset moves that
    // radius, so no rule of x alone is exact. The best fixed rule, a ball of the chi2_2 0.7
    // quantile around theta*, scores ~0.986 here; a trained filter that learnt the rule should
    // be within 0.01 of it, and far above the 0.70 of keeping everything. With 200,000
    // candidates the sampling error of either accuracy is ~3e-4 (binomial), negligible next to 0.01.
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(accuracy).toBeGreaterThanOrEqual(fixedAccuracy - 0.01);
    expect(trained.heldOutAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the filtered recursion (docs/experiments.md section 4 reference numbers)', () => {
  it('constant n = 100, d = 2, T = 200: filtered MSE within 3x the ideal floor 0.018; unfiltered follows the random walk (4.02)', () => {
    // R = 50 filtered replicates (the preset has 200): relative SE 1/sqrt(50) = 0.14, so the
    // upper 3-SE bound of a ~0.016 MSE is ~0.023, still far inside the bar 3 x 0.018 = 0.054.
    const cfg = presetWith('filter-constant-n', { replicates: 50 });
    const filtered = simulate(cfg, model);
    const f = meanSe(filtered.errSq);
    expect(filtered.last.error.rms ** 2).toBeCloseTo(f.mean, 12); // the exported figure is this mean
    expect(filtered.last.contraction).toBeDefined();
    // The bar, with the sampling error on the right side of it: mean + 3 SE <= 0.054.
    expect(f.mean + 3 * f.se).toBeLessThanOrEqual(3 * 0.018);
    // The filter keeps ~70% on average (its labels were 70% good): a sanity check that it is a
    // filter and not a near-empty selection (mean weight in [0.6, 0.8]).
    expect(filtered.last.kept.mean).toBeGreaterThan(0.6);
    expect(filtered.last.kept.mean).toBeLessThan(0.8);

    // Unfiltered, the preset's full R = 200 (cheap: no candidates are kept). Theory at T = 200:
    // (T + 1) d sigma^2 / n = 201 x 2 / 100 = 4.02; SE ~ 4.02 / sqrt(200) = 0.28; 4 SE two-sided.
    const u = meanSe(simulate(unfiltered(presetWith('filter-constant-n'))).errSq);
    const theory = theoryAt(cfg);
    expect(theory).toBeCloseTo(4.02, 10);
    expect(Math.abs(u.mean - theory)).toBeLessThanOrEqual(4 * u.se);
    report(`constant n, T = 200: filtered MSE ${f.mean.toPrecision(3)} +- ${f.se.toPrecision(2)} (R = 50; bar 0.054, ideal 0.018); unfiltered ${u.mean.toPrecision(3)} +- ${u.se.toPrecision(2)} (R = 200; theory ${theory.toFixed(2)})`);
  });

  /**
   * sqrt and linear growth: filtered MSE at T far below the unfiltered theory at the same T, and
   * within a factor 3 of the reference. Reduced settings (the full presets cost ~2M candidates per
   * replicate under linear growth): sqrt keeps T = 200 with R = 20; linear runs T = 100 with
   * R = 16. The filtered floor scales as 1/n_T (the oracle's closed form d rho / (N q (1 - rho^2))
   * has N = n_T in the denominator, and the contraction factor forgets the past within a few
   * generations while n_t grows 1% a generation), so the linear reference 0.00013 at n_200 = 20100
   * becomes 0.00013 x 20100 / n_100 at T = 100. Band: with R replicates the mean is MSE chi2_{2R}/(2R),
   * whose 0.1% and 99.9% quantiles are 0.45 / 1.84 (R = 20) and 0.40 / 1.95 (R = 16); a factor-3
   * band leaves room beyond the sampling noise for a trained filter a bit better or worse than
   * the paper's (measured with R = 200 on the full presets: sqrt 0.0013, linear 1.77e-4).
   */
  const growth: { schedule: 'sqrt' | 'linear'; replicates: number; generations: number; reference: number; unfilteredAt200: number }[] = [
    { schedule: 'sqrt', replicates: 20, generations: 200, reference: 0.0015, unfilteredAt200: 0.538 },
    { schedule: 'linear', replicates: 16, generations: 100, reference: 0.00013, unfilteredAt200: 0.118 },
  ];
  for (const g of growth) {
    it(`${g.schedule} growth: filtered MSE far below the unfiltered theory and within 3x the reference`, () => {
      const cfg = presetWith(`filter-${g.schedule}-n`, { replicates: g.replicates, generations: g.generations });
      const theory = theoryAt(cfg);
      // The engine's unfiltered theory reproduces docs/experiments.md's figure at the preset's T = 200.
      expect(theoryAt(presetWith(`filter-${g.schedule}-n`))).toBeCloseTo(g.unfilteredAt200, 3);
      const nT = sampleSizeAt(cfg.sampleSize, g.generations);
      const reference = (g.reference * sampleSizeAt(cfg.sampleSize, 200)) / nT;
      const { errSq, last } = simulate(cfg, model);
      const f = meanSe(errSq);
      expect(last.error.rms ** 2).toBeCloseTo(f.mean, 12);
      // Far below: even the upper 3-SE bound is 50x under the unfiltered theory (the measured
      // ratios are 340x to 530x: 0.538 / 0.0010 for sqrt, 0.104 / 0.00031 for linear at T = 100).
      expect(f.mean + 3 * f.se).toBeLessThan(theory / 50);
      // Within a factor 3 of the (n_T-scaled) reference.
      expect(f.mean).toBeGreaterThan(reference / 3);
      expect(f.mean).toBeLessThan(reference * 3);
      report(
        `${g.schedule}, T = ${g.generations}, R = ${g.replicates}: filtered MSE ${f.mean.toPrecision(3)} +- ${f.se.toPrecision(2)}; ` +
          `reference ${reference.toPrecision(3)}${g.generations === 200 ? '' : ` (${g.reference} at T = 200 scaled by n_200 / n_${g.generations})`}; unfiltered theory ${theory.toPrecision(3)}`,
      );
    }, 120_000);
  }
});
