/**
 * Seed 000's general contraction condition (Assumption 2.3, hinge (6)): P of V(e) = e' P e and a
 * state-dependent c(e) (engine/neural/lyapunov.ts, contraction.ts). What is checked here:
 * - P = I written out (one number, d numbers, d x d numbers) trains and runs to the same bits
 *   as P left out, on the fused kernels the presets train with;
 * - a P that is not symmetric positive definite is refused by validation with one line naming
 *   filter.training.P, and by the kernels themselves;
 * - the three shapes of c(e) and the per-generation ratio V(e_t)/V(e_{t-1}) under a diagonal P;
 * - the tfjs kernel frees its P tensor and the per-batch 1 - c(e_0) tensors (no leak).
 * The gradient of the general hinge against tfjs autodiff is in fused-kernel.test.ts.
 * Reduced sizes (6 label generations of 150 candidates, 16 hidden units): identities of bits
 * and refusals do not depend on the size of the problem.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyMachineLabels,
  ConfigError,
  contractionStrength,
  createFusedKernel,
  DEFAULT_TRAINING,
  drawLabelCandidates,
  fitFeatureMap,
  FUSED_KERNELS,
  lyapunovIssue,
  lyapunovValue,
  lyapunovMatrix,
  resolveConfig,
  runSimulation,
  trainFilter,
  type GenerationSummary,
  type LabelGroup,
  type Tf,
  type TrainingSettings,
} from '../../engine';
import { loadTfjs } from '../../main/engine-host';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTfjs({ prefer: 'cpu' })).tf;
});

const CONFIG = resolveConfig({ model: { family: 'gaussian', dim: 2, estimate: 'mean' }, filter: { kind: 'neural' } });
const GROUPS: LabelGroup[] = applyMachineLabels(CONFIG, drawLabelCandidates(CONFIG, { generations: 6, candidates: 150, contamination: 0.3 }, 4), 0.3);
const SMALL: TrainingSettings = { ...DEFAULT_TRAINING, hidden: 16, epochs: 12, heldOut: 0.3, patience: 0, groupsPerBatch: 2, seed: 2 };

/** The generations of a small neural run with the given training settings, trained on the fused kernels. */
async function neuralRun(training: Partial<TrainingSettings>): Promise<GenerationSummary[]> {
  const config = resolveConfig({ replicates: 5, generations: 4, model: { family: 'gaussian', dim: 2, estimate: 'mean' }, filter: { kind: 'neural', training } });
  const trained = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', { ...SMALL, ...training });
  const out: GenerationSummary[] = [];
  await runSimulation(config, { filterModel: trained.model, onGeneration: (g) => out.push(g) });
  return out;
}

describe('P of V(e) = e\' P e', () => {
  it.each([
    ['one number', 1],
    ['a diagonal', [1, 1]],
    ['a full matrix', [1, 0, 0, 1]],
  ])('P = I as %s trains to the same bits as P left out', async (_name, P) => {
    const implicit = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', SMALL);
    const explicit = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', { ...SMALL, P });
    expect(explicit.history).toStrictEqual(implicit.history);
    expect(explicit.model).toStrictEqual(implicit.model);
  });

  it('P = I written out runs to the same generations, contraction ratios included', async () => {
    const implicit = await neuralRun({ epochs: 6 });
    const explicit = await neuralRun({ epochs: 6, P: [1, 0, 0, 1] });
    expect(explicit).toStrictEqual(implicit);
    expect(implicit.every((g) => g.contraction !== undefined)).toBe(true);
  });

  it.each([
    [[1, 2, 0, 1], /not symmetric: P\[1\]\[0\] = 0 but P\[0\]\[1\] = 2/],
    [[1, 2, 2, 1], /not positive definite \(Cholesky pivot 1 is -3\)/],
    [[1, -1], /not positive definite \(Cholesky pivot 1 is -1\)/],
    [0, /not positive definite \(Cholesky pivot 0 is 0\)/],
    [[1, 1, 1], /expected 2 numbers \(a diagonal\) or 4 \(a 2x2 matrix, row-major\) for d = 2, got 3/],
  ])('refuses P = %j with one line naming the field', (P, reason) => {
    let issues: readonly { path: string; message: string }[] = [];
    try {
      resolveConfig({ filter: { kind: 'neural', training: { P } } });
    } catch (error) {
      issues = (error as ConfigError).issues;
    }
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('filter.training.P');
    expect(issues[0].message).toMatch(/^expected a symmetric positive definite matrix: /);
    expect(issues[0].message).toMatch(reason);
    // The kernels refuse it too (a stored settings object skips validation).
    expect(() => createFusedKernel(GROUPS, fitFeatureMap(GROUPS, 2), { ...SMALL, P })).toThrow(/^filter\.training\.P: /);
  });

  it('accepts an SPD full matrix and evaluates V(e) = e\' P e', () => {
    expect(lyapunovIssue([2, 0.5, 0.5, 1], 2)).toBeUndefined();
    // e = (1, -2): 2 * 1 + 2 * 0.5 * (1)(-2) + 1 * 4 = 4.
    expect(lyapunovValue(lyapunovMatrix([2, 0.5, 0.5, 1], 2), [1, -2], 2)).toBe(4);
    expect(lyapunovValue(lyapunovMatrix([3, 5], 2), [1, -2], 2)).toBe(23);
  });

  it('the per-generation ratio uses P: a diagonal that weighs one coordinate changes it', async () => {
    const plain = await neuralRun({ epochs: 6 });
    const skewed = await neuralRun({ epochs: 6, P: [100, 1] });
    // P = diag(100, 1) changes L_contr (so the filter) and the ratio's V: the ratios must be
    // finite and differ from those under P = I.
    expect(skewed.map((g) => g.contraction!.geometricMean)).not.toEqual(plain.map((g) => g.contraction!.geometricMean));
    expect(skewed.every((g) => Number.isFinite(g.contraction!.geometricMean))).toBe(true);
  });
});

