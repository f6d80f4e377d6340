import { contractionKeep } from './contraction';
import { applyFeatureMap } from './features';
import { lyapunovApply, lyapunovMatrix, type Lyapunov } from './lyapunov';
import { reluLogits2 } from './relu-logits';
import { initialFilterWeights } from './filter-net';
import { groupReference } from './group-tensors';
import type { KernelSettings, TrainingKernel } from './training-kernel';
import type { FeatureMap, FilterWeights, LabelGroup } from './types';

/**
 * Names the fused kernels where trainFilter takes a tfjs namespace: `trainFilter(FUSED_KERNELS, ...)`.
 */
export const FUSED_KERNELS = Object.freeze({ kind: 'fused-js' as const });

/** tf.train.adam's constants: beta1, beta2, and epsilon = the float32 backends' epsilon(). */
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** One labelled group, flattened for the loops. */
interface Group {
  readonly n: number;
  readonly d: number;
  /** n x k features. */
  readonly f: Float64Array;
  /** n x d candidates: T(x) = x, the mean's sufficient statistic. */
  readonly x: Float64Array;
  /** 1 good, 0 bad. */
  readonly y: Float64Array;
  /** 1 where the candidate is labelled (L_cls counts only these). */
  readonly labelled: Float64Array;
  readonly labelledCount: number;
  readonly thetaRef: Float64Array;
  /** V(e_0) = e_0' P e_0 with e_0 = theta_all - theta_ref, held fixed. */
  readonly v0: number;
  /** 1 - c(e_0) (contraction.ts): the hinge is max(0, V(e_w) - keep V(e_0)). */
  readonly keep: number;
}

/**
 * FilterNet trained by hand-written float64 loops: the forward pass, the exact gradient of
 * L = L_cls + lambda L_contr + mu L_ess (losses.ts, docs/experiments.md section 4) and Adam as
 * tf.train.adam applies it. The network is tiny (k -> 128 -> 1) and a batch is a few thousand
 * rows: tfjs spends its time dispatching ops and streaming [rows x 128] intermediates through
 * memory, while here each row's hidden layer lives in registers, forward and backward. The
 * math is checked against tfjs's autodiff of losses.ts (test/neural/fused-kernel.test.ts).
 *
 * The gradient of the loss with respect to row i's logit l_i, with w = sigmoid(l), per group g
 * of the batch (G groups), S = sum w, Q = sum w^2, theta_w = sum w x / S, e_w = theta_w - theta_ref:
 *   L_cls:   (w_i - y_i) [i labelled] / #labelled in the batch
 *   L_contr: (lambda / G) [V(e_w) > (1 - c(e_0)) V(e_0)] 2 (P e_w) . (x_i - theta_w) / S * w_i (1 - w_i)
 *   L_ess:   (mu / G) [tau > ESS/n] (-2 S (Q - S w_i) / (Q^2 n)) * w_i (1 - w_i)
 * then back through sigmoid-free logits: l = b2 + sum_h w2_h relu(b1_h + f . w1_h).
 * V(e) = e' P e with P symmetric (seed 000 Assumption 2.3), so dV/de = 2 P e; c(e_0) is a
 * constant per group (V(e_0) is held fixed), so no gradient flows through it.
 */
/** The fused kernel, with two extra entry points the tests use to check its math against tfjs. */
export interface FusedKernel extends TrainingKernel {
  /** (L_cls, L_contr, L_ess) and dL/d(w1, b1, w2, b2) on a batch, without a step. */
  gradient(batch: readonly number[]): { parts: [number, number, number]; w1: number[]; b1: number[]; w2: number[]; b2: number };
  setWeights(weights: FilterWeights): void;
}

