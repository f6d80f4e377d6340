import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../../engine';
import type { SweepPoint } from '../../store';
import { ServiceError } from '../errors';

/**
 * The work folder of one cluster sweep, `WORKDIR/SWEEP_ID/` (docs/cluster.md): a folder every
 * compute node sees (on a real cluster a shared filesystem), holding what the tasks read and
 * what they write. Nothing in it is a store the collector writes: each task writes its own
 * SQLite shard, and only the collector, on the submitting machine, writes the main store.
 *
 *     sweep.json                    this manifest (points, tasks, submissions)
 *     job.sh                        the job script (job-script.ts), the same for every attempt
 *     points/p<I>.json              grid point I's validated config, as `run --config` reads it
 *     attempts/<A>/task-<K>.points  the points task K runs in attempt A
 *     shards/task-<K>.attempt-<A>.sqlite   the store task K writes in attempt A
 *     results/p<I>.attempt-<A>.json        `run --json` of point I in attempt A
 *     status/task-<K>.attempt-<A>.exit     the task's exit status, written as it ends
 *     logs/task-<K>.attempt-<A>.{out,err}  its stdout and stderr
 */

export const MANIFEST_FORMAT = 'collapse-lab-cluster-sweep';
export const MANIFEST_VERSION = 1;

/** How tasks are started: a Slurm job array, or the same script's tasks as local processes. */
export type ClusterTarget = 'slurm' | 'local';

/** The sbatch settings (`sweep --on slurm` options); undefined ones are left to the cluster. */
export interface SlurmSettings {
  partition?: string;
  time?: string;
  /** CPUs per task; also the run's `--threads`. */
  cpus: number;
  mem?: string;
  /** At most this many array tasks at once (`--array=...%N`). */
  arrayMax?: number;
  /** Passed to sbatch as they are, before the script. */
  sbatchArgs: string[];
  /** Shell lines the job script runs before the points (e.g. `module load nodejs/20`). */
  setup: string[];
}

/** One submission: which tasks ran in which attempt, under which job (or local processes). */
export interface Submission {
  attempt: number;
  tasks: number[];
  submittedAt: string;
  /** The Slurm array job id; null for local tasks. */
  jobId: string | null;
  /** Local tasks: the process id of each task, to tell on `--resume` whether it still runs. */
  pids?: Record<string, number>;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  sweepId: string;
  /** The main store the shards are merged into. */
  store: string;
  on: ClusterTarget;
  /** Absolute paths the job script runs with: the compute node must see both. */
  node: string;
  repo: string;
  settings: SlurmSettings;
  points: { index: number; point: SweepPoint }[];
  /** tasks[K]: the point indices task K runs (one point each, or chunks). */
  tasks: number[][];
  submissions: Submission[];
}

export class WorkFolder {
  constructor(readonly dir: string) {}

  static of(workdir: string, sweepId: string): WorkFolder {
    return new WorkFolder(join(workdir, sweepId));
  }

  get manifestFile(): string {
    return join(this.dir, 'sweep.json');
  }

  get jobScript(): string {
    return join(this.dir, 'job.sh');
  }

  pointConfig(index: number): string {
    return join(this.dir, 'points', `p${index}.json`);
  }

  taskPoints(attempt: number, task: number): string {
    return join(this.dir, 'attempts', String(attempt), `task-${task}.points`);
  }

  shard(task: number, attempt: number): string {
    return join(this.dir, 'shards', `task-${task}.attempt-${attempt}.sqlite`);
  }

  result(index: number, attempt: number): string {
    return join(this.dir, 'results', `p${index}.attempt-${attempt}.json`);
  }

  exitFile(task: number, attempt: number): string {
    return join(this.dir, 'status', `task-${task}.attempt-${attempt}.exit`);
  }

  log(task: number, attempt: number, stream: 'out' | 'err'): string {
    return join(this.dir, 'logs', `task-${task}.attempt-${attempt}.${stream}`);
  }

  /** Creates the folders and writes every point's config (the tasks read them, never the store). */
  create(points: readonly { config: RunConfig }[]): void {
    for (const sub of ['points', 'attempts', 'shards', 'results', 'status', 'logs']) mkdirSync(join(this.dir, sub), { recursive: true });
    points.forEach((p, i) => writeAtomically(this.pointConfig(i), `${JSON.stringify(p.config, null, 2)}\n`));
  }

  writeManifest(manifest: Manifest): void {
    writeAtomically(this.manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  }

  readManifest(): Manifest {
    if (!existsSync(this.manifestFile)) {
      throw new ServiceError('BAD_REQUEST', `no cluster sweep in ${this.dir} (give the --workdir the sweep was submitted with)`);
    }
    const manifest = JSON.parse(readFileSync(this.manifestFile, 'utf8')) as Manifest;
    if (manifest.format !== MANIFEST_FORMAT || manifest.version !== MANIFEST_VERSION) {
      throw new ServiceError('BAD_REQUEST', `${this.manifestFile} is not a version ${MANIFEST_VERSION} cluster sweep manifest`);
    }
    return manifest;
  }

  /** The points of task K in attempt A, one index a line, as the job script reads them. */
  writeTaskPoints(attempt: number, task: number, points: readonly number[]): void {
    mkdirSync(join(this.dir, 'attempts', String(attempt)), { recursive: true });
    writeAtomically(this.taskPoints(attempt, task), `${points.join('\n')}\n`);
  }

  /** The points of task K in attempt A; null before they were written. */
  readTaskPoints(attempt: number, task: number): number[] | null {
    try {
      return readFileSync(this.taskPoints(attempt, task), 'utf8').split('\n').filter((l) => l.trim() !== '').map(Number);
    } catch {
      return null;
    }
  }

  /** The exit status the task's script recorded as it ended; null while it runs or if it was killed outright. */
  readExit(task: number, attempt: number): number | null {
    try {
      const n = Number(readFileSync(this.exitFile(task, attempt), 'utf8').trim());
      return Number.isInteger(n) ? n : null;
    } catch {
      return null;
    }
  }

  /** `run --json` of a point: its run id and status; null when it never finished writing it. */
  readResult(index: number, attempt: number): { runId: string; status: string } | null {
    try {
      const doc = JSON.parse(readFileSync(this.result(index, attempt), 'utf8')) as { runId?: unknown; status?: unknown };
      return typeof doc.runId === 'string' && typeof doc.status === 'string' ? { runId: doc.runId, status: doc.status } : null;
    } catch {
      return null;
    }
  }

  /** The last `lines` lines of a task's stderr, for the line that names a failed task. */
  stderrTail(task: number, attempt: number, lines = 3): string {
    try {
      const text = readFileSync(this.log(task, attempt, 'err'), 'utf8').trimEnd();
      return text.split('\n').slice(-lines).join(' | ');
    } catch {
      return '';
    }
  }
}

/** Through a temporary name: a task never reads half a file, nor does a later --resume. */
export function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