describe('the contraction strength c(e)', () => {
  const base = { c: 0.1, cMax: 0.4, cScale: 2, cPower: 0.5 };
  it('constant, linear and power follow c, min(c_max, a V) and min(c_max, a V^p)', () => {
    expect(contractionStrength({ ...base, contraction: 'constant' }, 7)).toBe(0.1);
    expect(contractionStrength({ ...base, contraction: 'linear' }, 0.05)).toBe(0.1);
    expect(contractionStrength({ ...base, contraction: 'linear' }, 1)).toBe(0.4);
    expect(contractionStrength({ ...base, contraction: 'power' }, 0.01)).toBeCloseTo(0.2, 15);
    expect(contractionStrength({ ...base, contraction: 'power' }, 1)).toBe(0.4);
  });

  it('grows with the error (Remark 2.4) and is continuous at the cap', () => {
    const s = { ...base, contraction: 'power' as const };
    const vs = [0, 1e-4, 1e-3, 0.01, 0.03, 0.04, 0.05, 1];
    const cs = vs.map((v) => contractionStrength(s, v));
    for (let i = 1; i < cs.length; i++) expect(cs[i]).toBeGreaterThanOrEqual(cs[i - 1]);
    expect(contractionStrength(s, 0.04)).toBeCloseTo(0.4, 12); // a V^p = 2 * 0.2 = c_max exactly there
  });

  it('refuses the state-dependent fields under the constant shape', () => {
    expect(() => resolveConfig({ filter: { kind: 'neural', training: { cMax: 0.3 } } })).toThrow(/filter\.training\.cMax.*applies only when filter\.training\.contraction is 'linear' or 'power', got 'constant'/);
    expect(() => resolveConfig({ filter: { kind: 'neural', training: { contraction: 'linear', cPower: 2 } } })).toThrow(/filter\.training\.cPower.*'power', got 'linear'/);
    expect(resolveConfig({ filter: { kind: 'neural', training: { contraction: 'power', cMax: 0.3, cScale: 5, cPower: 2 } } }).filter.training?.contraction).toBe('power');
  });

  it('a linear c(e) at its cap c_max = c trains as the constant c; one that grows asks more', async () => {
    const sum = (r: { history: readonly { contrLoss: number }[] }): number => r.history.reduce((s, e) => s + e.contrLoss, 0);
    // c = 0.9 keeps the hinge active (the contraction loss is not 0), so the comparison has teeth.
    const constant = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', { ...SMALL, c: 0.9 });
    expect(sum(constant)).toBeGreaterThan(0);
    // a V(e_0) >= 0.9 for every group (V(e_0) > 1e-12), so min(c_max, a V) = c_max = 0.9 = c: the same hinge bit for bit.
    const capped = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', { ...SMALL, c: 0.9, contraction: 'linear', cMax: 0.9, cScale: 1e12 });
    expect(capped.history).toStrictEqual(constant.history);
    // Against c = 0.1, whose hinge is inactive on these groups, a strength growing to 0.9 bites.
    const weak = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', SMALL);
    const growing = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', { ...SMALL, contraction: 'linear', cMax: 0.9, cScale: 20 });
    expect(sum(growing)).toBeGreaterThan(sum(weak));
  });
});

describe('the tfjs kernel with P and c(e)', () => {
  it('trains with a full P and a power c(e) and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const result = await trainFilter(tf, GROUPS, 'gaussian', { ...SMALL, epochs: 3, P: [2, 0.5, 0.5, 1], contraction: 'power', cMax: 0.5, cScale: 10, cPower: 0.7 });
    expect(result.history).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
