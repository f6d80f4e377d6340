import { chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AbortSignalLike } from '../../../engine';
import { reopenSweep, type RunStore } from '../../store';
import { ServiceError } from '../errors';
import { formatPoint } from '../sweep-grid';
import { prepareSweep, type SweepRequest } from '../sweep';
import { loadSweepResults, type SweepPointResult, type SweepResults } from '../sweep-results';
import { jobScript } from './job-script';
import type { Launcher, TaskState } from './launcher';
import { mergeShard } from './shard-merge';
import { WorkFolder, writeAtomically, MANIFEST_FORMAT, MANIFEST_VERSION, type ClusterTarget, type Manifest, type SlurmSettings, type Submission } from './work-folder';

/** The repository the job script runs the CLI from: the compute node must see this path. */
const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface ClusterOptions {
  launcher: Launcher;
  /** The shared folder; the sweep's own folder is WORKDIR/SWEEP_ID. */
  workdir: string;
  /** Between two looks at the queue. */
  pollMs?: number;
  /**
   * Stops the collector: local tasks are stopped with it; Slurm tasks run on (they may hold
   * days of work), and `sweep --resume` collects them later.
   */
  signal?: AbortSignalLike;
  /** The job array was submitted (or the local tasks started). */
  onSubmitted?: (info: { sweepId: string; folder: string; attempt: number; tasks: number; points: number; jobId: string | null }) => void;
  /** The queue changed: how many tasks wait, run, and have ended. */
  onQueue?: (counts: { pending: number; running: number; done: number }) => void;
  /** A point's run was merged into the store (or its task ended without one). */
  onPoint?: (result: SweepPointResult, total: number) => void;
  /** One line for a task that did not end well, or a shard that was refused. */
  onProblem?: (line: string) => void;
}

export interface SubmitOptions extends ClusterOptions {
  settings: SlurmSettings;
  /** Grid points per task (1: one task per point). */
  chunk: number;
}

function chunks(count: number, size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < count; i += size) out.push(Array.from({ length: Math.min(size, count - i) }, (_, k) => i + k));
  return out;
}

/**
 * `sweep --on slurm|local`: checks the whole sweep (prepareSweep), creates the sweep in the
 * store, writes the work folder (work-folder.ts) and the job script, submits one task per
 * chunk of points, then collects: each task's shard is merged into the store as the task
 * ends, so the app shows the points as they land. Every point's config is the one the
 * in-process sweep would run, seed included, so the three ways give the same numbers.
 */
export async function submitClusterSweep(store: RunStore, request: Readonly<SweepRequest>, options: SubmitOptions): Promise<SweepResults> {
  const plan = prepareSweep(request, store);
  // A task's shard starts empty: a filter stored here is not there to reuse.
  const reuses = plan.points.find((p) => p.config.filter.kind === 'neural' && p.config.filter.id !== undefined);
  if (reuses) {
    throw new ServiceError('BAD_REQUEST', `filter.id=${reuses.config.filter.id}: a sweep on a cluster cannot reuse a stored filter yet (each task's shard starts empty); leave filter.id out to train one per point`);
  }
  if (!Number.isInteger(options.chunk) || options.chunk < 1) throw new ServiceError('BAD_REQUEST', `--chunk: expected a positive integer, got ${options.chunk}`);
  const sweep = store.createSweep({ name: plan.name, preset: plan.base.preset ?? null, base: plan.base, grid: plan.grid, window: plan.window });
  const folder = WorkFolder.of(resolve(options.workdir), sweep.id);
  try {
    folder.create(plan.points);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      sweepId: sweep.id,
      store: store.file,
      on: options.launcher.target,
      node: process.execPath,
      repo: REPO_ROOT,
      settings: options.settings,
      points: plan.points.map((p, index) => ({ index, point: p.point })),
      tasks: chunks(plan.points.length, options.chunk),
      submissions: [],
    };
    folder.writeManifest(manifest);
    writeJobScript(folder, manifest);
    const all = manifest.tasks.map((_, k) => k);
    submit(folder, manifest, options, all);
    return await collect(store, folder, manifest, options, manifest.submissions.slice());
  } catch (error) {
    if (store.getSweep(sweep.id)?.status === 'running') store.finishSweep(sweep.id, 'failed');
    throw error;
  }
}

