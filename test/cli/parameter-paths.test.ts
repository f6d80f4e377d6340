import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig, ConfigError } from '../../engine';
import { cli, tempDir } from './cli-driver';

// record.paths (docs/cli.md "The export document"): the first K replicates' parameter vectors at
// every generation, exported as `paths`, K x (T + 1) vectors, the same however the run is split.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function exported(args: string[], db: string): Promise<{ paths?: { replicate: number; vectors: number[][] }[]; generations: Record<string, unknown>[] }> {
  const run = await cli(['run', ...args, '--json', '--db', db]);
  expect(run.code, run.stderr).toBe(0);
  const { runId } = JSON.parse(run.stdout) as { runId: string };
  const out = await cli(['export', runId, '--db', db]);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as never;
}

describe('parameter paths', () => {
  it('exports K x (T + 1) vectors of the parameter size, identical on one and two threads', async () => {
    const db = join(tmp.dir, 'paths.db');
    const args = ['--preset', 'gmm-collapse', '--set', 'replicates=5', '--set', 'generations=3', '--set', 'record.paths=3'];
    const one = await exported([...args, '--threads', '1'], db);
    const two = await exported([...args, '--threads', '2'], db);
    expect(one.paths!.map((p) => p.replicate)).toEqual([0, 1, 2]);
    for (const p of one.paths!) {
      expect(p.vectors).toHaveLength(4);
      // K = 2 components in d = 2: 2 weights, 2 x 2 means, 2 x 4 covariance entries.
      for (const v of p.vectors) expect(v).toHaveLength(14);
    }
    expect(two.paths).toEqual(one.paths);
    // The generations keep only their summaries.
    expect(one.generations.some((g) => 'paths' in g)).toBe(false);
  }, 120_000);

  it('records a Gaussian mean as its d coordinates, and nothing without record.paths', async () => {
    const db = join(tmp.dir, 'gauss.db');
    const doc = await exported(['--preset', 'xu-fixed-n', '--set', 'replicates=4', '--set', 'generations=2', '--set', 'record.paths=2', '--threads', '2'], db);
    expect(doc.paths!.map((p) => p.vectors.map((v) => v.length))).toEqual([[2, 2, 2], [2, 2, 2]]);
    const none = await exported(['--preset', 'xu-fixed-n', '--set', 'replicates=4', '--set', 'generations=2'], db);
    expect('paths' in none).toBe(false);
  }, 120_000);

  it('refuses paths beyond the cap and for regression', () => {
    const refused = (partial: Record<string, unknown>): string => {
      try {
        resolveConfig(partial);
        return '';
      } catch (e) {
        return e instanceof ConfigError ? e.message : String(e);
      }
    };
    expect(refused({ generations: 100_000, record: { paths: 16 } })).toMatch(/record.paths.*limit is 250000/);
    expect(refused({ model: { family: 'linear-regression' }, record: { paths: 2 } })).toMatch(/record.paths.*linear-regression/);
  });
});
