import type { Scalar, Tensor, Tf } from './tf-types';

/** Per-batch inputs of the loss, one row per label group (padded to a common N). */
export interface LossBatch {
  /** [G, N, d] candidates in the original space (T(x) = x: the sufficient statistic of the mean). */
  readonly x: Tensor;
  /** [G, N] 1 for good, 0 otherwise. */
  readonly labels: Tensor;
  /** [G, N] 1 where a candidate is labelled (L_cls only counts these). */
  readonly labelled: Tensor;
  /** [G, N] 1 for real candidates, 0 for padding. */
  readonly valid: Tensor;
  /** [G, d] theta_ref: MLE on the group's good candidates. */
  readonly thetaRef: Tensor;
  /** [G] V(e_0) = e_0' P e_0 with e_0 = theta_all - theta_ref, held fixed. */
  readonly v0: Tensor;
  /** [d, d] P of V(e) = e' P e (seed 000 Assumption 2.3); absent: the identity. */
  readonly lyapunov?: Tensor;
  /** [G] 1 - c(e_0) per group for a state-dependent c (contraction.ts); absent: 1 - c for all. */
  readonly keep?: Tensor;
}

export interface LossParts {
  readonly cls: Scalar;
  readonly contr: Scalar;
  readonly ess: Scalar;
  /** [G] V(e_w) per group, for the contraction-satisfied metric. */
  readonly vw: Tensor;
}

/**
 * L = L_cls + lambda L_contr + mu L_ess of docs/experiments.md section 4 (seed 000, hinge (6)):
 * - L_cls: binary cross-entropy of w = sigmoid(logit) against the labels (stable logit form);
 * - L_contr: mean over groups of max(0, V(e_w) - (1 - c(e_0)) V(e_0)), V(e) = e' P e,
 *   e_w = theta_w - theta_ref, theta_w = sum w_i x_i / sum w_i (the weighted MLE through the
 *   sufficient statistic); P = I and a constant c unless the batch carries `lyapunov`, `keep`;
 * - L_ess: mean over groups of max(0, tau - ESS / N), ESS = (sum w)^2 / sum w^2.
 */
export function filterLossParts(tf: Tf, logits: Tensor, batch: LossBatch, c: number, tau: number): LossParts {
  const y = batch.labels;
  // BCE with logits: max(l, 0) - l y + log(1 + exp(-|l|)).
  const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  const cls = tf.div(tf.sum(tf.mul(bce, batch.labelled)), tf.maximum(tf.sum(batch.labelled), 1)) as Scalar;

  const w = tf.mul(tf.sigmoid(logits), batch.valid); // [G, N]
  const sumW = tf.sum(w, 1); // [G]
  const weighted = tf.squeeze(tf.matMul(tf.expandDims(w, 1), batch.x), [1]); // [G, d]
  const thetaW = tf.div(weighted, tf.expandDims(tf.maximum(sumW, 1e-12), 1));
  const ew = tf.sub(thetaW, batch.thetaRef);
  const vw = batch.lyapunov ? tf.sum(tf.mul(ew, tf.matMul(ew, batch.lyapunov)), 1) : tf.sum(tf.square(ew), 1); // [G]
  const contr = tf.mean(tf.relu(tf.sub(vw, contractionThreshold(tf, batch, c)))) as Scalar;

  const n = tf.sum(batch.valid, 1);
  const essFraction = tf.div(tf.div(tf.square(sumW), tf.maximum(tf.sum(tf.square(w), 1), 1e-12)), n);
  const ess = tf.mean(tf.relu(tf.sub(tau, essFraction))) as Scalar;
  return { cls, contr, ess, vw };
}

/** (1 - c(e_0)) V(e_0) per group [G]: the right side of the contraction condition. */
export function contractionThreshold(tf: Tf, batch: LossBatch, c: number): Tensor {
  return batch.keep ? tf.mul(batch.v0, batch.keep) : tf.mul(batch.v0, 1 - c);
}

/** The total L = L_cls + lambda L_contr + mu L_ess. */
export function totalLoss(tf: Tf, parts: LossParts, lambda: number, mu: number): Scalar {
  return tf.add(parts.cls, tf.add(tf.mul(parts.contr, lambda), tf.mul(parts.ess, mu))) as Scalar;
}
