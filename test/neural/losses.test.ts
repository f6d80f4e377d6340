/**
 * The filter's loss (docs/experiments.md section 4, "Loss") on inputs small enough to compute by hand:
 * BCE with logits, the weighted MLE theta_w, V(e_w), the contraction hinge
 * max(0, V(e_w) - (1 - c) V(e_0)), ESS / N and its tau hinge, and the masks for unlabelled and
 * padded candidates. tfjs computes in float32, so values are compared to ~1e-6 relative
 * (float32 has a 2^-24 = 6e-8 unit roundoff; a few dozen operations stay well inside 1e-6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterLossParts, groupReference, totalLoss, type LabelGroup, type LossBatch, type Tf } from '../../engine';
import { loadTfjs } from '../../main/engine-host';
import type { Tensor } from '../../engine/neural/tf-types';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTfjs({ prefer: 'cpu' })).tf;
});

const sigmoid = (l: number): number => 1 / (1 + Math.exp(-l));

/** One group as plain numbers: rows of x, labels (1 good, 0 bad, -1 unlabelled), valid rows. */
interface PlainGroup {
  x: number[][];
  labels: number[];
  valid: number[];
  thetaRef: number[];
  v0: number;
}

/** The tensors of a batch of groups (all groups have the same N and d). */
function lossBatch(groups: readonly PlainGroup[]): LossBatch {
  return {
    x: tf.tensor3d(groups.map((g) => g.x)),
    labels: tf.tensor2d(groups.map((g) => g.labels.map((y) => (y === 1 ? 1 : 0)))),
    labelled: tf.tensor2d(groups.map((g) => g.labels.map((y, i) => (y >= 0 && g.valid[i] === 1 ? 1 : 0)))),
    valid: tf.tensor2d(groups.map((g) => g.valid)),
    thetaRef: tf.tensor2d(groups.map((g) => g.thetaRef)),
    v0: tf.tensor1d(groups.map((g) => g.v0)),
  };
}

interface Numbers {
  cls: number;
  contr: number;
  ess: number;
  vw: number[];
}

function lossNumbers(logits: number[][], groups: readonly PlainGroup[], c: number, tau: number): Numbers {
  return tf.tidy(() => {
    const parts = filterLossParts(tf, tf.tensor2d(logits), lossBatch(groups), c, tau);
    return { cls: parts.cls.dataSync()[0], contr: parts.contr.dataSync()[0], ess: parts.ess.dataSync()[0], vw: Array.from(parts.vw.dataSync()) };
  });
}

/**
 * A plain float64 reading of docs/experiments.md section 4 with P = I, written independently of the
 * tfjs code: L_cls averages the BCE over every labelled real candidate of the batch; L_contr and
 * L_ess average their per-group hinges over groups; N counts a group's real candidates.
 */
function referenceLoss(logits: number[][], groups: readonly PlainGroup[], c: number, tau: number): Numbers {
  let bceSum = 0;
  let labelled = 0;
  let contr = 0;
  let ess = 0;
  const vw: number[] = [];
  groups.forEach((g, gi) => {
    const d = g.thetaRef.length;
    let sw = 0;
    let sw2 = 0;
    let n = 0;
    const tw = new Array<number>(d).fill(0);
    g.x.forEach((row, i) => {
      if (g.valid[i] !== 1) return;
      const l = logits[gi][i];
      const w = sigmoid(l);
      n++;
      sw += w;
      sw2 += w * w;
      for (let j = 0; j < d; j++) tw[j] += w * row[j];
      if (g.labels[i] >= 0) {
        labelled++;
        bceSum += g.labels[i] === 1 ? Math.log1p(Math.exp(-l)) : Math.log1p(Math.exp(l));
      }
    });
    let v = 0;
    for (let j = 0; j < d; j++) v += (tw[j] / sw - g.thetaRef[j]) ** 2;
    vw.push(v);
    contr += Math.max(0, v - (1 - c) * g.v0) / groups.length;
    ess += Math.max(0, tau - (sw * sw) / sw2 / n) / groups.length;
  });
  return { cls: bceSum / labelled, contr, ess, vw };
}

