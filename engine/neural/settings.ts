import type { RunConfig } from '../config/types';
import { DEFAULT_LABELING, DEFAULT_TRAINING } from './defaults';
import type { LabelingSettings, TrainingSettings } from './types';

/** A neural run's labelling settings with defaults filled in. */
export function labelingSettings(config: Readonly<RunConfig>): LabelingSettings {
  return { ...DEFAULT_LABELING, ...(config.filter.labels ?? {}) };
}

/** A neural run's training settings with defaults filled in; the seed follows the run's seed. */
export function trainingSettings(config: Readonly<RunConfig>): TrainingSettings {
  return { ...DEFAULT_TRAINING, seed: config.seed, ...(config.filter.training ?? {}) };
}
