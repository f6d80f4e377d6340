import { TrainingAborted, type AbortSignalLike, type EpochRecord, type LabelGroup, type TrainingResult, type TrainingSettings } from '../../engine';
import type { Trainer } from '../engine-host';
import type { FilterRecord, WritableRunStore } from '../store';

export interface TrainRequest {
  name: string;
  labelSetId: string | null;
  family: string;
  groups: readonly LabelGroup[];
  settings: TrainingSettings;
}

export interface TrainCallbacks {
  onEpoch?: (record: EpochRecord) => void;
  signal?: AbortSignalLike;
  /** Called with the filter's id as soon as its row exists, before the first epoch. */
  onCreated?: (filterId: string) => void;
}

export interface TrainOutcome {
  readonly filter: FilterRecord;
  readonly result: TrainingResult | null;
  readonly message: string | null;
}

/**
 * Trains a filter and stores it as it goes: the filter row first (status `training`), each
 * epoch as it ends (so a reader sees the curves grow), then `ready` with the model, or
 * `failed` / `interrupted` with the reason. The stored model is what `filter.id` reuses.
 */
export async function trainAndStoreFilter(
  store: WritableRunStore,
  trainer: Trainer,
  request: TrainRequest,
  callbacks: TrainCallbacks = {},
): Promise<TrainOutcome> {
  const filter = store.createFilter({
    name: request.name,
    labelSetId: request.labelSetId,
    settings: request.settings,
    backend: await trainer.backend(),
  });
  callbacks.onCreated?.(filter.id);
  try {
    const result = await trainer.train(request.groups, request.family, request.settings, {
      signal: callbacks.signal,
      onEpoch: (record) => {
        store.appendTrainingEpochs(filter.id, [record]);
        callbacks.onEpoch?.(record);
      },
    });
    store.finishFilter(filter.id, 'ready', {
      model: result.model,
      metrics: {
        bestEpoch: result.bestEpoch,
        epochsRun: result.history.length,
        stoppedEarly: result.stoppedEarly,
        heldOutAccuracy: result.heldOutAccuracy,
        heldOutContraction: result.heldOutContraction,
        explainedVariance: result.model.features.explainedVariance,
      },
    });
    return { filter: store.getFilter(filter.id)!, result, message: null };
  } catch (error) {
    const interrupted = error instanceof TrainingAborted;
    const message = error instanceof Error ? error.message : String(error);
    store.finishFilter(filter.id, interrupted ? 'interrupted' : 'failed', { error: message });
    return { filter: store.getFilter(filter.id)!, result: null, message };
  }
}
