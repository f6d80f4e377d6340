import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { OpenStoreOptions } from '../../main/store';
import { mountTmpfs } from '../store/tmpfs';
import { cli, REPO_ROOT, tempDir } from './cli-driver';

// Issue 8, item 2, through the command line: a store that cannot be opened is exit 2 and ONE
// line on stderr naming the file (docs/cli.md "cannot start"), with the file left as it was; a
// disk that fills up during a run fails the run (exit 1) with a clear line, never leaving it
// `running`, and keeps what was stored before.

/**
 * Size caps for the max_page_count fallback of the full-disk test, by store file. The CLI opens
 * its store itself, so the cap is added where it calls openStore; every other store is opened
 * exactly as without this mock.
 */
const caps = vi.hoisted(() => new Map<string, number>());
vi.mock('../../main/store/open-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../main/store/open-store')>();
  return {
    ...original,
    openStore: (file: string, opts: OpenStoreOptions = {}) => original.openStore(file, { ...opts, ...(caps.has(file) ? { maxPageCount: caps.get(file) } : {}) }),
  };
});

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let counter = 0;
/** A fresh folder for one case (its listing is checked for stray -wal / -shm files). */
function folder(): string {
  const dir = join(tmp.dir, `case-${++counter}`);
  mkdirSync(dir);
  return dir;
}

/** A store with one completed run, as a researcher would have it. */
async function storeWithRun(file: string): Promise<string> {
  const r = await cli(['run', '--preset', 'xu-fixed-n', '--set', 'replicates=4', '--set', 'generations=40', '--json', '--db', file]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { runId: string }).runId;
}

function expectOneLine(stderr: string, line: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PAGE = 4096;

describe('a store that cannot be opened: exit 2, one line naming the file, nothing written', () => {
  const cases: Array<{ what: string; make: (file: string) => Promise<void>; line: (file: string) => RegExp }> = [
    {
      what: 'a damaged store (a real store with a page overwritten)',
      make: async (file) => {
        await storeWithRun(file);
        const bytes = readFileSync(file);
        bytes.fill(0xab, 2 * PAGE, 3 * PAGE);
        writeFileSync(file, bytes);
      },
      line: (file) => new RegExp(`^collapse-lab: ${escape(file)}: the store is damaged \\(SQLite's check found: .+\\); restore it from a copy or open another store$`),
    },
    {
      what: 'a text file',
      make: async (file) => writeFileSync(file, 'these are my notes, not a store\n'.repeat(200)),
      line: (file) => new RegExp(`^collapse-lab: ${escape(file)}: not a Collapse Lab store \\(the file is not an SQLite database\\)$`),
    },
    {
      what: 'a PNG image',
      make: async (file) => writeFileSync(file, Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(2000, 3)])),
      line: (file) => new RegExp(`^collapse-lab: ${escape(file)}: not a Collapse Lab store \\(the file is not an SQLite database\\)$`),
    },
    {
      what: 'a store from a newer Collapse Lab (user_version 99)',
      make: async (file) => {
        await storeWithRun(file);
        const db = new Database(file);
        db.pragma('user_version = 99');
        db.close();
      },
      line: (file) => new RegExp(`^collapse-lab: ${escape(file)}: store schema version 99 is newer than this Collapse Lab understands \\(\\d+\\); update the app or open another store$`),
    },
  ];

  for (const { what, make, line } of cases) {
    it(what, async () => {
      const dir = folder();
      const file = join(dir, 'store.sqlite');
      await make(file);
      const before = readFileSync(file);
      for (const args of [['runs'], ['run', '--preset', 'xu-fixed-n', '--set', 'generations=2'], ['export', 'abcdefgh']]) {
        const r = await cli([...args, '--db', file]);
        expect(r.code, args[0]).toBe(2);
        expect(r.stdout).toBe('');
        expectOneLine(r.stderr, line(file));
      }
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(readdirSync(dir)).toEqual(['store.sqlite']);
    });
  }

  it('a read-only store (0444), run by a user chmod applies to', async () => {
    // Root writes through chmod, so as root the real CLI runs as uid/gid 65534 (nobody); as
    // any other user it runs as that user and chmod alone makes the file read-only.
    const asRoot = process.getuid?.() === 0;
    const dir = folder();
    const file = join(dir, 'store.sqlite');
    await storeWithRun(file);
    chmodSync(tmp.dir, 0o755);
    chmodSync(dir, 0o755);
    if (asRoot) {
      chownSync(dir, 65534, 65534);
      chownSync(file, 65534, 65534);
    }
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'runs', '--db', file], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, HOME: '/tmp', COLLAPSE_LAB_DB: '' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr, new RegExp(`^collapse-lab: ${escape(file)}: the store cannot be written \\(this user may not write the file\\); check the file's and its folder's permissions$`));
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['store.sqlite']);
  });
});

describe('the disk fills up during a run: the run fails cleanly, exit 1, earlier runs intact; the next run cannot start', () => {
  /** Fills the store with a run too long for the space left, then checks the store. */
  async function fillDuringRun(file: string, limitSpace: () => void): Promise<void> {
    const earlierId = await storeWithRun(file);
    const earlier = (await cli(['export', earlierId, '--db', file])).stdout;
    limitSpace();

    const r = await cli(['run', '--preset', 'xu-fixed-n', '--set', 'replicates=2', '--set', 'generations=3000', '--json', '--db', file]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { runId: string; status: string; message: string };
    expect(out.status).toBe('failed');
    const full = `${escape(file)}: the disk holding the store is full \\(database or disk is full\\); free some space or open a store on another disk`;
    expect(out.message).toMatch(new RegExp(`^${full}`));
    expectOneLine(r.stderr, new RegExp(`^run ${out.runId} failed: ${full}`));

    // The next run finds no room even for its row (its 8000-character name needs pages of its
    // own, which a partly used page cannot hold): one line, exit 2, not a stack trace.
    const next = await cli(['run', '--preset', 'xu-fixed-n', '--set', `name=${'n'.repeat(8000)}`, '--json', '--db', file]);
    caps.delete(file);
    expect(next.code).toBe(2);
    expect(next.stdout).toBe('');
    expectOneLine(next.stderr, new RegExp(`^collapse-lab: ${full}$`));

    const runs = JSON.parse((await cli(['runs', '--json', '--db', file])).stdout) as Array<{ id: string; status: string }>;
    expect(runs.map((run) => run.id).sort()).toEqual([earlierId, out.runId].sort());
    expect(runs.find((run) => run.id === out.runId)?.status).toBe('failed');
    expect(runs.filter((run) => run.status === 'running')).toEqual([]);
    expect((await cli(['export', earlierId, '--db', file])).stdout).toBe(earlier);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }

  it('(a store capped with max_page_count, which SQLite reports exactly as a full disk)', async () => {
    const file = join(folder(), 'store.sqlite');
    // Room for the run row and a few hundred of its 3001 generations.
    await fillDuringRun(file, () => caps.set(file, readFileSync(file).length / PAGE + 40));
  });

  describe('(a real 1 MiB tmpfs)', () => {
    const tmpfs = mountTmpfs('1m');
    it.skipIf(!tmpfs.available)(`on the tmpfs${tmpfs.available ? '' : ` (skipped: ${tmpfs.reason}; the max_page_count case covers the same path)`}`, async () => {
      await fillDuringRun(join(tmpfs.dir(), 'store.sqlite'), () => undefined);
    });
  });
});
