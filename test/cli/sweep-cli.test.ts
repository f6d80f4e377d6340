import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { cli, tempDir } from './cli-driver';

// `sweep` and `sweeps`: small grids in-process, and every input that cannot start.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** fresh-golden made small: R = 20, T = 40, the window its last 21 generations. */
const SMALL = ['--preset', 'fresh-golden', '--set', 'replicates=20', '--set', 'generations=40'];

interface SweepJson {
  sweepId: string;
  name: string;
  status: string;
  grid: { path: string; values: number[] }[];
  window: [number, number] | null;
  points: { index: number; point: Record<string, number>; runId: string | null; status: string; window: [number, number]; mse: number | null; mseSe: number | null; theory: number | null; kept: number | null }[];
  best: { point: Record<string, number>; runId: string; mse: number } | null;
  vertex?: { path: string; value: number; mse: number; fitted: number[] };
}

describe('sweep', () => {
  const db = join(tmp.dir, 'sweeps.sqlite');

  it('prints a table of the points, the lowest mse and the parabola vertex', async () => {
    const r = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.3:0.7:0.1', '--window', '20:41', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    // Nothing on stderr: no terminal and no --progress (docs/cli.md).
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^sweep [0-9a-z]{8} completed: 5 of 5 points run, stored in /);
    expect(lines[0].endsWith(`stored in ${db}; summaries over generations t in [20, 41)`)).toBe(true);
    expect(lines[1]).toMatch(/^data\.realWeight +mse +± se +theory +kept +status +run$/);
    const rows = lines.slice(2, 7);
    expect(rows.map((l) => l.split(/ +/)[0])).toEqual(['0.3', '0.4', '0.5', '0.6', '0.7']);
    for (const row of rows) expect(row).toMatch(/^0\.\d +0\.\d{4,} +0\.\d+ +0\.\d{4,} +1\.000 +completed +[0-9a-z]{8}$/);
    expect(lines[7]).toMatch(/^lowest mse on the grid: data\.realWeight=0\.\d, mse 0\.\d+ ± 0\.\d+ \(run [0-9a-z]{8}\)$/);
    expect(lines[8]).toMatch(
      /^parabola vertex: data\.realWeight=0\.\d+, mse 0\.\d+ \(least squares over the 5 points 0\.3\.\.0\.7; a steadier estimate of the argmin than the lowest grid point\)$/,
    );
    expect(lines[9]).toMatch(/^± se: standard error of the window's mean, its generations' autocorrelation included\. Every point uses the same seed \(common random numbers\)/);
    expect(lines).toHaveLength(10);
  });

  it('says when the parabola has no vertex among its points, and when the points have seeds of their own', async () => {
    // V(w) falls all the way to 0.3: the lowest mse is at the grid's edge.
    const edge = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.1:0.3:0.05', '--db', db]);
    expect(edge.code, edge.stderr).toBe(0);
    expect(edge.stdout).toMatch(/\nlowest mse on the grid: data\.realWeight=0\.3, /);
    // A parabola through this one-sided stretch of V(w) would put a false vertex near 0.28.
    expect(edge.stdout).toContain('\nparabola vertex: none (the lowest mse is at the edge of the grid; the minimum may lie beyond it)\n');
    const seeds = await cli(['sweep', ...SMALL, '--grid', 'seed=1,2', '--db', db]);
    expect(seeds.code, seeds.stderr).toBe(0);
    expect(seeds.stdout).toContain('The points have seeds of their own, so their errors are independent.');
    expect(seeds.stdout).not.toContain('parabola');
  });

  it('--json prints one object; the runs are stored, linked and named by their point', async () => {
    const r = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.4,0.6', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(Object.keys(out)).toEqual(['sweepId', 'name', 'status', 'grid', 'window', 'points', 'best']);
    expect(out).toMatchObject({ status: 'completed', name: 'fresh-golden: data.realWeight=0.4,0.6', grid: [{ path: 'data.realWeight', values: [0.4, 0.6] }], window: null });
    expect(out.points.map((p) => [p.index, p.point, p.status, p.window])).toEqual([
      [0, { 'data.realWeight': 0.4 }, 'completed', [30, 41]],
      [1, { 'data.realWeight': 0.6 }, 'completed', [30, 41]],
    ]);
    expect(Object.keys(out.points[0])).toEqual(['index', 'point', 'runId', 'status', 'window', 'mse', 'mseSe', 'mseTau', 'theory', 'testError', 'testErrorSe', 'theoryTestError', 'kept']);
    expect(out.points.every((p) => p.mse! > 0 && p.mseSe! > 0 && p.theory! > 0)).toBe(true);
    expect(out.best?.mse).toBe(Math.min(...out.points.map((p) => p.mse!)));
    // Two points: no parabola.
    expect(out.vertex).toBeUndefined();

    for (const p of out.points) {
      const doc = JSON.parse((await cli(['export', p.runId!, '--db', db])).stdout) as { run: { name: string; status: string; config: { data: { realWeight: number }; seed: number } } };
      expect(doc.run.name).toBe(`fresh-golden [data.realWeight=${p.point['data.realWeight']}]`);
      expect(doc.run.config.data.realWeight).toBe(p.point['data.realWeight']);
      expect(doc.run.config.seed).toBe(1);
      expect(doc.run.status).toBe('completed');
    }
    const runs = JSON.parse((await cli(['runs', '--json', '--db', db])).stdout) as { id: string }[];
    expect(runs.map((x) => x.id)).toEqual(expect.arrayContaining(out.points.map((p) => p.runId)));
  });

  it('runs a product grid, the first --grid varying slowest', async () => {
    const r = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.4,0.6', '--grid', 'sampleSize.n0=50:100:50', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(out.points.map((p) => p.point)).toEqual([
      { 'data.realWeight': 0.4, 'sampleSize.n0': 50 },
      { 'data.realWeight': 0.4, 'sampleSize.n0': 100 },
      { 'data.realWeight': 0.6, 'sampleSize.n0': 50 },
      { 'data.realWeight': 0.6, 'sampleSize.n0': 100 },
    ]);
    const text = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.4,0.6', '--grid', 'sampleSize.n0=50:100:50', '--db', db]);
    expect(text.stdout.split('\n')[1]).toMatch(/^data\.realWeight +sampleSize\.n0 +mse +± se +theory +kept +status +run$/);
  });

  it('--progress writes a line per finished point and the run bar to stderr; stdout stays JSON', async () => {
    const r = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.4,0.6', '--json', '--progress', '--threads', '1', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stderr).toMatch(/\[1\/2\] data\.realWeight=0\.4 \[#+\] 100% 41\/41/);
    expect(r.stderr).toMatch(/\n\[1\/2\] data\.realWeight=0\.4: completed, mse 0\.\d+ ± 0\.\d+ \(run [0-9a-z]{8}\)\n/);
    expect(r.stderr).toMatch(/\n\[2\/2\] data\.realWeight=0\.6: completed, mse 0\.\d+ ± 0\.\d+ \(run [0-9a-z]{8}\)\n$/);
  });

  it('a point that fails is stored failed, the others still run, and the command exits 1', async () => {
    // n = d + 1 = 3 with the MLE collapses the covariance within a few hundred generations;
    // n = 50 does not in 300.
    const fdb = join(tmp.dir, 'failing.sqlite');
    const r = await cli(['sweep', '--preset', 'variance-collapse', '--set', 'replicates=4', '--set', 'generations=300', '--grid', 'sampleSize.n0=3,50', '--json', '--db', fdb]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(out.status).toBe('failed');
    expect(out.points.map((p) => p.status)).toEqual(['failed', 'completed']);
    expect(out.points[0].mse).toBeNull();
    expect(out.best?.point).toEqual({ 'sampleSize.n0': 50 });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\[1\/2\] sampleSize\.n0=3: failed \(generation \d+: .*\) \(run [0-9a-z]{8}\)$/);
    expect(lines[1]).toBe(`sweep ${out.sweepId} failed`);
    const sweeps = JSON.parse((await cli(['sweeps', '--json', '--db', fdb])).stdout) as { id: string; status: string; runs: number }[];
    expect(sweeps).toEqual([expect.objectContaining({ id: out.sweepId, status: 'failed', runs: 2 })]);
  });

  it('a sweep interrupted before its first point is stored interrupted, exit 130', async () => {
    const idb = join(tmp.dir, 'interrupted.sqlite');
    const controller = new AbortController();
    controller.abort();
    const r = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.4,0.6', '--json', '--db', idb], { signal: controller.signal });
    expect(r.code).toBe(130);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(out.status).toBe('interrupted');
    expect(out.points.map((p) => [p.status, p.runId])).toEqual([
      ['not-started', null],
      ['not-started', null],
    ]);
    expect(r.stderr).toBe(`sweep ${out.sweepId} interrupted\n`);
    expect(JSON.parse((await cli(['runs', '--json', '--db', idb])).stdout)).toEqual([]);
  });
});

