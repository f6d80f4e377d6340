import type { AbortSignalLike } from '../core/simulate';
import { Xoshiro128, seedStreams } from '../random/xoshiro';
import { fitFeatureMap } from './features';
import type { FilterNet } from './filter-net';
import { FUSED_KERNELS, createFusedKernel } from './fused-kernel';
import { isTrainable } from './group-tensors';
import { createTfjsKernel } from './tfjs-kernel';
import type { Tf } from './tf-types';
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

/** What trains: a tfjs namespace with its backend chosen, or the fused float64 kernels. */
export type TrainingEngine = Tf | typeof FUSED_KERNELS;

function isFused(engine: TrainingEngine): engine is typeof FUSED_KERNELS {
  return engine === FUSED_KERNELS;
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
 * Trains FilterNet on labelled groups with L = L_cls + lambda L_contr + mu L_ess (docs/experiments.md
 * section 4): Adam, `epochs` passes over the training groups in batches of `groupsPerBatch`,
 * a held-out share of groups for early stopping (best held-out L kept) and for the per-epoch
 * accuracy and contraction-satisfied figures. `engine` is a tfjs namespace with its backend
 * chosen (tfjs-kernel.ts) or FUSED_KERNELS, the float64 loops of fused-kernel.ts; both follow
 * this one protocol, and everything a kernel holds is freed before this returns or throws.
 */
export async function trainFilter(
  engine: TrainingEngine,
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
  const kernel = isFused(engine) ? createFusedKernel(usable, features, settings) : createTfjsKernel(engine, usable, features, settings);
  const index = new Map(usable.map((g, i) => [g, i]));
  const ids = (gs: readonly LabelGroup[]): number[] => gs.map((g) => index.get(g)!);
  const evalIds = ids(heldGroups.length > 0 ? heldGroups : trainGroups);

  const history: EpochRecord[] = [];
  let best: { loss: number; epoch: number; weights: FilterWeights; accuracy: number; satisfied: number } | undefined;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      if (options.signal?.aborted) throw new TrainingAborted(epoch - 1);
      const batches = shuffle([...trainGroups], rng);
      for (let b = 0; b < batches.length; b += settings.groupsPerBatch) kernel.step(ids(batches.slice(b, b + settings.groupsPerBatch)));
      const [clsLoss, contrLoss, essLoss] = await kernel.takeEpochLosses();
      const held = await kernel.evaluate(evalIds);
      const record: EpochRecord = { epoch, clsLoss, contrLoss, essLoss, accuracy: held.accuracy, contractionSatisfied: held.satisfied };
      history.push(record);
      options.onEpoch?.(record);
      if (!best || held.loss < best.loss - 1e-9) {
        best = { loss: held.loss, epoch, weights: await kernel.readWeights(), accuracy: held.accuracy, satisfied: held.satisfied };
      } else if (settings.patience > 0 && epoch - best.epoch >= settings.patience) {
        stoppedEarly = true;
        break;
      }
      if (options.yieldToHost) await options.yieldToHost();
    }
  } finally {
    kernel.dispose();
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
