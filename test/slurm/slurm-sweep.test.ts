import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/cli-driver';
import { generationsOf, summaries, sweepFolder, TINY, type SweepDoc } from '../cluster/cluster-helpers';

// `sweep --on slurm` on a real Slurm: the single-node cluster of test/slurm/local-cluster.sh,
// which .ci/run starts before this suite and stops after. Where no sbatch answers (a laptop
// without Slurm), the suite is skipped and says why; it never passes without a cluster.

/** SLURM_CONF of the local cluster when the caller has not set one. */
const LOCAL_CONF = join(process.env.COLLAPSE_LAB_SLURM_DIR ?? '/tmp/collapse-lab-slurm', 'slurm.conf');
if (!process.env.SLURM_CONF && existsSync(LOCAL_CONF)) process.env.SLURM_CONF = LOCAL_CONF;

function whyNoSlurm(): string | null {
  const sbatch = spawnSync('sbatch', ['--version'], { encoding: 'utf8' });
  if (sbatch.error) return `no sbatch on PATH (${sbatch.error.message}); test/slurm/local-cluster.sh start installs and starts one`;
  const sinfo = spawnSync('sinfo', ['--noheader', '--format=%T'], { encoding: 'utf8', timeout: 20_000 });
  if (sinfo.status !== 0 || !/idle|mixed|allocated/.test(sinfo.stdout)) {
    return `sbatch is installed but no cluster answers (sinfo: ${(sinfo.stderr || sinfo.stdout).trim().split('\n')[0] || 'no node up'}); run test/slurm/local-cluster.sh start`;
  }
  return null;
}

const reason = whyNoSlurm();
if (reason) console.warn(`test/slurm skipped: ${reason}`);

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** 9 points: realWeight 0.1..0.9. */
const GRID = ['--grid', 'data.realWeight=0.1:0.9:0.1'];
/** The task killed mid-run: the fifth point. */
const KILLED = 4;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the sweep's job array is submitted and task `task` is running its point, then scancels that one task. */
async function cancelOneTaskWhenRunning(workdir: string, task: number, deadline: number): Promise<string> {
  while (Date.now() < deadline) {
    const folder = sweepFolder(workdir);
    const manifestFile = folder && join(folder, 'sweep.json');
    if (manifestFile && existsSync(manifestFile)) {
      const jobId = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { submissions: { jobId: string | null }[] }).submissions[0]?.jobId;
      if (jobId) {
        const state = spawnSync('squeue', ['--noheader', '--array', `--jobs=${jobId}_${task}`, '--format=%T'], { encoding: 'utf8' }).stdout.trim();
        // Mid-run: Slurm runs it and the job script has started its point (its first stderr line).
        const log = join(folder, 'logs', `task-${task}.attempt-0.err`);
        if (state === 'RUNNING' && existsSync(log) && readFileSync(log, 'utf8').startsWith(`task ${task} attempt 0 on `)) {
          execFileSync('scancel', [`${jobId}_${task}`]);
          return `${jobId}_${task}`;
        }
      }
    }
    await sleep(50);
  }
  throw new Error(`task ${task} never ran`);
}

describe.skipIf(reason !== null)(`sweep --on slurm on a real Slurm${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('9 points, one array task scancelled mid-run, --resume completes it; equal bit for bit to --on local and to the in-process sweep', { timeout: 240_000 }, async () => {
    const env = { COLLAPSE_LAB_POLL_MS: '200' };
    Object.assign(process.env, env);

    let t0 = performance.now();
    const inProcessDb = join(tmp.dir, 'in-process.sqlite');
    const a = await cli(['sweep', ...TINY, ...GRID, '--json', '--db', inProcessDb]);
    const inProcessMs = performance.now() - t0;
    expect(a.code, a.stderr).toBe(0);
    const inProcess = JSON.parse(a.stdout) as SweepDoc;

    const localDb = join(tmp.dir, 'local.sqlite');
    const b = await cli(['sweep', ...TINY, ...GRID, '--json', '--db', localDb, '--on', 'local', '--jobs', '2', '--workdir', join(tmp.dir, 'work-local')]);
    expect(b.code, b.stderr).toBe(0);
    const local = JSON.parse(b.stdout) as SweepDoc;

    // Through Slurm, timed alone first (no task killed): the wall time the report quotes.
    t0 = performance.now();
    const cleanDb = join(tmp.dir, 'slurm-clean.sqlite');
    const c = await cli(['sweep', ...TINY, ...GRID, '--json', '--db', cleanDb, '--on', 'slurm', '--workdir', join(tmp.dir, 'work-clean')]);
    const slurmMs = performance.now() - t0;
    expect(c.code, c.stderr).toBe(0);
    const clean = JSON.parse(c.stdout) as SweepDoc;
    console.log(`9-point sweep (R = 20, T = 12): in-process ${inProcessMs.toFixed(0)} ms, through Slurm ${slurmMs.toFixed(0)} ms`);

    // Then again, with the fifth task scancelled while it runs.
    const slurmDb = join(tmp.dir, 'slurm.sqlite');
    const workdir = join(tmp.dir, 'work-slurm');
    const [d, killed] = await Promise.all([
      cli(['sweep', ...TINY, ...GRID, '--json', '--db', slurmDb, '--on', 'slurm', '--workdir', workdir]),
      cancelOneTaskWhenRunning(workdir, KILLED, Date.now() + 120_000),
    ]);
    // The killed point has no completed run: the sweep ends interrupted (130), the task named.
    expect(d.code, d.stderr).toBe(130);
    const cut = JSON.parse(d.stdout) as SweepDoc;
    expect(cut.status).toBe('interrupted');
    expect(cut.points.filter((p) => p.status !== 'completed').map((p) => p.index)).toEqual([KILLED]);
    expect(d.stderr).toMatch(new RegExp(`^task ${KILLED} \\(attempt 0, grid point data\\.realWeight=0\\.5\\) ended CANCELLED, exit code 143`, 'm'));
    expect(killed).toMatch(/^\d+_4$/);

    const e = await cli(['sweep', '--resume', cut.sweepId, '--json', '--db', slurmDb, '--workdir', workdir]);
    expect(e.code, e.stderr).toBe(0);
    const resumed = JSON.parse(e.stdout) as SweepDoc;
    expect(resumed.status).toBe('completed');
    // Only the killed task was submitted again.
    const manifest = JSON.parse(readFileSync(join(workdir, cut.sweepId, 'sweep.json'), 'utf8')) as { submissions: { tasks: number[] }[] };
    expect(manifest.submissions.map((s) => s.tasks)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8], [KILLED]]);

    for (const doc of [local, clean, resumed]) expect(summaries(doc)).toEqual(summaries(inProcess));
    const expected = generationsOf(inProcessDb, inProcess);
    expect(generationsOf(localDb, local)).toEqual(expected);
    expect(generationsOf(cleanDb, clean)).toEqual(expected);
    expect(generationsOf(slurmDb, resumed)).toEqual(expected);
  });
});
