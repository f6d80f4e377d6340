/** Sweeps as tasks of one job script, on Slurm or as local processes (docs/cluster.md). */
import type { Launcher } from './launcher';
import { LocalLauncher } from './local-launcher';
import { SlurmLauncher } from './slurm-launcher';
import type { ClusterTarget } from './work-folder';

export { cancelClusterSweep, clusterTargetOf, resumeClusterSweep, submitClusterSweep, type ClusterOptions, type SubmitOptions } from './cluster-sweep';
export { mergeShard, type MergeOutcome, type ShardRun } from './shard-merge';
export { SlurmLauncher, type SlurmExec } from './slurm-launcher';
export { LocalLauncher } from './local-launcher';
export { arrayList, parseArrayList, type Launcher, type TaskState } from './launcher';
export { WorkFolder, type ClusterTarget, type Manifest, type SlurmSettings, type Submission } from './work-folder';

/** `--on`: each target's launcher, one entry a target (the variation point is this table). */
const LAUNCHERS: Record<ClusterTarget, (o: { jobs: number }) => Launcher> = {
  slurm: () => new SlurmLauncher(),
  local: ({ jobs }) => new LocalLauncher(jobs),
};

export const CLUSTER_TARGETS = Object.keys(LAUNCHERS) as ClusterTarget[];

export function launcherFor(target: ClusterTarget, options: { jobs: number }): Launcher {
  return LAUNCHERS[target](options);
}
