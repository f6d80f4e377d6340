import { contractionKeep, isStateDependent } from './contraction';
import { createFilterNet, disposeFilterNet, filterLogits, readFilterWeights } from './filter-net';
import { disposeGroup, groupTensors, type GroupTensors } from './group-tensors';
import { contractionThreshold, filterLossParts, totalLoss, type LossBatch } from './losses';
import { lyapunovMatrix } from './lyapunov';
import type { KernelSettings, TrainingKernel } from './training-kernel';
import type { Tensor, Tf } from './tf-types';
import type { FeatureMap, LabelGroup } from './types';

/**
 * Training on a tfjs backend (CUDA, native TensorFlow, wasm or tfjs's pure-JS one): groups as
 * padded tensors, the loss of losses.ts differentiated by tfjs, tf.train.adam. Every step runs
 * inside tf.tidy (minimize); the per-step losses stay on the device until the epoch ends, so a
 * GPU is never made to wait on a read mid-epoch.
 */
export function createTfjsKernel(tf: Tf, groups: readonly LabelGroup[], features: FeatureMap, settings: Readonly<KernelSettings>): TrainingKernel {
  const paddedN = Math.max(...groups.map((g) => g.labels.length));
  const tensors: GroupTensors[] = [];
  let net: ReturnType<typeof createFilterNet> | undefined;
  let optimizer: ReturnType<Tf['train']['adam']> | undefined;
  let parts: Tensor[] = [];
  const d = groups[0].dim;
  const P = lyapunovMatrix(settings.P, d);
  let lyapunov: Tensor | undefined;
  const dispose = (): void => {
    optimizer?.dispose();
    lyapunov?.dispose();
    if (net) disposeFilterNet(net);
    for (const t of tensors) disposeGroup(t);
    for (const p of parts) p.dispose();
    tensors.length = 0;
    parts = [];
  };
  try {
    for (const g of groups) tensors.push(groupTensors(tf, g, features, paddedN, P));
    if (P) lyapunov = tf.tensor2d(Float32Array.from(P), [d, d]);
    net = createFilterNet(tf, features.components.length, settings.hidden, settings.seed);
    optimizer = tf.train.adam(settings.learningRate);
  } catch (error) {
    dispose();
    throw error;
  }
  const theNet = net;
  const adam = optimizer;
  const { lambda, mu, c, tau } = settings;
  // 1 - c(e_0) per group, fixed with V(e_0); only a state-dependent c needs it as a tensor.
  const keeps = isStateDependent(settings) ? tensors.map((t) => contractionKeep(settings, t.v0)) : null;

  const stackBatch = (batch: readonly number[]): { feats: Tensor; loss: LossBatch } => {
    const ts = batch.map((i) => tensors[i]);
    return {
      feats: tf.stack(ts.map((t) => t.features)),
      loss: {
        x: tf.stack(ts.map((t) => t.x)),
        labels: tf.stack(ts.map((t) => t.labels)),
        labelled: tf.stack(ts.map((t) => t.labelled)),
        valid: tf.stack(ts.map((t) => t.valid)),
        thetaRef: tf.stack(ts.map((t) => t.thetaRef)),
        v0: tf.tensor1d(ts.map((t) => t.v0)),
        ...(lyapunov ? { lyapunov } : {}),
        ...(keeps ? { keep: tf.tensor1d(batch.map((i) => keeps[i])) } : {}),
      },
    };
  };

  return {
    step(batch) {
      const cost = adam.minimize(() => {
        const { feats, loss } = stackBatch(batch);
        const p = filterLossParts(tf, filterLogits(tf, theNet, feats), loss, c, tau);
        parts.push(tf.keep(tf.stack([p.cls, p.contr, p.ess])));
        return totalLoss(tf, p, lambda, mu);
      }, true);
      cost?.dispose();
    },
    async takeEpochLosses() {
      const mean = tf.tidy(() => tf.mean(tf.stack(parts), 0));
      for (const p of parts) p.dispose();
      parts = [];
      const [cls, contr, ess] = await mean.data();
      mean.dispose();
      return [cls, contr, ess];
    },
    async evaluate(groupIds) {
      const summary = tf.tidy(() => {
        const { feats, loss } = stackBatch(groupIds);
        const logits = filterLogits(tf, theNet, feats);
        const p = filterLossParts(tf, logits, loss, c, tau);
        const total = totalLoss(tf, p, lambda, mu);
        const correct = tf.cast(tf.equal(tf.cast(tf.greater(logits, 0), 'float32'), loss.labels), 'float32');
        const accuracy = tf.div(tf.sum(tf.mul(correct, loss.labelled)), tf.maximum(tf.sum(loss.labelled), 1));
        const satisfied = tf.mean(tf.cast(tf.lessEqual(p.vw, contractionThreshold(tf, loss, c)), 'float32'));
        return tf.stack([total, accuracy, satisfied]);
      });
      const [loss, accuracy, satisfied] = await summary.data();
      summary.dispose();
      return { loss, accuracy, satisfied };
    },
    readWeights: () => readFilterWeights(theNet),
    dispose,
  };
}