function writeJobScript(folder: WorkFolder, manifest: Manifest): void {
  // Through a temporary file: the script is whole or absent.
  writeAtomically(folder.jobScript, jobScript(manifest, folder));
  chmodSync(folder.jobScript, 0o755);
}

function submit(folder: WorkFolder, manifest: Manifest, options: ClusterOptions, tasks: readonly number[], points?: ReadonlyMap<number, number[]>): Submission {
  const attempt = manifest.submissions.length;
  for (const task of tasks) folder.writeTaskPoints(attempt, task, points?.get(task) ?? manifest.tasks[task]);
  const submission = options.launcher.submit(folder, manifest, attempt, tasks);
  manifest.submissions.push(submission);
  folder.writeManifest(manifest);
  const count = tasks.reduce((n, t) => n + (points?.get(t) ?? manifest.tasks[t]).length, 0);
  options.onSubmitted?.({ sweepId: manifest.sweepId, folder: folder.dir, attempt, tasks: tasks.length, points: count, jobId: submission.jobId });
  return submission;
}

/**
 * `sweep --resume SWEEP_ID`: merges every shard that finished (a refused one is named and
 * left), waits for tasks still queued or running, and resubmits, as a new attempt, every point
 * whose run in the store did not complete (failed, interrupted, killed, never run).
 */
export async function resumeClusterSweep(store: RunStore, sweepId: string, options: ClusterOptions): Promise<SweepResults> {
  const folder = WorkFolder.of(resolve(options.workdir), sweepId);
  const manifest = folder.readManifest();
  if (!store.getSweep(sweepId)) throw new ServiceError('BAD_REQUEST', `no sweep '${sweepId}' in ${store.file} (it was submitted from ${manifest.store})`);
  reopenSweep(store, sweepId);
  try {
    // Attempt by attempt, oldest first: a later attempt's run of a point is its latest.
    const live: Submission[] = [];
    for (const submission of manifest.submissions) {
      const states = options.launcher.poll(folder, submission);
      for (const s of states) if (s.state === 'done') mergeTask(store, folder, manifest, submission, s, options, false);
      const waiting = submission.tasks.filter((t) => states.find((s) => s.task === t)?.state !== 'done');
      if (waiting.length > 0) live.push({ ...submission, tasks: waiting });
    }
    const busy = new Set(live.flatMap((s) => s.tasks.flatMap((t) => taskPoints(folder, manifest, s.attempt, t))));
    const results = loadSweepResults(store, sweepId);
    const redo = results.points.filter((p) => p.status !== 'completed' && !busy.has(p.index)).map((p) => p.index);
    const byTask = new Map<number, number[]>();
    for (const index of redo) {
      const task = manifest.tasks.findIndex((points) => points.includes(index));
      byTask.set(task, [...(byTask.get(task) ?? []), index]);
    }
    const submissions = [...live];
    if (byTask.size > 0) submissions.push(submit(folder, manifest, options, [...byTask.keys()], byTask));
    return await collect(store, folder, manifest, options, submissions);
  } catch (error) {
    if (store.getSweep(sweepId)?.status === 'running') store.finishSweep(sweepId, 'failed');
    throw error;
  }
}

/** `sweep --cancel SWEEP_ID`: scancel (or SIGTERM) every submission of the sweep; returns how many. */
export function cancelClusterSweep(sweepId: string, options: Pick<ClusterOptions, 'launcher' | 'workdir'>): number {
  const folder = WorkFolder.of(resolve(options.workdir), sweepId);
  const manifest = folder.readManifest();
  for (const submission of manifest.submissions) options.launcher.cancel(submission);
  return manifest.submissions.length;
}

/** The target a sweep was submitted to, from its manifest (for --resume and --cancel). */
export function clusterTargetOf(workdir: string, sweepId: string): ClusterTarget {
  return WorkFolder.of(resolve(workdir), sweepId).readManifest().on;
}

function taskPoints(folder: WorkFolder, manifest: Manifest, attempt: number, task: number): number[] {
  return folder.readTaskPoints(attempt, task) ?? manifest.tasks[task];
}

