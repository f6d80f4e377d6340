import { spawnSync } from 'node:child_process';
import { ServiceError } from '../errors';
import { arrayList, parseArrayList, type Launcher, type TaskState } from './launcher';
import type { Manifest, Submission, WorkFolder } from './work-folder';

/** Runs one Slurm command; injectable so the parsing is tested without a cluster. */
export type SlurmExec = (command: string, args: readonly string[]) => { status: number | null; stdout: string; stderr: string; error?: Error };

export const spawnExec: SlurmExec = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
};

/** Scheduler states in which a task has not ended (squeue's and sacct's words). */
const WAITING = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'SUSPENDED', 'STOPPED', 'SPECIAL_EXIT']);
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'RESIZING', 'SIGNALING', 'STAGE_OUT']);

function stateOf(word: string): TaskState['state'] {
  const w = word.split(/\s+/)[0].toUpperCase();
  if (WAITING.has(w)) return 'pending';
  if (RUNNING.has(w)) return 'running';
  return 'done';
}

interface Seen {
  state: TaskState['state'];
  detail: string;
  exitCode: number | null;
}

/**
 * `sweep --on slurm`: one job array per attempt (`sbatch --array`), its tasks' states from
 * `squeue` while Slurm remembers them and from `sacct` after, as JSON where this Slurm was
 * built with the JSON plugin (`squeue --json`, `sacct --json`) and from the parsable text
 * formats otherwise. Which form works is found out once, on first use.
 */
export class SlurmLauncher implements Launcher {
  readonly target = 'slurm' as const;
  private squeueJson: boolean | undefined;
  private sacctForm: 'json' | 'text' | 'none' | undefined;

  constructor(private readonly exec: SlurmExec = spawnExec) {}

