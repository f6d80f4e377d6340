import { applyFeatureMap } from './features';
import { lyapunovValue, type Lyapunov } from './lyapunov';
import type { Tensor, Tf } from './tf-types';
import type { FeatureMap, LabelGroup } from './types';

/** A label group prepared for training: tensors padded to a common N, constants precomputed. */
export interface GroupTensors {
  readonly features: Tensor; // [N, k]
  readonly x: Tensor; // [N, d]
  readonly labels: Tensor; // [N]
  readonly labelled: Tensor; // [N]
  readonly valid: Tensor; // [N]
  readonly thetaRef: Tensor; // [d]
  readonly v0: number;
}

/** Whether a group can train: it needs labelled candidates and at least one good one. */
export function isTrainable(g: LabelGroup): boolean {
  let good = 0;
  for (let i = 0; i < g.labels.length; i++) if (g.labels[i] === 1) good++;
  return good > 0;
}

/** Mean of the rows of x (count x d) whose `pick` is true: the MLE of the mean parameter. */
function meanOf(x: Float64Array, d: number, count: number, pick: (i: number) => boolean): number[] {
  const m = new Array<number>(d).fill(0);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (!pick(i)) continue;
    n++;
    for (let j = 0; j < d; j++) m[j] += x[i * d + j];
  }
  return m.map((v) => v / n);
}

/**
 * theta_all (all candidates), theta_ref (the good ones) and V(e_0) = e_0' P e_0 with
 * e_0 = theta_all - theta_ref of a group (docs/experiments.md section 4, L_contr; seed 000
 * Assumption 2.3), held fixed during training. Without P, V(e_0) = ||e_0||^2 as it always was.
 */
export function groupReference(g: LabelGroup, P: Lyapunov = null): { thetaAll: number[]; thetaRef: number[]; v0: number } {
  const n = g.labels.length;
  const thetaAll = meanOf(g.candidates, g.dim, n, () => true);
  const thetaRef = g.reference ? [...g.reference] : meanOf(g.candidates, g.dim, n, (i) => g.labels[i] === 1);
  if (P) return { thetaAll, thetaRef, v0: lyapunovValue(P, thetaAll.map((v, j) => v - thetaRef[j]), g.dim) };
  let v0 = 0;
  for (let j = 0; j < g.dim; j++) v0 += (thetaAll[j] - thetaRef[j]) ** 2;
  return { thetaAll, thetaRef, v0 };
}

/** Builds the padded tensors of one group; the caller disposes them with `disposeGroup`. */
export function groupTensors(tf: Tf, g: LabelGroup, map: FeatureMap, paddedN: number, P: Lyapunov = null): GroupTensors {
  const n = g.labels.length;
  const d = g.dim;
  const k = map.components.length;
  const feats = new Float64Array(paddedN * k);
  applyFeatureMap(map, g.candidates, n, feats);
  const x = new Float32Array(paddedN * d);
  x.set(Float32Array.from(g.candidates));
  const labels = new Float32Array(paddedN);
  const labelled = new Float32Array(paddedN);
  const valid = new Float32Array(paddedN);
  for (let i = 0; i < n; i++) {
    valid[i] = 1;
    labels[i] = g.labels[i] === 1 ? 1 : 0;
    labelled[i] = g.labels[i] >= 0 ? 1 : 0;
  }
  const ref = groupReference(g, P);
  return {
    features: tf.tensor2d(Float32Array.from(feats), [paddedN, k]),
    x: tf.tensor2d(x, [paddedN, d]),
    labels: tf.tensor1d(labels),
    labelled: tf.tensor1d(labelled),
    valid: tf.tensor1d(valid),
    thetaRef: tf.tensor1d(ref.thetaRef),
    v0: ref.v0,
  };
}

export function disposeGroup(t: GroupTensors): void {
  for (const tensor of [t.features, t.x, t.labels, t.labelled, t.valid, t.thetaRef]) tensor.dispose();
}
