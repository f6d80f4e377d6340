import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { arrayList, parseArrayList, SlurmLauncher, WorkFolder, type SlurmExec, type Submission } from '../../main/services/cluster';

// The Slurm launcher's reading of squeue and sacct, against recorded answers: a Slurm built
// with the JSON plugin, and one without it (text formats), so the fallback is tested where no
// such Slurm is installed. test/slurm runs the real thing.
const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-slurm-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const folder = new WorkFolder(dir);
const submission: Submission = { attempt: 0, tasks: [0, 1, 2, 3, 4], submittedAt: '2026-01-01T00:00:00.000Z', jobId: '41' };

/** An exec that answers from a table keyed by "command first-argument", and records the calls. */
function fake(answers: Record<string, { status: number; stdout?: string; stderr?: string }>): { exec: SlurmExec; calls: string[] } {
  const calls: string[] = [];
  const exec: SlurmExec = (command, args) => {
    calls.push(`${command} ${args.join(' ')}`);
    const a = answers[`${command} ${args[0]}`] ?? { status: 1, stderr: 'unexpected call' };
    return { status: a.status, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
  };
  return { exec, calls };
}

describe('SlurmLauncher', () => {
  it('reads squeue --json: single tasks, a pending range, exit codes from the wait status', () => {
    const jobs = [
      { array_job_id: 41, array_task_id: 0, job_state: 'COMPLETED', exit_code: 0 },
      { array_job_id: 41, array_task_id: 1, job_state: 'FAILED', exit_code: 256 },
      { array_job_id: 41, array_task_id: 2, job_state: 'RUNNING', exit_code: 0 },
      { array_job_id: 41, array_task_id: null, array_task_string: '3-4%2', job_state: 'PENDING', exit_code: 0 },
      { array_job_id: 7, array_task_id: 0, job_state: 'RUNNING', exit_code: 0 },
    ];
    const { exec, calls } = fake({ 'squeue --json': { status: 0, stdout: JSON.stringify({ jobs }) } });
    const states = new SlurmLauncher(exec).poll(folder, submission);
    expect(states.map((s) => [s.task, s.state, s.exitCode, s.detail])).toEqual([
      [0, 'done', 0, 'COMPLETED'],
      [1, 'done', 1, 'FAILED'],
      [2, 'running', null, 'RUNNING'],
      [3, 'pending', null, 'PENDING'],
      [4, 'pending', null, 'PENDING'],
    ]);
    expect(calls).toEqual(['squeue --json --me']);
  });

  it('falls back to the parsable text formats where there is no JSON plugin, and to sacct for tasks squeue forgot', () => {
    const { exec, calls } = fake({
      'squeue --json': { status: 1, stderr: 'squeue: error: JSON plugin not found' },
      'squeue --noheader': { status: 0, stdout: '2|RUNNING\n3|PENDING\n4|PENDING\n' },
      'sacct --json': { status: 1, stderr: 'sacct: unrecognized option --json' },
      'sacct --parsable2': { status: 0, stdout: '41_0|COMPLETED|0:0\n41_1|NODE_FAIL|0:0\n41_1.batch|CANCELLED|0:15\n' },
    });
    const launcher = new SlurmLauncher(exec);
    const states = launcher.poll(folder, submission);
    expect(states.map((s) => [s.task, s.state, s.exitCode, s.detail])).toEqual([
      [0, 'done', 0, 'COMPLETED'],
      // A node that failed leaves no exit code of the task's own.
      [1, 'done', null, 'NODE_FAIL'],
      [2, 'running', null, 'RUNNING'],
      [3, 'pending', null, 'PENDING'],
      [4, 'pending', null, 'PENDING'],
    ]);
    // The forms that failed are not tried again.
    launcher.poll(folder, submission);
    expect(calls.filter((c) => c.includes('--json'))).toHaveLength(2);
  });

  it('says a task that left the queue without a trace may have lost its node', () => {
    const { exec } = fake({
      'squeue --json': { status: 0, stdout: JSON.stringify({ jobs: [] }) },
      'sacct --json': { status: 1, stderr: 'Slurm accounting storage is disabled' },
    });
    const [first] = new SlurmLauncher(exec).poll(folder, { ...submission, tasks: [0] });
    expect(first).toEqual({ task: 0, state: 'done', exitCode: null, detail: 'GONE (no exit status recorded; its node may have died)' });
  });

  it('does not give a task up when squeue does not answer', () => {
    const { exec } = fake({
      'squeue --json': { status: 1, stderr: 'squeue: error: JSON plugin not found' },
      'squeue --noheader': { status: 1, stderr: 'squeue: error: Socket timed out on send/recv operation' },
    });
    const [first] = new SlurmLauncher(exec).poll(folder, { ...submission, tasks: [0] });
    expect(first).toEqual({ task: 0, state: 'running', exitCode: null, detail: 'UNKNOWN (squeue: squeue: error: Socket timed out on send/recv operation)' });
  });

  it('submits one array with the task list, the log paths and the extra sbatch arguments', () => {
    const { exec, calls } = fake({ 'sbatch --parsable': { status: 0, stdout: '123;cluster\n' } });
    const manifest = { settings: { cpus: 1, arrayMax: 3, sbatchArgs: ['--account=lab'], setup: [] } } as never;
    const s = new SlurmLauncher(exec).submit(folder, manifest, 2, [0, 1, 2, 5]);
    expect(s.jobId).toBe('123');
    expect(calls[0]).toBe(`sbatch --parsable --array=0-2,5%3 --output=${dir}/logs/task-%a.attempt-2.out --error=${dir}/logs/task-%a.attempt-2.err --account=lab ${dir}/job.sh 2`);
  });

  it('writes and reads array lists', () => {
    expect(arrayList([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect(parseArrayList('[0-2,5]')).toEqual([0, 1, 2, 5]);
    expect(parseArrayList('3-4%2')).toEqual([3, 4]);
  });
});
