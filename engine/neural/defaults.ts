import type { LabelingSettings, TrainingSettings } from './types';

/** docs/experiments.md section 4: K = 20 label generations of 1000 candidates, contamination 0.3. */
export const DEFAULT_LABELING: Readonly<LabelingSettings> = Object.freeze({ generations: 20, candidates: 1000, contamination: 0.3 });

/** docs/experiments.md section 4: lambda 1, mu 0.1, c 0.1, tau 0.2, 128 hidden units, Adam 1e-3, 200 epochs. */
export const DEFAULT_TRAINING: Readonly<TrainingSettings> = Object.freeze({
  lambda: 1,
  mu: 0.1,
  c: 0.1,
  tau: 0.2,
  hidden: 128,
  epochs: 200,
  learningRate: 1e-3,
  groupsPerBatch: 4,
  heldOut: 0.2,
  patience: 40,
  seed: 1,
});
