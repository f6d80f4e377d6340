import type { OptionSpec } from './args';

/** `sweep`'s options for running it as a job array (docs/cluster.md), declared once for the parser and the help. */
export const CLUSTER_OPTIONS: OptionSpec[] = [
  { name: 'on', type: 'string', value: 'slurm|local', help: 'run the points as tasks of one job script: a Slurm job array, or processes here' },
  { name: 'workdir', type: 'string', value: 'DIR', help: 'a folder every compute node sees: job script, configs, shards, logs (default ./collapse-lab-work)' },
  { name: 'partition', type: 'string', value: 'NAME', help: 'sbatch --partition' },
  { name: 'time', type: 'string', value: 'LIMIT', help: 'sbatch --time, per task (e.g. 2:00:00)' },
  { name: 'cpus', type: 'string', value: 'N', help: "sbatch --cpus-per-task, and each run's --threads (default 1)" },
  { name: 'mem', type: 'string', value: 'SIZE', help: 'sbatch --mem, per task (e.g. 4G)' },
  { name: 'array-max', type: 'string', value: 'N', help: 'at most N array tasks at once (--array=...%N)' },
  { name: 'sbatch-arg', type: 'string', multiple: true, value: 'ARG', help: 'passed to sbatch as it is (e.g. --sbatch-arg=--account=lab); repeatable' },
  { name: 'setup', type: 'string', multiple: true, value: 'LINE', help: "a shell line the job script runs first (e.g. 'module load nodejs/20'); repeatable" },
  { name: 'chunk', type: 'string', value: 'N', help: 'grid points per task (default 1: one task per point)' },
  { name: 'jobs', type: 'string', value: 'N', help: '--on local: at most N tasks at once (default 2)' },
  { name: 'resume', type: 'string', value: 'SWEEP_ID', help: 'merge what finished, wait for what runs, resubmit what failed or never ran' },
  { name: 'cancel', type: 'string', value: 'SWEEP_ID', help: "scancel the sweep's tasks (local ones: SIGTERM)" },
];
