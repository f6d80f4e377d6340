/**
 * The layer rules of `npm run check` (.dependency-cruiser.cjs, docs/architecture.md): each rule
 * catches the violation it is named for, planted in a scratch tree shaped like the repository;
 * the imports the architecture allows pass; and the repository itself has zero findings.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const FOLDERS = ['common', 'engine', 'main', 'preload', 'renderer'];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** The findings, from the JSON report, and the exit status of the plain report `npm run check` prints. */
function cruise(cwd: string, folders: string[]): { status: number | null; violations: Violation[] } {
  const run = (format: string) => spawnSync(process.execPath, [DEPCRUISE, ...folders, '--config', CONFIG, '--output-type', format], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const json = run('json');
  if (!json.stdout) throw new Error(`dependency-cruiser printed nothing: ${json.stderr}`);
  const report = JSON.parse(json.stdout) as { summary: { violations: Violation[] } };
  return { status: run('err').status, violations: report.summary.violations };
}

const scratch = mkdtempSync(join(tmpdir(), 'collapse-lab-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch tree with the repository's tsconfig and node_modules, holding the given files. */
function tree(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The allowed shape: every import here is one the layer table permits. */
const ALLOWED: Record<string, string> = {
  'common/stats.ts': "import { half } from './half';\nexport const mean = (v: number[]) => half(v.reduce((s, x) => s + x, 0));\n",
  'common/half.ts': 'export const half = (x: number) => x / 2;\n',
  'engine/core.ts': "import { PCA } from 'ml-pca';\nimport type { Tensor } from '@tensorflow/tfjs';\nimport { mean } from '../common/stats';\nexport const k = (t: Tensor) => [PCA, t, mean];\n",
  'main/store/store.ts': "import Database from 'better-sqlite3';\nimport { readFileSync } from 'node:fs';\nimport type { k } from '../../engine/core';\nexport const open = () => [Database, readFileSync] as unknown as typeof k;\n",
  'main/engine-host/host.ts': "import { k } from '../../engine/core';\nimport { Worker } from 'node:worker_threads';\nexport const host = [k, Worker];\n",
  'main/services/services.ts': "import { open } from '../store/store';\nimport { host } from '../engine-host/host';\nimport { mean } from '../../common/stats';\nimport type { Api } from '../../preload/contract';\nexport const api = { open, host, mean } as unknown as Api;\n",
  'main/cli/cli.ts': "import { api } from '../services/services';\nimport { open } from '../store/store';\nexport const cli = [api, open];\n",
  'main/app/ipc.ts': "import { ipcMain } from 'electron';\nimport { api } from '../services/services';\nexport const ipc = [ipcMain, api];\n",
  'main/index.ts': "import { app } from 'electron';\nimport { ipc } from './app/ipc';\nexport const main = [app, ipc];\n",
  'preload/contract.ts': "import type { k } from '../engine/core';\nexport type Api = { k: typeof k };\nexport const CHANNELS = ['a'];\n",
  'preload/index.ts': "import { contextBridge } from 'electron';\nimport { CHANNELS } from './contract';\nexport const bridge = [contextBridge, CHANNELS];\n",
  'renderer/page.tsx': "import { useState } from 'react';\nimport type { Api } from '../preload/contract';\nimport { mean } from '../common/stats';\nexport const page = (api: Api) => [useState, api, mean];\n",
};

describe('the layer rules', () => {
  it('let every import the architecture allows through', () => {
    const { status, violations } = cruise(tree('allowed', ALLOWED), FOLDERS);
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });

  const PLANTED: Array<[rule: string, file: string, text: string]> = [
    ['engine-is-pure', 'engine/bad.ts', "import { readFileSync } from 'node:fs';\nexport const bad = readFileSync;\n"],
    ['engine-imports-only-itself', 'engine/bad.ts', "import { open } from '../main/store/store';\nexport const bad = open;\n"],
    ['electron-only-in-the-shell', 'main/cli/bad.ts', "import { app } from 'electron';\nexport const bad = app;\n"],
    ['store-is-below-the-services', 'main/store/bad.ts', "import { api } from '../services/services';\nexport const bad = api;\n"],
    ['engine-host-runs-the-engine-only', 'main/engine-host/bad.ts', "import { open } from '../store/store';\nexport const bad = open;\n"],
    ['services-know-no-transport', 'main/services/bad.ts', "import { cli } from '../cli/cli';\nexport const bad = cli;\n"],
    ['headless-hosts-stay-headless', 'main/server/bad.ts', "import { ipc } from '../app/ipc';\nexport const bad = ipc;\n"],
    ['shell-does-not-import-the-ui', 'main/app/bad.ts', "import { page } from '../../renderer/page';\nexport const bad = page;\n"],
    ['preload-takes-only-types', 'preload/bad.ts', "import { api } from '../main/services/services';\nexport const bad = api;\n"],
    ['renderer-is-a-page', 'renderer/bad.ts', "import { k } from '../engine/core';\nexport const bad = k;\n"],
    ['renderer-has-no-node', 'renderer/bad.ts', "import { join } from 'node:path';\nexport const bad = join;\n"],
    ['renderer-reaches-main-through-the-contract', 'renderer/bad.ts', "import type { bridge } from '../preload/index';\nexport type Bad = typeof bridge;\n"],
    ['renderer-contract-types-only', 'renderer/bad.ts', "import { CHANNELS } from '../preload/contract';\nexport const bad = CHANNELS;\n"],
    ['common-imports-only-itself', 'common/bad.ts', "import { k } from '../engine/core';\nimport { join } from 'node:path';\nimport { useState } from 'react';\nexport const bad = [k, join, useState];\n"],
    ['imports-resolve', 'engine/bad.ts', "import { gone } from './no-such-file';\nexport const bad = gone;\n"],
  ];

  // One tree holds every planted file (one cruise instead of one per rule), each named after its rule.
  const planted = Object.fromEntries(PLANTED.map(([rule, file, text]) => [file.replace('bad.ts', `bad-${rule}.ts`), text]));
  const cycle = { 'engine/a.ts': "import type { B } from './b';\nexport type A = { b: B };\n", 'engine/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n" };
  const found = cruise(tree('planted', { ...ALLOWED, ...planted, ...cycle }), FOLDERS);

  it.each(PLANTED)('%s catches %s', (rule, file) => {
    expect(found.violations.map((v) => [v.rule.name, v.from])).toContainEqual([rule, file.replace('bad.ts', `bad-${rule}.ts`)]);
    expect(found.status).not.toBe(0);
  });

  it('no-import-cycles catches a cycle, even one made of type-only imports', () => {
    // A cycle is reported once, from the module where the cruise met it.
    const from = found.violations.filter((v) => v.rule.name === 'no-import-cycles').map((v) => v.from);
    expect(from).toHaveLength(1);
    expect(['engine/a.ts', 'engine/b.ts']).toContain(from[0]);
  });

  it('report nothing else in the planted tree: each rule fires only where it is broken', () => {
    const expected = new Set([...PLANTED.map(([rule, file]) => `${rule} ${file.replace('bad.ts', `bad-${rule}.ts`)}`), 'no-import-cycles engine/a.ts', 'no-import-cycles engine/b.ts']);
    expect(found.violations.map((v) => `${v.rule.name} ${v.from}`).filter((v) => !expected.has(v))).toEqual([]);
  });

  it('find nothing in the repository itself (npm run check runs the same)', () => {
    const { status, violations } = cruise(ROOT, [...FOLDERS, 'build', 'bench']);
    expect(violations).toEqual([]);
    expect(status).toBe(0);
  });
});