/**
 * Merges what one ended task made: the runs of its points whose `run --json` says completed
 * or failed (an interrupted or killed point has no finished run, and is rerun by --resume).
 * Reports each point, and one line for a task that did not end well (`report`: not when a
 * resume merges earlier attempts again).
 */
function mergeTask(store: RunStore, folder: WorkFolder, manifest: Manifest, submission: Submission, state: TaskState, options: ClusterOptions, report = true): void {
  const points = taskPoints(folder, manifest, submission.attempt, state.task);
  const finished = points.flatMap((index) => {
    const result = folder.readResult(index, submission.attempt);
    return result && (result.status === 'completed' || result.status === 'failed') ? [{ index, runId: result.runId, point: manifest.points[index].point }] : [];
  });
  const outcome = mergeShard(store, manifest.sweepId, folder.shard(state.task, submission.attempt), finished);
  if ('refused' in outcome) options.onProblem?.(outcome.refused);
  const notCompleted = points.filter((i) => folder.readResult(i, submission.attempt)?.status !== 'completed');
  // A resume merging earlier attempts names only refused shards: their tasks were named when they ended.
  if (report && (state.exitCode !== 0 || notCompleted.length > 0)) {
    const where = (notCompleted.length > 0 ? notCompleted : points).map((i) => formatPoint(manifest.points[i].point)).join('; ');
    const tail = folder.stderrTail(state.task, submission.attempt);
    options.onProblem?.(
      `task ${state.task} (attempt ${submission.attempt}, grid point ${where}) ended ${state.detail}, exit code ${state.exitCode ?? 'none'}${tail ? `: ${tail}` : ''}`,
    );
  }
  if (!report || !options.onPoint) return;
  const results = loadSweepResults(store, manifest.sweepId);
  for (const index of points) options.onPoint(results.points[index], results.points.length);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits for the submissions' tasks, merging each as it ends; then closes the sweep. */
async function collect(store: RunStore, folder: WorkFolder, manifest: Manifest, options: ClusterOptions, submissions: Submission[]): Promise<SweepResults> {
  const open = new Map(submissions.map((s) => [s.attempt, new Set(s.tasks)]));
  let last = '';
  let stopped = false;
  while ([...open.values()].some((t) => t.size > 0)) {
    if (options.signal?.aborted && !stopped) {
      stopped = true;
      // Local tasks are this process's children: stop them, and collect what they stored.
      // Slurm's run on; --resume collects them.
      if (options.launcher.target === 'local') for (const s of submissions) options.launcher.cancel(s);
      else {
        options.onProblem?.(`sweep ${manifest.sweepId}: stopped collecting; its Slurm tasks run on: \`sweep --resume ${manifest.sweepId}\` collects them, \`sweep --cancel ${manifest.sweepId}\` stops them`);
        break;
      }
    }
    const counts = { pending: 0, running: 0, done: 0 };
    for (const submission of submissions) {
      const waiting = open.get(submission.attempt)!;
      for (const state of options.launcher.poll(folder, submission)) {
        counts[state.state]++;
        if (state.state !== 'done' || !waiting.has(state.task)) continue;
        waiting.delete(state.task);
        mergeTask(store, folder, manifest, submission, state, options);
      }
    }
    const line = JSON.stringify(counts);
    if (line !== last) options.onQueue?.(counts);
    last = line;
    if ([...open.values()].some((t) => t.size > 0)) await sleep(options.pollMs ?? 1000);
  }
  const results = loadSweepResults(store, manifest.sweepId);
  const status = results.points.every((p) => p.status === 'completed')
    ? 'completed'
    : results.points.some((p) => p.status === 'failed')
      ? 'failed'
      : 'interrupted';
  store.finishSweep(manifest.sweepId, status);
  return loadSweepResults(store, manifest.sweepId);
}

/** Whether WORKDIR/SWEEP_ID holds a cluster sweep. */
export function hasClusterSweep(workdir: string, sweepId: string): boolean {
  return existsSync(WorkFolder.of(resolve(workdir), sweepId).manifestFile);
}
