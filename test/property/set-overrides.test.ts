/**
 * Hostile `--set` values (issue 8, item 4) through the real command, in process: runCli with a
 * fake CliIo and a temporary --db. Whatever PATH=VALUE says, the CLI never throws, exits 0 or 2,
 * and on 2 prints one line naming the field and writes nothing: the store it was given keeps
 * every row, and a store path that did not exist is not created.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli';
import { prepareRun, runWork } from '../../main/services';
import { FIELD_PATHS, isOneLine, pathLike, valueText } from './arbitraries';
import { fingerprint, type StoreFingerprint } from './store-fingerprint';

/** Presets that run without a trained filter; neural ones would train for seconds. */
const PRESETS = ['xu-fixed-n', 'variance-collapse', 'accumulate', 'fresh-golden', 'oracle-ball', 'verifier-regression', 'ridge-collapse'];
/** Every override list starts small, so an accepted run is over in milliseconds. */
const TINY = ['replicates=2', 'generations=1'];
const NAMED_PATHS = new Set([...FIELD_PATHS, ...FIELD_PATHS.flatMap((p) => p.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))), 'config']);

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env: {}, cwd: tmpdir() });
  return { code, stdout, stderr };
}

/** The PATH the engine reads from one `--set` item: up to the first '=', trimmed ('' without one). */
function pathOf(item: string): string | undefined {
  const eq = item.indexOf('=');
  return eq > 0 ? item.slice(0, eq).trim() : undefined;
}

let dir: string;
let existing: string;
let fresh: string;
let before: StoreFingerprint;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'collapse-lab-set-'));
  existing = join(dir, 'existing.sqlite');
  fresh = join(dir, 'never-created.sqlite');
  const r = await cli(['run', '--preset', 'xu-fixed-n', ...TINY.map((s) => `--set=${s}`), '--db', existing, '--json']);
  expect(r.code).toBe(0);
  before = fingerprint(existing);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const item = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(pathLike, valueText).map(([p, v]) => `${p}=${v}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  // Plausible values on fields most presets accept, so the accepted path is exercised too.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('seed', 'name', 'model.sigma', 'model.dim', 'sampleSize.n0', 'data.realWeight', 'filter.keepFraction'), fc.oneof(fc.integer({ min: -2, max: 20 }), fc.double({ min: -1, max: 3, noNaN: true })))
      .map(([p, v]) => `${p}=${v}`),
  },
);

describe('run --set PATH=VALUE with arbitrary text', () => {
  it('exits 0 with a stored run, or 2 with one line naming the field and nothing written', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PRESETS), item, async (preset, set) => {
        // Accepted runs that are large (the item raised replicates or n) or neural (training)
        // are left out: this property is about refusals and the plain accepted path.
        let config;
        try {
          config = prepareRun({ preset, overrides: [...TINY, set] });
        } catch {
          config = undefined;
        }
        fc.pre(config === undefined || (config.filter.kind !== 'neural' && runWork(config) <= 2e5));

        const args = ['run', '--preset', preset, ...[...TINY, set].map((s) => `--set=${s}`), '--threads', '1', '--json'];
        const r = await cli([...args, '--db', existing]);
        expect([0, 2], `exit ${r.code}: ${r.stderr}`).toContain(r.code);
        if (r.code === 0) {
          seen.accepted++;
          expect(config).toBeDefined();
          // The item may itself set generations (T + 1 stored), so the count comes from the config.
          expect(JSON.parse(r.stdout)).toMatchObject({ status: 'completed', generations: config!.generations + 1 });
          const after = fingerprint(existing);
          expect(after.counts.runs).toBe(before.counts.runs + 1);
          before = after;
          return;
        }
        seen.refused++;
        expect(config).toBeUndefined();
        expect(r.stdout).toBe('');
        expect(isOneLine(r.stderr.replace(/\n$/, ''))).toBe(true);
        const named = /^collapse-lab: (.+?): /.exec(r.stderr)?.[1];
        expect(named, r.stderr).toBeDefined();
        const path = pathOf(set);
        if (path === undefined) expect(named).toBe('--set');
        else if (!FIELD_PATHS.includes(path)) expect(named!.startsWith('"') ? JSON.parse(named!) : named).toBe(path);
        else expect(NAMED_PATHS.has(named!), `named ${named}`).toBe(true);
        // Nothing written: every row of the given store as it was, and no new store file.
        expect(fingerprint(existing)).toEqual(before);
        const again = await cli([...args, '--db', fresh]);
        expect(again).toEqual(r);
        expect(existsSync(fresh)).toBe(false);
      }),
      // 300 runs: a refusal takes about a millisecond; an accepted run (2 replicates, 2
      // generations) about 20 ms with its store open and close, so the property takes seconds.
      { seed: 42, numRuns: 300 },
    );
    // Both outcomes were exercised: 15 accepted and 285 refused with this seed.
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.accepted).toBeGreaterThan(5);
  });
});
