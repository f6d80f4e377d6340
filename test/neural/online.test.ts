/**
 * The online filter update of seed 000's enhanced workflow (section 1.5; engine/neural/online.ts):
 * a few Adam steps on lambda L_contr + mu L_ess over unlabelled current candidates against a
 * chosen reference. Checked: the same inputs give the same weights and losses bit for bit, the
 * input model is left as it was, the steps lower the contraction hinge on candidates drawn from
 * a model that has drifted, and a reference of the wrong length is refused. The fused kernels it
 * runs on hold no tensors, so there is nothing to leak (the tfjs side is in contraction.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { applyMachineLabels, DEFAULT_TRAINING, drawLabelCandidates, FUSED_KERNELS, onlineUpdate, resolveConfig, trainFilter, type TrainingSettings } from '../../engine';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';

const CONFIG = resolveConfig({ model: { family: 'gaussian', dim: 2, estimate: 'mean' }, filter: { kind: 'neural' } });
const GROUPS = applyMachineLabels(CONFIG, drawLabelCandidates(CONFIG, { generations: 6, candidates: 150, contamination: 0.3 }, 4), 0.3);
const SMALL: TrainingSettings = { ...DEFAULT_TRAINING, hidden: 16, epochs: 12, heldOut: 0.3, patience: 0, groupsPerBatch: 2, seed: 2 };

/** n candidates from N(center, I), d = 2, from a fixed stream. */
function candidates(center: readonly number[], n: number): Float64Array {
  const rng = new Xoshiro128();
  rng.load(seedStreams(31, 0, 1), 0);
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) for (let j = 0; j < 2; j++) x[i * 2 + j] = center[j] + normal(rng);
  return x;
}

describe('onlineUpdate', async () => {
  const trained = await trainFilter(FUSED_KERNELS, GROUPS, 'gaussian', SMALL);
  // The model drifted to theta = (0.6, -0.3); the truth (0, 0) is the reference of a simulation study.
  const drifted = candidates([0.6, -0.3], 400);
  const truth = [0, 0];
  // c = 0.5 asks V(e_w) <= V(e_0) / 2: more than the trained filter gives there, so the hinge is active.
  const online: TrainingSettings = { ...SMALL, c: 0.5, learningRate: 0.01 };

  it('is deterministic and leaves the input model unchanged', async () => {
    const before = JSON.stringify(trained.model);
    const a = await onlineUpdate(trained.model, drifted, truth, online, 15);
    const b = await onlineUpdate(trained.model, drifted, truth, online, 15);
    expect(a).toStrictEqual(b);
    expect(JSON.stringify(trained.model)).toBe(before);
    expect(a.model.features).toBe(trained.model.features);
    expect(a.model.weights).not.toEqual(trained.model.weights);
    expect(a.losses).toHaveLength(15);
  });

  it('lowers the contraction hinge on the drifted candidates', async () => {
    const { losses } = await onlineUpdate(trained.model, drifted, truth, online, 30);
    expect(losses[0].contrLoss).toBeGreaterThan(0);
    expect(losses[losses.length - 1].contrLoss).toBeLessThan(losses[0].contrLoss);
  });

  it('refuses a reference of another dimension', async () => {
    await expect(onlineUpdate(trained.model, drifted, [0, 0, 0], online, 1)).rejects.toThrow(/reference has 3 numbers, the filter's dimension is 2/);
  });
});