function expectClose(actual: number, expected: number, rel = 1e-6): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

// One group, d = 1, N = 3: x = (0, 1, 3), labels (good, good, bad).
// theta_ref = mean of the good ones = 0.5; theta_all = 4/3; e_0 = 5/6, V(e_0) = 25/36.
const ONE: PlainGroup = { x: [[0], [1], [3]], labels: [1, 1, 0], valid: [1, 1, 1], thetaRef: [0.5], v0: 25 / 36 };

describe('filterLossParts on one hand-computed group (d = 1, N = 3)', () => {
  it('matches BCE, theta_w, V(e_w), ESS / N and both hinges at logits (2, 0, -1)', () => {
    // w = sigmoid(2, 0, -1) = (0.8807970780, 0.5, 0.2689414214), sum w = 1.6497384993.
    // BCE: log(1 + e^-2) = 0.1269280110, log 2 = 0.6931471806, log(1 + e^-1) = 0.3132616875;
    //   mean 0.3777789597.
    // theta_w = (0 w1 + 1 w2 + 3 w3) / sum w = (0.5 + 0.8068242641) / 1.6497384993 = 0.7921402481;
    //   V(e_w) = (0.7921402481 - 0.5)^2 = 0.0853459245 <= 0.9 * 25/36 = 0.625: the hinge is 0.
    // ESS / N = (sum w)^2 / (sum w^2) / 3 = 2.7216371 / 1.0981022 / 3 = 0.8261407207;
    //   tau = 0.2: max(0, 0.2 - 0.826) = 0; tau = 0.99: 0.99 - 0.8261407207 = 0.1638592793.
    const logits = [[2, 0, -1]];
    const low = lossNumbers(logits, [ONE], 0.1, 0.2);
    expectClose(low.cls, 0.3777789597070469);
    expectClose(low.vw[0], 0.08534592453741735);
    expect(low.contr).toBe(0);
    expect(low.ess).toBe(0);
    const high = lossNumbers(logits, [ONE], 0.1, 0.99);
    expectClose(high.ess, 0.16385927932318645);
  });

  it('matches the hinge when the filter keeps the wrong candidate: logits (-1, 0, 2)', () => {
    // w = (0.2689414214, 0.5, 0.8807970780): theta_w = (0.5 + 3 * 0.8807970780) / 1.6497384993
    //   = 1.9047814155, V(e_w) = 1.4047814155^2 = 1.9734108252 > 0.625, so
    //   L_contr = 1.9734108252 - 0.9 * 25/36 = 1.3484108252.
    // BCE: log(1 + e) = 1.3132616875, log 2, log(1 + e^2) = 2.1269280110; mean 1.3777789597.
    const n = lossNumbers([[-1, 0, 2]], [ONE], 0.1, 0.2);
    expectClose(n.cls, 1.3777789597070467);
    expectClose(n.vw[0], 1.9734108252336218);
    expectClose(n.contr, 1.3484108252336218);
    // c sets the bar: with c = 0 the hinge is V(e_w) - V(e_0) = 1.9734108252 - 0.6944444444.
    expectClose(lossNumbers([[-1, 0, 2]], [ONE], 0, 0.2).contr, 1.9734108252336218 - 25 / 36);
  });

  it('keeps BCE finite and exact for large logits (the stable logit form)', () => {
    // y = 1, l = 60: log(1 + e^-60) = 8.8e-27 (~0 in float32); y = 0, l = 60: 60 + log(1 + e^-60) = 60.
    // y = 1, l = -60: 60. Mean over three labelled: (0 + 60 + 60) / 3 = 40.
    const group: PlainGroup = { x: [[0], [1], [3]], labels: [1, 0, 1], valid: [1, 1, 1], thetaRef: [1.5], v0: 1 };
    const n = lossNumbers([[60, 60, -60]], [group], 0.1, 0.2);
    expect(Number.isFinite(n.cls)).toBe(true);
    expectClose(n.cls, 40);
  });

  it('totalLoss = L_cls + lambda L_contr + mu L_ess', () => {
    const total = tf.tidy(() => {
      const parts = filterLossParts(tf, tf.tensor2d([[-1, 0, 2]]), lossBatch([ONE]), 0.1, 0.99);
      return totalLoss(tf, parts, 2, 0.5).dataSync()[0];
    });
    // 1.3777789597 + 2 * 1.3484108252 + 0.5 * 0.1638592793.
    expectClose(total, 1.3777789597070467 + 2 * 1.3484108252336218 + 0.5 * 0.16385927932318645);
  });
});