export function createFusedKernel(groups: readonly LabelGroup[], map: FeatureMap, settings: Readonly<KernelSettings>): FusedKernel {
  const k = map.components.length;
  const H = settings.hidden;
  const Pm = lyapunovMatrix(settings.P, groups[0].dim);
  const data: Group[] = groups.map((g) => prepareGroup(g, map, Pm, (v0) => contractionKeep(settings, v0)));
  const init = initialFilterWeights(k, H, settings.seed);
  // Parameters in one array so Adam is one loop: [w1 (k x H) | b1 (H) | w2 (H) | b2].
  const P = k * H + 2 * H + 1;
  const theta = new Float64Array(P);
  theta.set(init.w1, 0);
  theta.set(init.w2, k * H + H);
  const W1 = 0;
  const B1 = k * H;
  const W2 = k * H + H;
  const B2 = P - 1;
  const grad = new Float64Array(P);
  const m1 = new Float64Array(P);
  const m2 = new Float64Array(P);
  let accBeta1 = BETA1;
  let accBeta2 = BETA2;
  const maxN = Math.max(...data.map((g) => g.n));
  const logits = new Float64Array(maxN);
  const dLogit = new Float64Array(maxN);
  const { lambda, mu, tau, learningRate } = settings;
  let epochSums = [0, 0, 0];
  let epochSteps = 0;

  // Views of theta's blocks, so the loops index from 0.
  const w1 = theta.subarray(W1, W1 + k * H);
  const b1 = theta.subarray(B1, B1 + H);
  const w2 = theta.subarray(W2, W2 + H);
  const gw1 = grad.subarray(W1, W1 + k * H);
  const gb1 = grad.subarray(B1, B1 + H);
  const gw2 = grad.subarray(W2, W2 + H);

  /** Logits of every row of g into `logits`. */
  const forward = (g: Group): void => {
    if (k === 2) return forward2(g);
    const f = g.f;
    for (let i = 0; i < g.n; i++) {
      let l = theta[B2];
      for (let h = 0; h < H; h++) {
        let s = b1[h];
        for (let q = 0; q < k; q++) s += f[i * k + q] * w1[q * H + h];
        l += w2[h] * (0.5 * (s + Math.abs(s))); // relu without a branch
      }
      logits[i] = l;
    }
  };

  /** k = 2 (the d = 2 presets): the branch-free four-row loop FilterInference uses. */
  const halfW2 = new Float64Array(H);
  const forward2 = (g: Group): void => {
    for (let h = 0; h < H; h++) halfW2[h] = 0.5 * w2[h];
    reluLogits2(g.f, g.n, w1.subarray(0, H), w1.subarray(H, 2 * H), b1, halfW2, theta[B2], logits);
  };

  /**
   * Group-level terms of the loss for the logits in `logits`; with `dl`, adds each row's
   * d(L_contr, L_ess part)/dl_i (weighted lambda / G, mu / G) into it.
   */
  const groupTerms = (g: Group, G: number, dl: Float64Array | null): { contr: number; ess: number; vw: number } => {
    const d = g.d;
    let S = 0;
    let Q = 0;
    const sx = new Float64Array(d);
    for (let i = 0; i < g.n; i++) {
      const w = sigmoid(logits[i]);
      S += w;
      Q += w * w;
      for (let j = 0; j < d; j++) sx[j] += w * g.x[i * d + j];
    }
    const Sm = Math.max(S, 1e-12);
    const Qm = Math.max(Q, 1e-12);
    const ew = new Float64Array(d);
    for (let j = 0; j < d; j++) ew[j] = sx[j] / Sm - g.thetaRef[j];
    // P e_w (e_w itself when P is the implicit identity); V(e_w) = e_w . P e_w in index order.
    const pe = lyapunovApply(Pm, ew, new Float64Array(d));
    let vw = 0;
    for (let j = 0; j < d; j++) vw += ew[j] * pe[j];
    const hinge = vw - g.keep * g.v0;
    const essFraction = (S * S) / Qm / g.n;
    const essGap = tau - essFraction;
    if (dl) {
      const contrActive = hinge > 0 ? lambda / G : 0;
      const essActive = essGap > 0 ? mu / G : 0;
      if (contrActive !== 0 || essActive !== 0) {
        // d theta_w / d w_i = (x_i - theta_w) / S (S above the 1e-12 floor, as tfjs's maximum passes it).
        const thetaW = sx.map((v) => v / Sm);
        for (let i = 0; i < g.n; i++) {
          const w = sigmoid(logits[i]);
          let dw = 0;
          if (contrActive !== 0) {
            let dot = 0;
            for (let j = 0; j < d; j++) dot += pe[j] * (g.x[i * d + j] - thetaW[j]);
            dw += contrActive * ((2 * dot) / Sm);
          }
          if (essActive !== 0) dw -= essActive * ((2 * S * (Q - S * w)) / (Qm * Qm * g.n));
          dl[i] += dw * w * (1 - w);
        }
      }
    }
    return { contr: Math.max(hinge, 0), ess: Math.max(essGap, 0), vw };
  };

  /** Binary cross-entropy with logits, summed over labelled rows (losses.ts's stable form). */
  const bceSum = (g: Group): number => {
    let s = 0;
    for (let i = 0; i < g.n; i++) {
      if (g.labelled[i] === 0) continue;
      const l = logits[i];
      s += Math.max(l, 0) - l * g.y[i] + Math.log1p(Math.exp(-Math.abs(l)));
    }
    return s;
  };

  /**
   * grad += dL/dtheta for the row gradients in `dLogit` (backprop through the network). Unit by
   * unit over all rows, so each unit's four gradient sums stay in registers.
   */
  const backward = (g: Group): void => {
    const f = g.f;
    const n = g.n;
    let sumDl = 0;
    for (let i = 0; i < n; i++) sumDl += dLogit[i];
    grad[B2] += sumDl;
    if (k === 2) {
      for (let h = 0; h < H; h++) {
        const bh = b1[h];
        const c0 = w1[h];
        const c1 = w1[H + h];
        let aw2 = 0;
        let ab1 = 0;
        let a0 = 0;
        let a1 = 0;
        for (let i = 0; i < n; i++) {
          const f0 = f[2 * i];
          const f1 = f[2 * i + 1];
          const s = bh + f0 * c0 + f1 * c1;
          const gl = dLogit[i];
          aw2 += gl * (0.5 * (s + Math.abs(s)));
          // relu's gradient, 0 at and below 0 as tfjs's; +(s > 0) compiles without a branch
          // (2.3x faster here than `s > 0 ? gl : 0`, whose branch mispredicts half the time).
          const t = gl * +(s > 0);
          ab1 += t;
          a0 += f0 * t;
          a1 += f1 * t;
        }
        const vh = w2[h];
        gw2[h] += aw2;
        gb1[h] += vh * ab1;
        gw1[h] += vh * a0;
        gw1[H + h] += vh * a1;
      }
      return;
    }
    const acc = new Float64Array(k);
    for (let h = 0; h < H; h++) {
      let aw2 = 0;
      let ab1 = 0;
      acc.fill(0);
      for (let i = 0; i < n; i++) {
        let s = b1[h];
        for (let q = 0; q < k; q++) s += f[i * k + q] * w1[q * H + h];
        const gl = dLogit[i];
        aw2 += gl * (0.5 * (s + Math.abs(s)));
        const t = gl * +(s > 0);
        ab1 += t;
        for (let q = 0; q < k; q++) acc[q] += f[i * k + q] * t;
      }
      const vh = w2[h];
      gw2[h] += aw2;
      gb1[h] += vh * ab1;
      for (let q = 0; q < k; q++) gw1[q * H + h] += vh * acc[q];
    }
  };

  const adamStep = (): void => {
    const oneMinusAcc1 = 1 - accBeta1;
    const oneMinusAcc2 = 1 - accBeta2;
    for (let p = 0; p < P; p++) {
      const gp = grad[p];
      const a = BETA1 * m1[p] + (1 - BETA1) * gp;
      const b = BETA2 * m2[p] + (1 - BETA2) * gp * gp;
      m1[p] = a;
      m2[p] = b;
      theta[p] -= (learningRate * (a / oneMinusAcc1)) / (Math.sqrt(b / oneMinusAcc2) + EPSILON);
    }
    accBeta1 *= BETA1;
    accBeta2 *= BETA2;
  };

  const labelledIn = (batch: readonly number[]): number => Math.max(1, batch.reduce((n, i) => n + data[i].labelledCount, 0));

  /** Fills `grad` with dL/dtheta over a batch; returns (L_cls, L_contr, L_ess). */
  const lossAndGradient = (batch: readonly number[]): [number, number, number] => {
    const G = batch.length;
    const lab = labelledIn(batch);
    grad.fill(0);
    let cls = 0;
    let contr = 0;
    let ess = 0;
    for (const id of batch) {
      const g = data[id];
      forward(g);
      cls += bceSum(g) / lab;
      for (let i = 0; i < g.n; i++) dLogit[i] = g.labelled[i] === 0 ? 0 : (sigmoid(logits[i]) - g.y[i]) / lab;
      const t = groupTerms(g, G, dLogit);
      contr += t.contr / G;
      ess += t.ess / G;
      backward(g);
    }
    return [cls, contr, ess];
  };

  return {
    step(batch) {
      const [cls, contr, ess] = lossAndGradient(batch);
      epochSums = [epochSums[0] + cls, epochSums[1] + contr, epochSums[2] + ess];
      epochSteps++;
      adamStep();
    },
    gradient(batch) {
      const parts = lossAndGradient(batch);
      return {
        parts,
        w1: Array.from(gw1),
        b1: Array.from(gb1),
        w2: Array.from(gw2),
        b2: grad[B2],
      };
    },
    setWeights(w) {
      if (w.inputs !== k || w.hidden !== H) throw new RangeError(`fused kernel: weights for ${w.inputs} -> ${w.hidden}, the kernel is ${k} -> ${H}`);
      w1.set(w.w1);
      b1.set(w.b1);
      w2.set(w.w2);
      theta[B2] = w.b2;
    },
    async takeEpochLosses() {
      const n = Math.max(epochSteps, 1);
      const out: [number, number, number] = [epochSums[0] / n, epochSums[1] / n, epochSums[2] / n];
      epochSums = [0, 0, 0];
      epochSteps = 0;
      return out;
    },
    async evaluate(ids) {
      const G = ids.length;
      const lab = labelledIn(ids);
      let cls = 0;
      let contr = 0;
      let ess = 0;
      let correct = 0;
      let satisfied = 0;
      for (const id of ids) {
        const g = data[id];
        forward(g);
        cls += bceSum(g) / lab;
        for (let i = 0; i < g.n; i++) if (g.labelled[i] === 1 && (logits[i] > 0 ? 1 : 0) === g.y[i]) correct++;
        const t = groupTerms(g, G, null);
        contr += t.contr / G;
        ess += t.ess / G;
        if (t.vw <= g.keep * g.v0) satisfied++;
      }
      return { loss: cls + lambda * contr + mu * ess, accuracy: correct / lab, satisfied: satisfied / G };
    },
    async readWeights(): Promise<FilterWeights> {
      return {
        w1: Array.from(theta.subarray(W1, W1 + k * H)),
        b1: Array.from(theta.subarray(B1, B1 + H)),
        w2: Array.from(theta.subarray(W2, W2 + H)),
        b2: theta[B2],
        inputs: k,
        hidden: H,
      };
    },
    dispose() {},
  };
}

function sigmoid(l: number): number {
  return 1 / (1 + Math.exp(-l));
}

function prepareGroup(g: LabelGroup, map: FeatureMap, P: Lyapunov, keepOf: (v0: number) => number): Group {
  const n = g.labels.length;
  const f = new Float64Array(n * map.components.length);
  applyFeatureMap(map, g.candidates, n, f);
  const y = new Float64Array(n);
  const labelled = new Float64Array(n);
  let labelledCount = 0;
  for (let i = 0; i < n; i++) {
    y[i] = g.labels[i] === 1 ? 1 : 0;
    labelled[i] = g.labels[i] >= 0 ? 1 : 0;
    labelledCount += labelled[i];
  }
  const ref = groupReference(g, P);
  return { n, d: g.dim, f, x: g.candidates, y, labelled, labelledCount, thetaRef: Float64Array.from(ref.thetaRef), v0: ref.v0, keep: keepOf(ref.v0) };
}
