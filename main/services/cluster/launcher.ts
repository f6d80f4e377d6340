import type { ClusterTarget, Manifest, Submission, WorkFolder } from './work-folder';

/**
 * Where a task stands. `done` covers every way out (completed, failed, cancelled, timed out, its
 * node died); `detail` is the scheduler's word for it, `exitCode` the task's own status where
 * anyone recorded one (null: killed outright, or its node died before it could say).
 */
export interface TaskState {
  task: number;
  state: 'pending' | 'running' | 'done';
  exitCode: number | null;
  detail: string;
}

/**
 * A way to run the job script's tasks: the variation point of `sweep --on` (a registry, see
 * launchers.ts). Both targets run the same script, so a sweep takes one code path whichever
 * runs it.
 */
export interface Launcher {
  readonly target: ClusterTarget;
  /** Starts `tasks` of `attempt`; the submission is recorded in the manifest by the caller. */
  submit(folder: WorkFolder, manifest: Manifest, attempt: number, tasks: readonly number[]): Submission;
  /** The state of each task of a submission (every one of `submission.tasks`). */
  poll(folder: WorkFolder, submission: Submission): TaskState[];
  /** Stops the submission's tasks that have not ended. */
  cancel(submission: Submission): void;
}

/** `0-3,5,7-8`: the tasks as a Slurm array list. */
export function arrayList(tasks: readonly number[]): string {
  const sorted = [...tasks].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The tasks of an array list or Slurm's `[2-5,7]` / `2-5%4` task string. */
export function parseArrayList(text: string): number[] {
  const body = text.replace(/^\[|\]$/g, '').replace(/%\d+$/, '');
  const out: number[] = [];
  for (const part of body.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let t = from; t <= to; t++) out.push(t);
  }
  return out;
}
