import { createFilterNet, disposeFilterNet, filterLogits, readFilterWeights } from './filter-net';
import { disposeGroup, groupTensors, type GroupTensors } from './group-tensors';
import { filterLossParts, totalLoss, type LossBatch } from './losses';
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
  const dispose = (): void => {
    optimizer?.dispose();
    if (net) disposeFilterNet(net);
    for (const t of tensors) disposeGroup(t);
    for (const p of parts) p.dispose();
    tensors.length = 0;
    parts = [];
  };
  try {
    for (const g of groups) tensors.push(groupTensors(tf, g, features, paddedN));
    net = createFilterNet(tf, features.components.length, settings.hidden, settings.seed);
    optimizer = tf.train.adam(settings.learningRate);
  } catch (error) {
    dispose();
    throw error;
  }
  const theNet = net;
  const adam = optimizer;
  const { lambda, mu, c, tau } = settings;

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
        const satisfied = tf.mean(tf.cast(tf.lessEqual(p.vw, tf.mul(loss.v0, 1 - c)), 'float32'));
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