describe('sweeps', () => {
  it('lists stored sweeps newest first, or says there are none', async () => {
    const db = join(tmp.dir, 'list.sqlite');
    // `sweeps` only reads: a store that is not there is refused (issue 13), an empty one listed.
    expect((await cli(['sweeps', '--db', db])).stderr).toBe(`collapse-lab: no store at ${db}\n`);
    openStore(db).close();
    const empty = await cli(['sweeps', '--db', db]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^no sweeps in .*list\.sqlite yet: try `npm run cli -- sweep --preset fresh-golden/);
    expect(JSON.parse((await cli(['sweeps', '--json', '--db', db])).stdout)).toEqual([]);

    const first = JSON.parse((await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.4,0.6', '--json', '--db', db])).stdout) as SweepJson;
    const second = JSON.parse((await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.3:0.7:0.1', '--window', '30:41', '--name', 'five weights', '--json', '--db', db])).stdout) as SweepJson;
    const list = JSON.parse((await cli(['sweeps', '--json', '--db', db])).stdout) as Record<string, unknown>[];
    expect(list.map((s) => s.id)).toEqual([second.sweepId, first.sweepId]);
    expect(list[0]).toEqual({
      id: second.sweepId,
      name: 'five weights',
      preset: 'fresh-golden',
      status: 'completed',
      createdAt: expect.stringMatching(/Z$/),
      finishedAt: expect.stringMatching(/Z$/),
      grid: [{ path: 'data.realWeight', values: [0.3, 0.4, 0.5, 0.6, 0.7] }],
      window: [30, 41],
      points: 5,
      runs: 5,
    });
    const text = await cli(['sweeps', '--db', db]);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +status +runs +preset +grid +window +name +created \(UTC\)$/);
    expect(lines[1]).toMatch(new RegExp(`^${second.sweepId} +completed +5/5 +fresh-golden +data\\.realWeight 0\\.3\\.\\.0\\.7 \\(5\\) +30:41 +five weights +\\d{4}-`));
    expect(lines[2]).toMatch(new RegExp(`^${first.sweepId} +completed +2/2 +fresh-golden +data\\.realWeight=0\\.4,0\\.6 +last quarter +fresh-golden: data\\.realWeight=0\\.4,0\\.6 +\\d{4}-`));
  });

  it('is in the help', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toContain('sweep --preset NAME | --config FILE');
    expect(r.stdout).toContain('--grid PATH=START:STOP:STEP');
    expect(r.stdout).toContain('sweeps                              list stored sweeps, newest first');
  });
});

describe('sweep inputs that cannot start: exit 2, one line naming the argument, nothing written', () => {
  const existing = join(tmp.dir, 'existing.sqlite');
  const fresh = join(tmp.dir, 'never-created.sqlite');
  let existingBytes: Buffer;
  beforeAll(async () => {
    const r = await cli(['sweep', ...SMALL, '--grid', 'data.realWeight=0.5', '--db', existing]);
    expect(r.code, r.stderr).toBe(0);
    existingBytes = readFileSync(existing);
  });
  const badConfig = join(tmp.dir, 'bad-sweep.json');
  writeFileSync(badConfig, JSON.stringify({ replicates: 'many' }));

  const GRID = ['--grid', 'data.realWeight=0.2:0.78:0.02'];
  const CASES: { args: string[]; line: RegExp | string }[] = [
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWeight=0.2:0.78:0'], line: '--grid data.realWeight=0.2:0.78:0: STEP must be positive' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWeight=0.78:0.2:0.02'], line: '--grid data.realWeight=0.78:0.2:0.02: STOP must not be below START' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWeight=0.2:x:0.1'], line: '--grid data.realWeight=0.2:x:0.1: STOP must be a number, got "x"' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWieght=0.5'], line: '--grid data.realWieght=0.5: data.realWieght is not a config field' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'filter.kind=1,2'], line: /^--grid filter\.kind=1,2: filter\.kind is not numeric \(it takes one of none, oracle, neural, verifier\); a sweep varies numeric fields$/ },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'replicates=10:20:2.5'], line: '--grid replicates=10:20:2.5: replicates is an integer field, got 12.5' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWeight=0.3,0.3'], line: '--grid data.realWeight=0.3,0.3: 0.3 is listed twice' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'seed=1,2', '--grid', 'seed=3'], line: '--grid seed=3: seed is already swept by --grid seed=1,2' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'seed=1:200:1', '--grid', 'replicates=1:100:1'], line: 'grid: 20000 points; a sweep runs at most 10000' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWeight=0.2:1.2:0.2'], line: 'grid point data.realWeight=1.2: data.realWeight: expected a number >= 0 and <= 1, got 1.2' },
    { args: ['sweep', '--preset', 'fresh-golden', '--grid', 'data.realPerGeneration=100,0'], line: 'grid point data.realPerGeneration=0: data.realPerGeneration: expected a positive integer up to 100000000, got 0' },
    { args: ['sweep', '--preset', 'fresh-golden', ...GRID, '--window', '150:300'], line: '--window 150:300: the run at grid point data.realWeight=0.2 has generations 0..200, so TO can be at most 201' },
    { args: ['sweep', '--preset', 'fresh-golden', ...GRID, '--window', '200:150'], line: '--window 200:150: TO must be above FROM' },
    { args: ['sweep', '--preset', 'fresh-golden', ...GRID, '--window', '150'], line: '--window 150: expected FROM:TO (generations FROM <= t < TO)' },
    { args: ['sweep', '--preset', 'fresh-golden'], line: 'sweep: give at least one --grid PATH=START:STOP:STEP (or PATH=a,b,c)' },
    { args: ['sweep', ...GRID], line: /^sweep: give --preset NAME or --config FILE/ },
    { args: ['sweep', '--preset', 'fresh-golden', '--config', badConfig, ...GRID], line: 'sweep: give either --preset or --config, not both' },
    { args: ['sweep', '--preset', 'no-such-preset', ...GRID], line: /^preset: unknown preset 'no-such-preset' \(known: xu-fixed-n, / },
    { args: ['sweep', '--config', badConfig, ...GRID], line: 'replicates: expected a positive integer up to 1000000, got "many"' },
    { args: ['sweep', '--preset', 'fresh-golden', '--set', 'replicates=0', ...GRID], line: 'replicates: expected a positive integer up to 1000000, got 0' },
    { args: ['sweep', '--preset', 'fresh-golden', ...GRID, '--threads', 'lots'], line: 'threads: expected a positive integer up to 256 or auto, got "lots"' },
    { args: ['sweep', '--preset', 'fresh-golden', ...GRID, 'extra'], line: 'sweep: unexpected argument "extra"' },
  ];

  for (const { args, line } of CASES) {
    it(args.slice(1).join(' '), async () => {
      for (const db of [fresh, existing]) {
        const r = await cli([...args, '--db', db]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        if (typeof line === 'string') expect(lines[0]).toBe(`collapse-lab: ${line}`);
        else expect(lines[0].replace(/^collapse-lab: /, '')).toMatch(line);
      }
      expect(existsSync(fresh)).toBe(false);
      expect(readFileSync(existing).equals(existingBytes)).toBe(true);
    });
  }

  it("a point's filter.id that the store does not hold: refused before anything is written", async () => {
    const r = await cli(['sweep', '--preset', 'filter-constant-n', '--set', 'filter.id=zzzzzzzz', '--grid', 'sampleSize.n0=50,100', '--db', existing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^collapse-lab: grid point sampleSize\.n0=50: filter\.id: no filter 'zzzzzzzz' in .*existing\.sqlite \(see `filters`\)\n$/);
    const sweeps = JSON.parse((await cli(['sweeps', '--json', '--db', existing])).stdout) as unknown[];
    expect(sweeps).toHaveLength(1);
    const runs = JSON.parse((await cli(['runs', '--json', '--db', existing])).stdout) as unknown[];
    expect(runs).toHaveLength(1);
  });
});