describe('the contraction hinge and its gradient', () => {
  const contrGrad = (logits: number[], c: number): { grad: number[]; contr: number } =>
    tf.tidy(() => {
      const batch = lossBatch([ONE]);
      const f = (l: Tensor): Tensor => filterLossParts(tf, l, batch, c, 0.2).contr;
      const l = tf.tensor2d([logits]);
      return { grad: Array.from(tf.grad(f)(l).dataSync()), contr: f(l).dataSync()[0] };
    });

  it('is exactly zero, with a zero gradient, when V(e_w) <= (1 - c) V(e_0)', () => {
    const { grad, contr } = contrGrad([2, 0, -1], 0.1);
    expect(contr).toBe(0);
    expect(grad).toEqual([0, 0, 0]);
  });

  it('has the analytic gradient when violated, and a small step along -grad lowers V(e_w)', () => {
    const logits = [-1, 0, 2];
    const { grad } = contrGrad(logits, 0.1);
    // dV/dl_i = 2 e_w (x_i - theta_w) w_i (1 - w_i) / sum w (d = 1, P = I; theta_w is a weighted
    // mean, d theta_w / d w_i = (x_i - theta_w) / sum w, and dw/dl = w (1 - w)).
    const w = logits.map(sigmoid);
    const sw = w.reduce((a, b) => a + b, 0);
    const thetaW = (w[1] * 1 + w[2] * 3) / sw;
    const analytic = ONE.x.map(([x], i) => (2 * (thetaW - 0.5) * (x - thetaW) * w[i] * (1 - w[i])) / sw);
    // = (-0.6377913985, -0.3852186628, 0.1958336013): it raises the good candidates' logits and
    // lowers the bad one's.
    for (let i = 0; i < 3; i++) expectClose(grad[i], analytic[i], 1e-5);
    expect(grad[0]).toBeLessThan(0);
    expect(grad[1]).toBeLessThan(0);
    expect(grad[2]).toBeGreaterThan(0);

    const before = lossNumbers([logits], [ONE], 0.1, 0.2).vw[0];
    const step = 0.05;
    const after = lossNumbers([logits.map((l, i) => l - step * grad[i])], [ONE], 0.1, 0.2).vw[0];
    expect(after).toBeLessThan(before);
    // First order: the drop is step * |grad|^2 (dL_contr/dl = dV/dl here), up to O(step^2).
    const predicted = step * grad.reduce((s, g) => s + g * g, 0);
    expect(Math.abs(before - after - predicted)).toBeLessThan(0.2 * predicted);
  });
});

