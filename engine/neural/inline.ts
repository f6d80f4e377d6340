import type { RunConfig } from '../config/types';
import { applyMachineLabels, drawLabelCandidates } from './machine-labels';
import { labelingSettings, trainingSettings } from './settings';
import { trainFilter, type TrainOptions, type TrainingEngine } from './train';
import type { LabelGroup, TrainingResult } from './types';

/** Machine-labelled candidate groups for a neural run's own model (docs/experiments.md section 4). */
export function machineLabelGroups(config: Readonly<RunConfig>): LabelGroup[] {
  const labeling = labelingSettings(config);
  return applyMachineLabels(config, drawLabelCandidates(config, labeling, config.seed), labeling.contamination);
}

/**
 * What a neural run without `filter.id` does first: machine labels from its own model, then
 * training with its `filter.training` settings.
 */
export function trainInlineFilter(engine: TrainingEngine, config: Readonly<RunConfig>, options: TrainOptions = {}): Promise<TrainingResult> {
  return trainFilter(engine, machineLabelGroups(config), config.model.family, trainingSettings(config), options);
}