  submit(folder: WorkFolder, manifest: Manifest, attempt: number, tasks: readonly number[]): Submission {
    const max = manifest.settings.arrayMax !== undefined ? `%${manifest.settings.arrayMax}` : '';
    const args = [
      '--parsable',
      `--array=${arrayList(tasks)}${max}`,
      `--output=${folder.log(0, attempt, 'out').replace('task-0.', 'task-%a.')}`,
      `--error=${folder.log(0, attempt, 'err').replace('task-0.', 'task-%a.')}`,
      ...manifest.settings.sbatchArgs,
      folder.jobScript,
      String(attempt),
    ];
    const r = this.exec('sbatch', args);
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : r.stderr.trim() || `exit status ${r.status}`;
      throw new ServiceError('BAD_REQUEST', `sbatch refused the job array: ${why.split('\n')[0]}`);
    }
    // `--parsable` prints "JOBID" or "JOBID;CLUSTER".
    const jobId = r.stdout.trim().split(';')[0];
    if (!/^\d+$/.test(jobId)) throw new ServiceError('BAD_REQUEST', `sbatch printed no job id (${r.stdout.trim()})`);
    return { attempt, tasks: [...tasks], submittedAt: new Date().toISOString(), jobId };
  }

  poll(folder: WorkFolder, submission: Submission): TaskState[] {
    const jobId = submission.jobId!;
    let seen: Map<number, Seen>;
    try {
      seen = this.fromSqueue(jobId);
    } catch (error) {
      // squeue did not answer (slurmctld busy or restarting): nothing is known but what the
      // tasks wrote themselves, and a task is not given up for that.
      const why = error instanceof Error ? error.message : String(error);
      return submission.tasks.map((task): TaskState => {
        const own = folder.readExit(task, submission.attempt);
        return own !== null ? { task, state: 'done', exitCode: own, detail: 'ENDED' } : { task, state: 'running', exitCode: null, detail: `UNKNOWN (${why})` };
      });
    }
    const missing = submission.tasks.filter((t) => !seen.has(t));
    if (missing.length > 0) for (const [t, s] of this.fromSacct(jobId)) if (!seen.has(t)) seen.set(t, s);
    return submission.tasks.map((task): TaskState => {
      const own = folder.readExit(task, submission.attempt);
      const s = seen.get(task);
      if (!s) {
        // Forgotten by squeue and unknown to sacct (no accounting): the script's own exit file
        // says it ended; without one, it died without a word (its node, say).
        return own !== null ? { task, state: 'done', exitCode: own, detail: 'ENDED' } : { task, state: 'done', exitCode: null, detail: 'GONE (no exit status recorded; its node may have died)' };
      }
      // The script's own status beats Slurm's, which says 0:15 for a task killed by scancel and
      // 0 for one cancelled before it started: only a task that ended by itself has a code.
      const slurms = /^(COMPLETED|FAILED)/.test(s.detail) ? s.exitCode : null;
      return { task, state: s.state, exitCode: s.state === 'done' ? (own ?? slurms) : null, detail: s.detail };
    });
  }

  cancel(submission: Submission): void {
    const r = this.exec('scancel', [submission.jobId!]);
    if (r.error || r.status !== 0) throw new ServiceError('BAD_REQUEST', `scancel ${submission.jobId}: ${(r.error?.message ?? r.stderr.trim()).split('\n')[0]}`);
  }

  /** Task -> state for the array's tasks squeue still lists. */
  private fromSqueue(jobId: string): Map<number, Seen> {
    const out = new Map<number, Seen>();
    if (this.squeueJson !== false) {
      // Slurm 22.05's --json ignores --jobs (it lists every job of the user): filtered below.
      const r = this.exec('squeue', ['--json', '--me']);
      const doc = r.status === 0 ? parseJson(r.stdout) : undefined;
      if (doc && Array.isArray((doc as { jobs?: unknown }).jobs)) {
        this.squeueJson = true;
        for (const j of (doc as { jobs: Record<string, unknown>[] }).jobs) {
          if (String(j.array_job_id) !== jobId) continue;
          const word = String(j.job_state ?? '');
          // exit_code is the wait status: the code in the high byte.
          const raw = typeof j.exit_code === 'number' ? j.exit_code : null;
          const seen: Seen = { state: stateOf(word), detail: word, exitCode: raw === null ? null : raw >> 8 };
          const tasks = typeof j.array_task_id === 'number' ? [j.array_task_id] : parseArrayList(String(j.array_task_string ?? ''));
          for (const t of tasks) out.set(t, seen);
        }
        return out;
      }
      // No JSON plugin (or no --json at all): the text format from now on.
      this.squeueJson = false;
    }
    // `-r`: one line per array task, pending ones included.
    const r = this.exec('squeue', ['--noheader', '--array', '--me', `--jobs=${jobId}`, '--format=%K|%T']);
    // A job squeue has forgotten is "Invalid job id": none of its tasks is queued any more.
    if (r.status !== 0 && /invalid job id/i.test(r.stderr)) return out;
    if (r.error || r.status !== 0) throw new Error(`squeue: ${(r.error?.message ?? r.stderr.trim()).split('\n')[0] || `exit status ${r.status}`}`);
    for (const line of r.stdout.split('\n')) {
      const [task, word] = line.trim().split('|');
      if (task === undefined || word === undefined || !/^\d+$/.test(task)) continue;
      out.set(Number(task), { state: stateOf(word), detail: word, exitCode: null });
    }
    return out;
  }

  /** Task -> state from accounting, for the tasks squeue has forgotten; empty without accounting. */
  private fromSacct(jobId: string): Map<number, Seen> {
    const out = new Map<number, Seen>();
    if (this.sacctForm === 'none') return out;
    if (this.sacctForm !== 'text') {
      const r = this.exec('sacct', ['--json', `--jobs=${jobId}`]);
      const doc = r.status === 0 ? parseJson(r.stdout) : undefined;
      if (doc && Array.isArray((doc as { jobs?: unknown }).jobs)) {
        this.sacctForm = 'json';
        for (const j of (doc as { jobs: { array?: { job_id?: number; task_id?: number }; state?: { current?: string }; exit_code?: { return_code?: number } }[] }).jobs) {
          if (String(j.array?.job_id) !== jobId || typeof j.array?.task_id !== 'number') continue;
          const word = String(j.state?.current ?? '');
          out.set(j.array.task_id, { state: stateOf(word), detail: word, exitCode: j.exit_code?.return_code ?? null });
        }
        return out;
      }
      if (/disabled/i.test(r.stderr)) {
        this.sacctForm = 'none';
        return out;
      }
    }
    const r = this.exec('sacct', ['--parsable2', '--noheader', '--allocations', `--jobs=${jobId}`, '--format=JobID,State,ExitCode']);
    if (r.status !== 0) {
      if (/disabled/i.test(r.stderr)) this.sacctForm = 'none';
      return out;
    }
    this.sacctForm = 'text';
    for (const line of r.stdout.split('\n')) {
      // "123_4|COMPLETED|0:0": the job id, the task, the state, exit code:signal.
      const [id, word, exit] = line.trim().split('|');
      const m = /^(\d+)_(\d+)$/.exec(id ?? '');
      if (!m || m[1] !== jobId || word === undefined) continue;
      const code = Number((exit ?? '').split(':')[0]);
      out.set(Number(m[2]), { state: stateOf(word), detail: word, exitCode: Number.isInteger(code) ? code : null });
    }
    return out;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
