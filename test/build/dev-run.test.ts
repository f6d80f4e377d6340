/**
 * build/dev-run.mjs: `npm run cli` and the benchmarks start from an esbuild bundle that must
 * never be stale. A bundle is rebuilt when any of its inputs changes; `import.meta` in a bundled
 * source still names that source; the entry sees its own arguments.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside the repository (the bundler resolves relative to it), git-ignored via .scratch/.
const DIR = join(ROOT, '.scratch', `dev-run-test-${process.pid}`);
const REL = `.scratch/dev-run-test-${process.pid}`;

function run(entry: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['build/dev-run.mjs', entry, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CACHE = join(ROOT, 'node_modules', '.cache', 'collapse-lab');

afterAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  // The cache names a bundle after its entry's path: drop this test's bundles.
  for (const f of readdirSync(CACHE)) if (f.startsWith(REL.replace(/\//g, '__'))) rmSync(join(CACHE, f), { force: true });
});

describe('build/dev-run.mjs', () => {
  it('runs a TypeScript entry with its arguments and its own import.meta, and rebuilds when an input changes', () => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'dep.ts'), "export const word: string = 'first';\n");
    writeFileSync(
      join(DIR, 'entry.ts'),
      "import { word } from './dep';\nconsole.log(JSON.stringify({ word, args: process.argv.slice(2), dir: import.meta.dirname }));\n",
    );
    const first = run(`${REL}/entry.ts`, 'a', '--b');
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ word: 'first', args: ['a', '--b'], dir: DIR });

    // A different size, so the change is seen even within the file system's mtime resolution.
    writeFileSync(join(DIR, 'dep.ts'), "export const word: string = 'second, changed';\n");
    expect(JSON.parse(run(`${REL}/entry.ts`).stdout).word).toBe('second, changed');
  });

  it('names the file and line of a syntax error, and exits 2', () => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'broken.ts'), 'export const x = ;\n');
    const r = run(`${REL}/broken.ts`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.ts:1: /);
  });
});
