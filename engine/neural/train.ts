import type { AbortSignalLike } from '../core/simulate';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { fitFeatureMap } from './features';
import { createFilterNet, disposeFilterNet, filterLogits, readFilterWeights, type FilterNet } from './filter-net';
import { disposeGroup, groupTensors, isTrainable, type GroupTensors } from './group-tensors';
import { filterLossParts, totalLoss, type LossBatch } from './losses';
import type { Tensor, Tf } from './tf-types';
import type { EpochRecord, FilterWeights, LabelGroup, TrainingResult, TrainingSettings } from './types';

/** Thrown when the caller's signal fires between epochs; nothing is leaked. */
export class TrainingAborted extends Error {
  override readonly name = 'TrainingAborted';

  constructor(readonly epoch: number) {
    super(`training cancelled after epoch ${epoch}`);
  }
}

export interface TrainOptions {
  /** Called after every epoch with its record, while training goes on. */
  onEpoch?: (record: EpochRecord) => void;
  signal?: AbortSignalLike;
  /** Lets the host's event loop run between epochs (see SimulationOptions.yieldToHost). */
  yieldToHost?: () => Promise<void>;
}

/** Seeded Fisher-Yates shuffle. */
function shuffle<T>(items: T[], rng: Xoshiro128): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Trains FilterNet on labelled groups with L = L_cls + lambda L_contr + mu L_ess (experiments.md
 * section 4): Adam, `epochs` passes over the training groups in batches of `groupsPerBatch`,
 * a held-out share of groups for early stopping (best held-out L kept) and for the per-epoch
 * accuracy and contraction-satisfied figures. Every step runs inside tf.tidy; all tensors it
 * makes are disposed before it returns or throws.
 */
export async function trainFilter(
  tf: Tf,
  groups: readonly LabelGroup[],
  family: string,
  settings: Readonly<TrainingSettings>,
  options: TrainOptions = {},
): Promise<TrainingResult> {
  const usable = groups.filter(isTrainable);
  if (usable.length === 0) throw new RangeError('training: no label group has a candidate labelled good');
  const dim = usable[0].dim;
  const rng = new Xoshiro128();
  rng.load(seedStreams(settings.seed, 0x7ffffffd, 1), 0);

  const order = shuffle([...usable], rng);
  // heldOut 0 trains on every group (the metrics are then on training groups); otherwise at
  // least one group is held out and at least one is kept for training.
  const nHeld = settings.heldOut > 0 && usable.length >= 2 ? Math.min(usable.length - 1, Math.max(1, Math.round(settings.heldOut * usable.length))) : 0;
  const heldGroups = order.slice(0, nHeld);
  const trainGroups = order.slice(nHeld);
  const features = fitFeatureMap(usable, settings.components ?? Math.min(dim, 8));
  const k = features.components.length;
  const paddedN = Math.max(...usable.map((g) => g.labels.length));

  const tensors = new Map<LabelGroup, GroupTensors>();
  for (const g of usable) tensors.set(g, groupTensors(tf, g, features, paddedN));
  const net = createFilterNet(tf, k, settings.hidden, settings.seed);
  const optimizer = tf.train.adam(settings.learningRate);
  const { lambda, mu, c, tau } = settings;

  const stackBatch = (batch: readonly LabelGroup[]): { feats: Tensor; loss: LossBatch } => {
    const ts = batch.map((g) => tensors.get(g)!);
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
  const evalGroups = heldGroups.length > 0 ? heldGroups : trainGroups;
  const evaluate = async (): Promise<{ loss: number; accuracy: number; satisfied: number }> => {
    const summary = tf.tidy(() => {
      const { feats, loss } = stackBatch(evalGroups);
      const logits = filterLogits(tf, net, feats);
      const parts = filterLossParts(tf, logits, loss, c, tau);
      const total = totalLoss(tf, parts, lambda, mu);
      const correct = tf.cast(tf.equal(tf.cast(tf.greater(logits, 0), 'float32'), loss.labels), 'float32');
      const accuracy = tf.div(tf.sum(tf.mul(correct, loss.labelled)), tf.maximum(tf.sum(loss.labelled), 1));
      const satisfied = tf.mean(tf.cast(tf.lessEqual(parts.vw, tf.mul(loss.v0, 1 - c)), 'float32'));
      return tf.stack([total, accuracy, satisfied]);
    });
    const [loss, accuracy, satisfied] = await summary.data();
    summary.dispose();
    return { loss, accuracy, satisfied };
  };

  const history: EpochRecord[] = [];
  let best: { loss: number; epoch: number; weights: FilterWeights; accuracy: number; satisfied: number } | undefined;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      if (options.signal?.aborted) throw new TrainingAborted(epoch - 1);
      const batches = shuffle([...trainGroups], rng);
      const parts: Tensor[] = [];
      for (let b = 0; b < batches.length; b += settings.groupsPerBatch) {
        const batch = batches.slice(b, b + settings.groupsPerBatch);
        const cost = optimizer.minimize(() => {
          const { feats, loss } = stackBatch(batch);
          const p = filterLossParts(tf, filterLogits(tf, net, feats), loss, c, tau);
          parts.push(tf.keep(tf.stack([p.cls, p.contr, p.ess])));
          return totalLoss(tf, p, lambda, mu);
        }, true);
        cost?.dispose();
      }
      const meanParts = tf.tidy(() => tf.mean(tf.stack(parts), 0));
      const [clsLoss, contrLoss, essLoss] = await meanParts.data();
      meanParts.dispose();
      for (const p of parts) p.dispose();
      const held = await evaluate();
      const record: EpochRecord = { epoch, clsLoss, contrLoss, essLoss, accuracy: held.accuracy, contractionSatisfied: held.satisfied };
      history.push(record);
      options.onEpoch?.(record);
      if (!best || held.loss < best.loss - 1e-9) {
        best = { loss: held.loss, epoch, weights: await readFilterWeights(net), accuracy: held.accuracy, satisfied: held.satisfied };
      } else if (settings.patience > 0 && epoch - best.epoch >= settings.patience) {
        stoppedEarly = true;
        break;
      }
      if (options.yieldToHost) await options.yieldToHost();
    }
  } finally {
    optimizer.dispose();
    disposeFilterNet(net);
    for (const t of tensors.values()) disposeGroup(t);
  }
  if (!best) throw new RangeError('training: expected at least one epoch, got 0');
  return {
    model: { features, weights: best.weights, family, dim },
    history,
    bestEpoch: best.epoch,
    heldOutAccuracy: best.accuracy,
    heldOutContraction: best.satisfied,
    stoppedEarly,
  };
}

export type { FilterNet };
