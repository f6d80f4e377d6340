import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import type { Launcher, TaskState } from './launcher';
import type { Manifest, Submission, WorkFolder } from './work-folder';

interface LocalTask {
  task: number;
  child?: ChildProcess;
  /** Exit status once it ended (128 + n for a signal n, as a shell says). */
  exit?: number;
  cancelled?: boolean;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `sweep --on local`: the job script's tasks as processes on this machine, at most `jobs` at
 * once, each `bash job.sh ATTEMPT` with SLURM_ARRAY_TASK_ID set, exactly as sbatch would start
 * it, so a local sweep exercises the cluster path end to end. Each task is its own process
 * group, so a cancel reaches the run inside it as scancel's SIGTERM would.
 */
export class LocalLauncher implements Launcher {
  readonly target = 'local' as const;
  private readonly tasks = new Map<string, LocalTask>();
  private queue: { folder: WorkFolder; submission: Submission; entry: LocalTask }[] = [];
  private runningCount = 0;

  constructor(private readonly jobs: number) {}

  submit(folder: WorkFolder, _manifest: Manifest, attempt: number, tasks: readonly number[]): Submission {
    const submission: Submission = { attempt, tasks: [...tasks], submittedAt: new Date().toISOString(), jobId: null, pids: {} };
    for (const task of tasks) {
      const entry: LocalTask = { task };
      this.tasks.set(`${attempt}:${task}`, entry);
      this.queue.push({ folder, submission, entry });
    }
    this.startQueued();
    return submission;
  }

  private startQueued(): void {
    while (this.runningCount < this.jobs && this.queue.length > 0) {
      const { folder, submission, entry } = this.queue.shift()!;
      if (entry.cancelled) continue;
      const out = openSync(folder.log(entry.task, submission.attempt, 'out'), 'w');
      const err = openSync(folder.log(entry.task, submission.attempt, 'err'), 'w');
      const child = spawn('bash', [folder.jobScript, String(submission.attempt)], {
        env: { ...process.env, SLURM_ARRAY_TASK_ID: String(entry.task), SLURM_ARRAY_JOB_ID: 'local' },
        stdio: ['ignore', out, err],
        detached: true,
      });
      closeSync(out);
      closeSync(err);
      entry.child = child;
      this.runningCount++;
      if (child.pid !== undefined) submission.pids![String(entry.task)] = child.pid;
      child.on('exit', (code, signal) => {
        entry.exit = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        this.runningCount--;
        this.startQueued();
      });
      child.on('error', () => {
        entry.exit ??= 127;
      });
    }
  }

  poll(folder: WorkFolder, submission: Submission): TaskState[] {
    return submission.tasks.map((task): TaskState => {
      const entry = this.tasks.get(`${submission.attempt}:${task}`);
      if (!entry) {
        // Started by an earlier process (a resumed sweep): alive by its pid, else its exit file.
        const pid = submission.pids?.[String(task)];
        if (pid !== undefined && alive(pid)) return { task, state: 'running', exitCode: null, detail: 'RUNNING' };
        const own = folder.readExit(task, submission.attempt);
        return { task, state: 'done', exitCode: own, detail: own === null ? 'GONE (no exit status recorded)' : 'ENDED' };
      }
      if (entry.exit !== undefined) {
        // The script's own record, where it made one, as for Slurm.
        const own = folder.readExit(task, submission.attempt);
        return { task, state: 'done', exitCode: own ?? entry.exit, detail: entry.cancelled ? 'CANCELLED' : entry.exit === 0 ? 'COMPLETED' : 'FAILED' };
      }
      if (entry.cancelled && !entry.child) return { task, state: 'done', exitCode: null, detail: 'CANCELLED' };
      return entry.child ? { task, state: 'running', exitCode: null, detail: 'RUNNING' } : { task, state: 'pending', exitCode: null, detail: 'PENDING' };
    });
  }

  cancel(submission: Submission): void {
    for (const task of submission.tasks) {
      const entry = this.tasks.get(`${submission.attempt}:${task}`);
      const pid = entry?.child?.pid ?? (entry ? undefined : submission.pids?.[String(task)]);
      if (entry) entry.cancelled = true;
      if (pid === undefined || entry?.exit !== undefined) continue;
      try {
        // The whole group: the script and the run it is waiting for.
        process.kill(-pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
}
