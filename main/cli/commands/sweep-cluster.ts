import { resolve } from 'node:path';
import { formatPoint } from '../../services';
import {
  cancelClusterSweep,
  clusterTargetOf,
  launcherFor,
  resumeClusterSweep,
  submitClusterSweep,
  CLUSTER_TARGETS,
  type ClusterOptions,
  type ClusterTarget,
  type SlurmSettings,
} from '../../services/cluster';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { openCliStore, openExistingStore } from '../store-access';
import { pointLine, printSweepResults, sweepCommand, sweepRequest } from './sweep';

/** Where the work folders go without --workdir: beside where the command was typed. */
export const DEFAULT_WORKDIR = 'collapse-lab-work';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function positiveInteger(option: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`sweep: --${option} expects a positive integer, got "${text}"`);
  return n;
}

function target(text: string | undefined, fallback?: ClusterTarget): ClusterTarget {
  if (text === undefined) {
    if (fallback) return fallback;
    throw new UsageError(`sweep: give --on ${CLUSTER_TARGETS.join('|')}`);
  }
  if (!(CLUSTER_TARGETS as readonly string[]).includes(text)) throw new UsageError(`sweep: --on expects ${CLUSTER_TARGETS.join(' or ')}, got "${text}"`);
  return text as ClusterTarget;
}

function settingsOf(options: CliOptions): SlurmSettings {
  return {
    partition: options.partition,
    time: options.time,
    cpus: positiveInteger('cpus', options.cpus, 1),
    mem: options.mem,
    arrayMax: options['array-max'] === undefined ? undefined : positiveInteger('array-max', options['array-max'], 1),
    sbatchArgs: options['sbatch-arg'],
    setup: options.setup,
  };
}

/** The options the collector shares between a submission and a resume: progress on stderr. */
function collectorOptions(options: CliOptions, io: CliIo, on: ClusterTarget, workdir: string): ClusterOptions {
  const showProgress = options.progress || io.stderrIsTTY;
  return {
    launcher: launcherFor(on, { jobs: positiveInteger('jobs', options.jobs, 2) }),
    workdir,
    pollMs: positiveInteger('poll-ms', io.env.COLLAPSE_LAB_POLL_MS, on === 'slurm' ? 2000 : 250),
    signal: io.signal,
    onSubmitted: (s) => {
      if (!showProgress) return;
      const how = s.jobId === null ? 'as local processes' : `as Slurm job array ${s.jobId}`;
      io.stderr(`sweep ${s.sweepId} attempt ${s.attempt}: ${plural(s.points, 'point')} in ${plural(s.tasks, 'task')} ${how}; work folder ${s.folder}\n`);
    },
    onQueue: (c) => {
      if (showProgress) io.stderr(`queue: ${c.pending} pending, ${c.running} running, ${c.done} ended\n`);
    },
    onPoint: (r, total) => {
      // A point left without a run was named by onProblem, with its task's exit code.
      if (r.runId !== null && (showProgress || r.status !== 'completed')) io.stderr(pointLine(r, total, null));
    },
    // A refused shard or a task that did not end well is always reported, as a failed point is.
    onProblem: (line) => io.stderr(`${line}\n`),
  };
}

/** The options that mean something only with --on, --resume or --cancel. */
const CLUSTER_ONLY = ['partition', 'time', 'cpus', 'mem', 'array-max', 'workdir', 'chunk', 'jobs'] as const;

/**
 * `sweep`: in this process, or with --on / --resume / --cancel as tasks of a job script. An
 * option of the latter given without them is refused rather than silently ignored.
 */
export function sweepOrClusterSweep(options: CliOptions, io: CliIo): Promise<number> {
  if (options.on !== undefined || options.resume !== undefined || options.cancel !== undefined) return clusterSweepCommand(options, io);
  const stray = [...CLUSTER_ONLY.filter((name) => options[name] !== undefined), ...(options['sbatch-arg'].length > 0 ? ['sbatch-arg'] : []), ...(options.setup.length > 0 ? ['setup'] : [])];
  if (stray.length > 0) throw new UsageError(`sweep: --${stray[0]} applies only with --on slurm|local (docs/cluster.md)`);
  return sweepCommand(options, io);
}

/**
 * `sweep ... --on slurm|local [--partition P] [--time T] [--cpus N] [--mem M] [--array-max N]
 * [--workdir DIR] [--sbatch-arg ARG]... [--setup LINE]... [--chunk N] [--jobs N]`, `sweep
 * --resume SWEEP_ID` and `sweep --cancel SWEEP_ID` (docs/cluster.md): the sweep as tasks of one
 * job script, each writing its own shard, merged back into the store as they end.
 */
export async function clusterSweepCommand(options: CliOptions, io: CliIo): Promise<number> {
  const workdir = resolve(io.cwd, options.workdir ?? DEFAULT_WORKDIR);
  const modes = [options.resume !== undefined, options.cancel !== undefined, options.preset !== undefined || options.config !== undefined].filter(Boolean).length;
  if (modes > 1) throw new UsageError('sweep: give one of a new sweep (--preset/--config), --resume SWEEP_ID or --cancel SWEEP_ID');

  if (options.cancel !== undefined) {
    const on = target(options.on, readTarget(workdir, options.cancel));
    const count = cancelClusterSweep(options.cancel, { launcher: launcherFor(on, { jobs: 1 }), workdir });
    io.stdout(options.json ? `${JSON.stringify({ sweepId: options.cancel, cancelled: count })}\n` : `sweep ${options.cancel}: cancelled ${plural(count, 'submission')}; \`sweep --resume ${options.cancel}\` collects what finished\n`);
    return EXIT_OK;
  }

  if (options.resume !== undefined) {
    const on = target(options.on, readTarget(workdir, options.resume));
    const store = openExistingStore(options, io);
    try {
      const results = await resumeClusterSweep(store, options.resume, collectorOptions(options, io, on, workdir));
      return printSweepResults(results, store.file, options, io);
    } finally {
      store.close();
    }
  }

  const on = target(options.on);
  const request = sweepRequest(options, io);
  const settings = settingsOf(options);
  const store = openCliStore(options, io);
  try {
    const results = await submitClusterSweep(store, request, { ...collectorOptions(options, io, on, workdir), settings, chunk: positiveInteger('chunk', options.chunk, 1) });
    return printSweepResults(results, store.file, options, io);
  } finally {
    store.close();
  }
}

function readTarget(workdir: string, sweepId: string): ClusterTarget {
  try {
    return clusterTargetOf(workdir, sweepId);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}


