/** The tiny FilterNet training the WebGPU tests run on each backend (shared with webgpu-child.ts). */
import { machineLabelGroups, resolveConfig, trainFilter, trainingSettings, type TrainingResult } from '../../engine';
import { loadTf, type BackendName, type BackendReport } from '../../main/engine-host';

export { releaseBackends } from '../../main/engine-host';

/**
 * 5 label generations x 100 candidates in d = 2 (one held out), FilterNet with 16 hidden units,
 * 3 epochs of 2 Adam steps (2 groups a batch): small enough for the software adapter (about a
 * second there), big enough to exercise every kernel of the loss and of Adam.
 */
export const FIXTURE_CONFIG = resolveConfig({
  name: 'webgpu-fixture',
  seed: 3,
  model: { family: 'gaussian', dim: 2, estimate: 'mean' },
  filter: { kind: 'neural', labels: { generations: 5, candidates: 100 }, training: { epochs: 3, patience: 0, hidden: 16, groupsPerBatch: 2 } },
});

/** Trains the fixture on one named step; tensorsLeft is tfjs's count after minus before (0: no leak). */
export async function webgpuTrainingFixture(backend: BackendName): Promise<{ report: BackendReport; result: TrainingResult; tensorsLeft: number }> {
  const { trainer, tf, report } = await loadTf({ prefer: backend, calibration: null });
  const before = tf?.memory().numTensors ?? 0;
  const result = await trainFilter(trainer, machineLabelGroups(FIXTURE_CONFIG), 'gaussian', trainingSettings(FIXTURE_CONFIG));
  return { report, result, tensorsLeft: (tf?.memory().numTensors ?? 0) - before };
}
