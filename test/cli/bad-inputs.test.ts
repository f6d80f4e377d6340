import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, npmCli, REPO_ROOT, tempDir } from './cli-driver';

// docs/cli.md: a run that cannot start exits 2, prints one line naming the field and the reason,
// and writes nothing to the store.
const tmp = tempDir();
const existing = join(tmp.dir, 'existing.sqlite');
const fresh = join(tmp.dir, 'never-created.sqlite');
let existingBytes: Buffer;

beforeAll(async () => {
  const r = await cli(['run', '--preset', 'xu-fixed-n', '--set', 'replicates=4', '--set', 'generations=2', '--db', existing]);
  expect(r.code).toBe(0);
  existingBytes = readFileSync(existing);
});
afterAll(() => tmp.cleanup());

const badConfig = join(tmp.dir, 'bad.json');
const notJson = join(tmp.dir, 'not.json');
writeFileSync(badConfig, JSON.stringify({ model: { family: 'bernoulli', truth: 1.5 } }));
writeFileSync(notJson, '{ "replicates": 10,');

const CASES: { args: string[]; line: RegExp }[] = [
  { args: ['run'], line: /^collapse-lab: run: give --preset NAME or --config FILE/ },
  { args: ['run', '--preset', 'no-such-preset'], line: /^collapse-lab: preset: unknown preset 'no-such-preset' \(known: xu-fixed-n, / },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'replicates=-5'], line: /^collapse-lab: replicates: expected a positive integer up to 1000000, got -5$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'replicates=2.5'], line: /^collapse-lab: replicates: expected a positive integer .* got 2\.5$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'model.dimm=3'], line: /^collapse-lab: model\.dimm: unknown config field \(did you mean model\.dim\?\)$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'model.family=cauchy'], line: /^collapse-lab: model\.family: expected one of gaussian, poisson, bernoulli, exponential, linear-regression, gaussian-mixture, kernel-ridge, got "cauchy"$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'generations=abc'], line: /^collapse-lab: generations: expected a non-negative integer .* got "abc"$/ },
  { args: ['run', '--preset', 'fresh-golden', '--set', 'data.realWeight=1.5'], line: /^collapse-lab: data\.realWeight: expected a number >= 0 and <= 1, got 1\.5$/ },
  { args: ['run', '--preset', 'oracle-ball', '--set', 'filter.keepFraction=0'], line: /^collapse-lab: filter\.keepFraction: expected a number > 0 and <= 1, got 0$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'sampleSize.schedule=power'], line: /^collapse-lab: sampleSize\.power: required when sampleSize\.schedule is 'power'$/ },
  { args: ['run', '--preset', 'variance-collapse', '--set', 'sampleSize.n0=2'], line: /^collapse-lab: sampleSize\.n0: a fitted 2x2 covariance needs at least 3 samples, got 2/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'model.estimator=unbiased'], line: /^collapse-lab: model\.estimator: 'unbiased' changes only a fitted gaussian covariance/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'sampleSize.n0=100000000'], line: /^collapse-lab: sampleSize\.n0: the schedule reaches 100000000 samples of dimension 2/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--set', 'seed'], line: /^collapse-lab: --set: expected PATH=VALUE, got "seed"$/ },
  { args: ['run', '--config', badConfig], line: /^collapse-lab: model\.truth: expected probabilities strictly between 0 and 1 for bernoulli, got 1\.5$/ },
  { args: ['run', '--config', notJson], line: /^collapse-lab: config: .*not\.json is not valid JSON/ },
  { args: ['run', '--config', join(tmp.dir, 'missing.json')], line: /^collapse-lab: config: cannot read .*missing\.json \(ENOENT\)$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--config', badConfig], line: /^collapse-lab: run: give either --preset or --config, not both$/ },
  { args: ['run', '--preset', 'xu-fixed-n', '--frobnicate'], line: /^collapse-lab: unknown option --frobnicate for run \(see `run --help`\)$/ },
  // On the store that was never created, `export` (it only reads) says so instead of creating it.
  { args: ['export', 'zzzzzzzz'], line: /^collapse-lab: (export: no run 'zzzzzzzz' in .*existing\.sqlite|no store at .*never-created\.sqlite)$/ },
  { args: ['export', 'a', '--format', 'xml'], line: /^collapse-lab: format: expected json or csv, got "xml"$/ },
  { args: ['launch'], line: /^collapse-lab: unknown command 'launch' \(commands: run, / },
];

describe('inputs that cannot start: exit 2, one line naming the field, nothing written', () => {
  for (const { args, line } of CASES) {
    it(`${args.join(' ')}`, async () => {
      for (const db of [fresh, existing]) {
        const r = await cli([...args, '--db', db]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(line);
      }
      // Nothing written: the new store was never created, not even by `export`, which only reads.
      expect(existsSync(fresh)).toBe(false);
      expect(readFileSync(existing).equals(existingBytes)).toBe(true);
      const runs = JSON.parse((await cli(['runs', '--json', '--db', existing])).stdout) as unknown[];
      expect(runs).toHaveLength(1);
    });
  }
});

describe('Ctrl-C during a run', () => {
  it('stores the run as interrupted with the generations already computed, and exits 130', async () => {
    const db = join(tmp.dir, 'sigint.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'run', '--preset', 'oracle-ball', '--set', 'generations=100000', '--json', '--progress', '--db', db], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      // Interrupt once the bar shows a few generations done.
      const m = /(\d+)\/100001/.exec(d.toString());
      if (!sent && m && Number(m[1]) >= 3) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const out = JSON.parse(stdout) as { runId: string; status: string; generations: number };
    expect(out.status).toBe('interrupted');
    expect(out.generations).toBeGreaterThanOrEqual(3);
    const doc = JSON.parse((await cli(['export', out.runId, '--db', db])).stdout) as { run: { status: string }; generations: unknown[] };
    expect(doc.run.status).toBe('interrupted');
    expect(doc.generations).toHaveLength(out.generations);
  });
});

describe('a $COLLAPSE_LAB_TF_BACKEND nobody knows', () => {
  it('is one line naming the variable and the choices, exit 2, and nothing is written', async () => {
    const db = join(tmp.dir, 'bad-backend.sqlite');
    const r = await npmCli(['run', '--preset', 'filter-constant-n', '--db', db], { COLLAPSE_LAB_TF_BACKEND: 'gpu' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('collapse-lab: COLLAPSE_LAB_TF_BACKEND: expected one of tfjs-node-gpu, webgpu, tfjs-node, fused, wasm, cpu, got "gpu"\n');
    // The store was opened, but no run row was written.
    expect(JSON.parse((await cli(['runs', '--json', '--db', db])).stdout)).toEqual([]);
  });
});
