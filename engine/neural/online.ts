import { createFusedKernel } from './fused-kernel';
import type { FilterModel, LabelGroup, TrainingSettings } from './types';

/** One optimiser step of an online update: the loss parts measured before the step. */
export interface OnlineStepLoss {
  readonly contrLoss: number;
  readonly essLoss: number;
}

export interface OnlineUpdate {
  /** The filter after the update: the same feature map, new weights. */
  readonly model: FilterModel;
  readonly losses: readonly OnlineStepLoss[];
}

/**
 * The last step of seed 000's enhanced workflow (section 1.5), "update filter parameters to
 * enforce contraction conditions": `steps` Adam steps from the filter's current weights on
 * lambda L_contr + mu L_ess (losses.ts) over the current candidates, against a reference estimate
 * the caller chooses (`reference`: the generation-0 estimate on real data, a held-out real
 * sample's mean, or the truth in a simulation study). The candidates carry no labels, so L_cls is
 * 0 and only the contraction and ESS terms move the weights. Runs on the fused float64 kernels:
 * no tensors, and the same inputs give the same weights bit for bit. Adam starts afresh at each
 * update (its moments are not carried between updates).
 */
export async function onlineUpdate(
  model: FilterModel,
  candidates: Float64Array,
  reference: readonly number[],
  settings: Readonly<TrainingSettings>,
  steps: number,
): Promise<OnlineUpdate> {
  const d = model.dim;
  if (reference.length !== d) throw new RangeError(`online update: the reference has ${reference.length} numbers, the filter's dimension is ${d}`);
  const n = candidates.length / d;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`online update: expected candidates as n x ${d} numbers, got ${candidates.length}`);
  const group: LabelGroup = { generation: 0, estimate: reference, dim: d, candidates, labels: new Int8Array(n).fill(-1), reference };
  const kernel = createFusedKernel([group], model.features, { ...settings, hidden: model.weights.hidden });
  kernel.setWeights(model.weights);
  const losses: OnlineStepLoss[] = [];
  for (let s = 0; s < steps; s++) {
    kernel.step([0]);
    // One step since the last call: these are this step's losses, measured before it.
    const [, contrLoss, essLoss] = await kernel.takeEpochLosses();
    losses.push({ contrLoss, essLoss });
  }
  const weights = await kernel.readWeights();
  return { model: { ...model, weights }, losses };
}
