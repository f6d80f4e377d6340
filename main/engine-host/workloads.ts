import { resolveConfig, machineLabelGroups, trainFilter, trainingSettings, type TrainingEngine } from '../../engine';
import type { BackendName } from './backend-names';

/**
 * The backend per workload (issue 17): which steps of the chain a workload can train on, in the
 * order assumed before anything is measured here, and a short timed probe that a calibration
 * runs on every step that loads to order them by measured speed on this machine instead.
 */
export interface WorkloadProfile {
  readonly name: WorkloadName;
  readonly description: string;
  /** The steps it can use, fastest first as measured so far (bench B4 for FilterNet). */
  readonly prior: readonly BackendName[];
  /**
   * A few training steps, run once untimed (shader compilation, first allocations) and then timed
   * by the calibration. Undefined until the workload exists: then the prior order decides.
   */
  readonly probe?: (engine: TrainingEngine) => Promise<{ steps: number }>;
}

export type WorkloadName = 'filternet-points' | 'cvae';

/**
 * FilterNet's probe at the shapes of a real training (1000 candidates a generation, 4 groups a
 * batch, 128 hidden units: a smaller probe is dominated by per-op overheads and ranks the
 * backends wrongly), but short: 9 label generations, 2 held out, 7 trained on in 2 batches an
 * epoch (4 + 3 groups), 2 epochs: 4 Adam steps and 2 held-out evaluations.
 */
const PROBE_CONFIG = resolveConfig({
  name: 'calibration',
  seed: 1,
  model: { family: 'gaussian', dim: 2, estimate: 'mean' },
  filter: { kind: 'neural', labels: { generations: 9, candidates: 1000 }, training: { epochs: 2, patience: 0 } },
});
const PROBE_STEPS_PER_EPOCH = 2;
let probeGroups: ReturnType<typeof machineLabelGroups> | undefined;

export const WORKLOADS: Readonly<Record<WorkloadName, WorkloadProfile>> = {
  'filternet-points': {
    name: 'filternet-points',
    description: 'FilterNet (2-layer MLP over point features) trained on labelled generations of points',
    // The fused float64 loops beat tfjs's WebAssembly backend about 5x (B4), and a GPU cannot win
    // on a 128-unit MLP whose steps are a few kernel launches each; the GPU comes after them.
    prior: ['tfjs-node-gpu', 'tfjs-node', 'fused', 'webgpu', 'wasm', 'cpu'],
    probe: async (engine) => {
      const settings = trainingSettings(PROBE_CONFIG);
      const result = await trainFilter(engine, (probeGroups ??= machineLabelGroups(PROBE_CONFIG)), 'gaussian', settings);
      return { steps: result.history.length * PROBE_STEPS_PER_EPOCH };
    },
  },
  cvae: {
    name: 'cvae',
    // Hook for issue 16: a conditional VAE is matrix products over batches, where a GPU wins;
    // the fused kernels are FilterNet's alone. `probe` arrives with the model.
    description: 'conditional VAE over generated samples (issue 16; not built yet)',
    prior: ['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'wasm', 'cpu'],
  },
};

/** The workload every training of today is: FilterNet on points. */
export const DEFAULT_WORKLOAD: WorkloadName = 'filternet-points';

export function isWorkloadName(value: string): value is WorkloadName {
  return Object.hasOwn(WORKLOADS, value);
}