describe('masks: unlabelled and padded candidates (G = 2, N = 4, d = 2)', () => {
  // Group 1: four real candidates, the second unlabelled. theta_all = mean of all four
  // = (1, 1.25); theta_ref = mean of the good ones (rows 0 and 2) = (0, 1); V(e_0) = 1 + 0.0625.
  const g1Plain: LabelGroup = {
    generation: 1,
    estimate: [1, 1],
    dim: 2,
    candidates: Float64Array.from([0, 0, 1, 0, 0, 2, 3, 3]),
    labels: Int8Array.from([1, -1, 1, 0]),
  };
  // Group 2: three real candidates and one row of padding (valid 0) with absurd contents.
  // theta_ref = (1.5, 1); theta_all = (2/3, 2/3); V(e_0) = (5/6)^2 + (1/3)^2 = 29/36.
  const g2Plain: LabelGroup = {
    generation: 2,
    estimate: [1, 1],
    dim: 2,
    candidates: Float64Array.from([1, 1, 2, 1, -1, 0]),
    labels: Int8Array.from([1, 1, 0]),
  };

  it('groupReference counts unlabelled candidates in theta_all but not in theta_ref', () => {
    expect(groupReference(g1Plain)).toEqual({ thetaAll: [1, 1.25], thetaRef: [0, 1], v0: 1.0625 });
    const r2 = groupReference(g2Plain);
    expect(r2.thetaAll[0]).toBeCloseTo(2 / 3, 14);
    expect(r2.thetaRef).toEqual([1.5, 1]);
    expect(r2.v0).toBeCloseTo(29 / 36, 14);
  });

  const G1: PlainGroup = { x: [[0, 0], [1, 0], [0, 2], [3, 3]], labels: [1, -1, 1, 0], valid: [1, 1, 1, 1], thetaRef: [0, 1], v0: 1.0625 };
  const G2: PlainGroup = { x: [[1, 1], [2, 1], [-1, 0], [1000, -1000]], labels: [1, 1, 0, 1], valid: [1, 1, 1, 0], thetaRef: [1.5, 1], v0: 29 / 36 };
  const LOGITS = [
    [1, -0.5, 0.3, -2],
    [-1, -1, 2, 40],
  ];

  it('matches the float64 reference for every part', () => {
    for (const tau of [0.2, 0.95]) {
      const got = lossNumbers(LOGITS, [G1, G2], 0.1, tau);
      const want = referenceLoss(LOGITS, [G1, G2], 0.1, tau);
      expectClose(got.cls, want.cls);
      expectClose(got.contr, want.contr);
      expectClose(got.ess, want.ess);
      got.vw.forEach((v, i) => expectClose(v, want.vw[i]));
      if (tau === 0.95) expect(want.ess).toBeGreaterThan(0); // the ESS hinge is active in this case
    }
    // The case exercises both sides of the contraction hinge: group 2 violates it, group 1 not.
    const want = referenceLoss(LOGITS, [G1, G2], 0.1, 0.2);
    expect(want.vw[0]).toBeLessThan(0.9 * G1.v0);
    expect(want.vw[1]).toBeGreaterThan(0.9 * G2.v0);
  });

  it('ignores the padded row whatever its x, logit and label', () => {
    const base = lossNumbers(LOGITS, [G1, G2], 0.1, 0.95);
    const G2other: PlainGroup = { ...G2, x: [...G2.x.slice(0, 3), [-7, 5e6]], labels: [1, 1, 0, 0] };
    const other = lossNumbers([LOGITS[0], [-1, -1, 2, -40]], [G1, G2other], 0.1, 0.95);
    expect(other).toEqual(base);
  });

  it('leaves unlabelled candidates out of L_cls but in theta_w', () => {
    const base = lossNumbers(LOGITS, [G1, G2], 0.1, 0.95);
    // The unlabelled candidate's label entry is masked: 0 or 1 there changes nothing.
    const asGood = lossBatch([G1, G2]);
    const flipped = tf.tidy(() => {
      const labels = tf.tensor2d([
        [1, 1, 1, 0],
        [1, 1, 0, 1],
      ]);
      const parts = filterLossParts(tf, tf.tensor2d(LOGITS), { ...asGood, labels }, 0.1, 0.95);
      return parts.cls.dataSync()[0];
    });
    Object.values(asGood).forEach((t) => t.dispose());
    expect(flipped).toBe(base.cls);
    // Its logit moves theta_w (it is a real candidate) but not L_cls.
    const moved = lossNumbers([[1, 3, 0.3, -2], LOGITS[1]], [G1, G2], 0.1, 0.95);
    expect(moved.cls).toBe(base.cls);
    expect(moved.vw[0]).not.toBe(base.vw[0]);
    expectClose(moved.vw[0], referenceLoss([[1, 3, 0.3, -2], LOGITS[1]], [G1, G2], 0.1, 0.95).vw[0]);
  });
});

afterAll(() => {
  // Nothing above may leave a tensor behind except the ones lossBatch made outside tidy in
  // the masking test (disposed there).
  expect(tf.memory().numTensors).toBe(0);
});
