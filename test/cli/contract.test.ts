import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, npmCli, tempDir } from './cli-driver';

// docs/cli.md: every command, its --json shapes and the export document, on a temporary store.
const tmp = tempDir();
const db = join(tmp.dir, 'runs.sqlite');
afterAll(() => tmp.cleanup());

const SMALL = ['--set', 'replicates=20', '--set', 'generations=10'];

function expectFiniteOrNull(value: unknown, where: string): void {
  if (value === null) return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${where} is finite`).toBe(true);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => expectFiniteOrNull(v, `${where}[${i}]`));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value as object)) expectFiniteOrNull(v, `${where}.${k}`);
}

describe('collapse-lab command (docs/cli.md)', () => {
  let runId = '';

  beforeAll(async () => {
    const r = await cli(['run', '--preset', 'xu-fixed-n', ...SMALL, '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    runId = (JSON.parse(r.stdout) as { runId: string }).runId;
  });

  it('presets --json lists the presets of docs/experiments.md section 7 with their papers', async () => {
    const r = await cli(['presets', '--json']);
    expect(r.code).toBe(0);
    const presets = JSON.parse(r.stdout) as { name: string; title: string; source: string }[];
    expect(presets.map((p) => p.name)).toEqual(
      expect.arrayContaining(['xu-fixed-n', 'xu-superlinear', 'variance-collapse', 'accumulate', 'fresh-golden', 'oracle-ball']),
    );
    for (const p of presets) {
      expect(Object.keys(p).sort()).toEqual(['name', 'source', 'title']);
      expect(p.source.length).toBeGreaterThan(5);
    }
  });

  it('run --json prints runId, status, generations and the final error object', async () => {
    const r = await cli(['run', '--preset', 'oracle-ball', '--set', 'replicates=10', '--set', 'generations=5', '--set', 'sampleSize.n0=200', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['finalError', 'generations', 'runId', 'status']);
    expect(out.status).toBe('completed');
    expect(out.generations).toBe(6);
    expect(Object.keys(out.finalError as object).sort()).toEqual(['mean', 'median', 'q25', 'q75', 'rms']);
    expect(r.stderr).toBe(''); // no TTY and no --progress: no progress bar
  });

  it('export prints the export document with one entry per generation, in order, no NaN', async () => {
    const r = await cli(['export', runId, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      run: Record<string, unknown>;
      generations: Record<string, unknown>[];
      training: unknown[];
    };
    expect(Object.keys(doc).sort()).toEqual(['generations', 'run', 'training']);
    expect(Object.keys(doc.run).sort()).toEqual(['config', 'createdAt', 'engine', 'id', 'name', 'preset', 'status']);
    expect(doc.run).toMatchObject({ id: runId, preset: 'xu-fixed-n', status: 'completed', engine: { version: '0.1.0', backend: 'js' } });
    expect((doc.run.config as { replicates: number }).replicates).toBe(20);
    expect(doc.generations.map((g) => g.t)).toEqual([...Array(11).keys()]);
    for (const g of doc.generations) {
      expect(Object.keys(g).sort()).toEqual(['diversity', 'error', 'kept', 'sampleSize', 't', 'testError', 'theory']);
      expect(Object.keys(g.error as object).sort()).toEqual(['mean', 'median', 'q25', 'q75', 'rms']);
      expect(Object.keys(g.theory as object).sort()).toEqual(['errorMeanSq', 'testError']);
      expect(g.kept).toEqual({ mean: 1 });
      expect(g.testError).toBeNull();
      expectFiniteOrNull(g, `generation ${String(g.t)}`);
    }
    // Random walk theory (docs/experiments.md 1): (t + 1) d sigma^2 / n = (t + 1) * 2 / 100.
    expect((doc.generations[10].theory as { errorMeanSq: number }).errorMeanSq).toBeCloseTo(0.22, 12);
    expect(doc.training).toEqual([]);
  });

  it('export --format csv prints a header and one row per generation', async () => {
    const r = await cli(['export', runId, '--format', 'csv', '--db', db]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['t', 'sampleSize', 'error_mean', 'error_rms', 'theory_errorMeanSq']));
    expect(lines).toHaveLength(12);
    expect(lines[1].split(',')[0]).toBe('0');
  });

  it('runs --json lists stored runs newest first', async () => {
    const r = await cli(['runs', '--json', '--db', db]);
    const runs = JSON.parse(r.stdout) as { id: string; createdAt: string }[];
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(runs[0]).sort()).toEqual(['createdAt', 'id', 'name', 'note', 'preset', 'status', 'tags']);
    expect(runs[runs.length - 1].id).toBe(runId);
    const times = runs.map((x) => x.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('run --config FILE runs a config file, with --set applied on top', async () => {
    const file = join(tmp.dir, 'poisson.json');
    writeFileSync(file, JSON.stringify({ name: 'poisson walk', replicates: 8, generations: 4, model: { family: 'poisson', dim: 3, truth: 2 } }));
    const r = await cli(['run', '--config', file, '--set', 'sampleSize.n0=50', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const { runId: id } = JSON.parse(r.stdout) as { runId: string };
    const doc = JSON.parse((await cli(['export', id, '--db', db])).stdout) as { run: { name: string; config: { sampleSize: { n0: number } } }; generations: { sampleSize: number }[] };
    expect(doc.run.name).toBe('poisson walk');
    expect(doc.run.config.sampleSize.n0).toBe(50);
    expect(doc.generations[4].sampleSize).toBe(50);
  });

  it('--progress draws a progress bar on stderr, stdout stays machine-readable', async () => {
    const r = await cli(['run', '--preset', 'xu-fixed-n', ...SMALL, '--json', '--progress', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/xu-fixed-n \[#+\] 100% 11\/11/);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it('a run that fails after it started is stored as failed with the reason, exit 1', async () => {
    // n = d + 1 = 3 with the MLE shrinks the fitted variance by ~e^-1 a generation: it underflows
    // and the covariance stops being positive definite within a few hundred generations.
    const r = await cli(['run', '--preset', 'variance-collapse', '--set', 'sampleSize.n0=3', '--set', 'replicates=4', '--set', 'generations=5000', '--json', '--db', db]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { runId: string; status: string; generations: number; message: string };
    expect(out.status).toBe('failed');
    expect(out.message).toMatch(/^generation \d+: /);
    const runs = JSON.parse((await cli(['runs', '--json', '--db', db])).stdout) as { id: string; status: string }[];
    expect(runs.find((x) => x.id === out.runId)?.status).toBe('failed');
    const doc = JSON.parse((await cli(['export', out.runId, '--db', db])).stdout) as { generations: unknown[] };
    expect(doc.generations).toHaveLength(out.generations);
    expect(out.generations).toBeLessThan(5001);
  });

  it('a run aborted before it starts computing is stored as interrupted (exit 130)', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await cli(['run', '--preset', 'xu-fixed-n', ...SMALL, '--json', '--db', db], { signal: controller.signal });
    expect(r.code).toBe(130);
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('interrupted');
  });

  it('npm run --silent cli works as docs/cli.md invokes it, honouring $COLLAPSE_LAB_DB', async () => {
    const envDb = join(tmp.dir, 'from-env.sqlite');
    const run = await npmCli(['run', '--preset', 'fresh-golden', '--set', 'replicates=5', '--set', 'generations=3', '--json'], { COLLAPSE_LAB_DB: envDb });
    expect(run.code, run.stderr).toBe(0);
    const { runId: id } = JSON.parse(run.stdout) as { runId: string };
    const list = await npmCli(['runs', '--json', '--db', envDb]);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((x) => x.id)).toEqual([id]);
  });
});
