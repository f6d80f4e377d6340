import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../engine';
import { executeRun, prepareRun } from '../../main/services';
import { openStore, storeFailure, StoreError, type RunStore } from '../../main/store';
import { captureStoreError, createRunWith, labelSetInput, tempDir } from './helpers';
import { mountTmpfs } from './tmpfs';

// Issue 8, item 2: each kind of bad store gives ONE StoreError that names the file and says the
// cause in plain words (no SQLite jargon alone, no stack trace), and does no damage.

const OPEN_ONCE = fileURLToPath(new URL('./fixtures/open-store-once.ts', import.meta.url));
const PAGE = 4096;

const temps: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
function tmp() {
  const t = tempDir();
  temps.push(t);
  return t;
}

/** A store holding two completed runs of 120 generations and a label set: data worth protecting. */
function realStore(file: string): void {
  const store = openStore(file);
  for (let i = 0; i < 2; i++) store.finishRun(createRunWith(store, 120, 120).id, 'completed');
  store.createLabelSet(labelSetInput({}, 6, 40));
  store.close();
}

/** One line, naming the file first, with no stack frames. */
function expectOneClearLine(error: StoreError, file: string): void {
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  expect(error.message).not.toContain('\n');
  expect(error.message).not.toMatch(/\bat .*:\d+:\d+/);
}

/** Every file next to the store; opening must not leave a -wal, -shm or -journal behind. */
function siblings(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('a damaged store (pages of a real store overwritten with garbage)', () => {
  it('is refused as STORE_CORRUPT whichever page is hit, and the file is left as it was', () => {
    const t = tmp();
    const good = t.file('good.sqlite');
    realStore(good);
    const original = readFileSync(good);
    const pages = original.length / PAGE;
    // Not just the pages opening reads: a damaged generations or label page must be found at
    // open too (quick_check), or it would surface later as a raw SQLite error.
    expect(pages).toBeGreaterThan(20);
    const codes = new Set<string>();
    for (let page = 1; page < pages; page++) {
      const file = t.file(`damaged-${page}.sqlite`);
      const bytes = Buffer.from(original);
      bytes.fill(0xab, page * PAGE, (page + 1) * PAGE);
      writeFileSync(file, bytes);

      const error = captureStoreError(() => openStore(file));
      codes.add(error.code);
      expect(error.code, `page ${page}`).toBe('STORE_CORRUPT');
      expect(error.message).toMatch(/: the store is damaged \(.+\); restore it from a copy or open another store$/);
      expectOneClearLine(error, file);
      expect(readFileSync(file).equals(bytes), `page ${page} left as it was`).toBe(true);
    }
    expect([...codes]).toEqual(['STORE_CORRUPT']);
    expect(siblings(t.dir).filter((name) => /-(wal|shm|journal)$/.test(name))).toEqual([]);
  });

  it('with its header overwritten is no longer recognised as SQLite at all', () => {
    const t = tmp();
    const file = t.file();
    realStore(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(PAGE, 0x78), 0, PAGE, 0);
    closeSync(fd);
    const before = readFileSync(file);
    const error = captureStoreError(() => openStore(file));
    expect(error.code).toBe('STORE_NOT_SQLITE');
    expectOneClearLine(error, file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('a file that is not SQLite', () => {
  // A PNG's signature and IHDR chunk (1x1, RGBA): what a mis-click in the open dialog gives.
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082', 'hex');
  const TEXT = Buffer.from('run,error\n1,0.25\n2,0.5\n'.repeat(300));

  it.each([
    ['a CSV text file', 'runs.csv', TEXT],
    ['a PNG image', 'plot.png', PNG],
  ])('%s is refused as STORE_NOT_SQLITE, untouched, with nothing created beside it', (_what, name, bytes) => {
    const t = tmp();
    const file = t.file(name);
    writeFileSync(file, bytes);
    const error = captureStoreError(() => openStore(file));
    expect(error.code).toBe('STORE_NOT_SQLITE');
    expect(error.message).toBe(`${file}: not a Collapse Lab store (the file is not an SQLite database)`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(siblings(t.dir)).toEqual([name]);
  });
});

// A store from a newer schema is covered where the check lives: migrate.test.ts ("refuses a
// store from a newer Collapse Lab ... and leaves the file untouched") opens it with openStore
// and compares the bytes; bad-store-cli.test.ts checks the CLI's one line for it.

describe('a read-only store', () => {
  // Root writes through file permissions, so when the tests run as root the store is opened by
  // a child process running as uid/gid 65534 (nobody), for which chmod really applies. Not as
  // root, the child runs as this user and chmod alone makes the file read-only.
  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;

  function openInChild(file: string): { opened: boolean; code?: string; message?: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', OPEN_ONCE, file], {
      encoding: 'utf8',
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      // The child's tsx cache must be writable for it, wherever HOME points.
      env: { ...process.env, HOME: '/tmp' },
    });
    if (result.status !== 0) throw new Error(`open-store-once failed (${result.status}): ${result.stderr}`);
    return JSON.parse(result.stdout) as { opened: boolean; code?: string; message?: string };
  }

  /** A store the child's user owns, in a folder it may enter. */
  function storeForChild(): { dir: string; file: string } {
    const t = tmp();
    const dir = t.file('stores');
    mkdirSync(dir);
    const file = t.file('stores/runs.sqlite');
    realStore(file);
    // mkdtemp makes the outer folder 0700; the child must be able to reach the store.
    chmodSync(t.dir, 0o755);
    if (asRoot) {
      chownSync(dir, NOBODY, NOBODY);
      chownSync(file, NOBODY, NOBODY);
    }
    return { dir, file };
  }

  it('as a 0444 file is refused as STORE_READONLY before anything is written, not at the first run', () => {
    const { file } = storeForChild();
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const result = openInChild(file);
    expect(result).toEqual({
      opened: false,
      code: 'STORE_READONLY',
      message: `${file}: the store cannot be written (this user may not write the file); check the file's and its folder's permissions`,
    });
    expect(readFileSync(file).equals(before)).toBe(true);
    // Refused before SQLite opened it: no -wal or -shm left with the file's 0444 permissions,
    // which would keep the store read-only after the user fixes the file's own.
    expect(siblings(dirname(file))).toEqual(['runs.sqlite']);
    // The same file is fine once it may be written again (the refusal damaged nothing).
    chmodSync(file, 0o644);
    expect(openInChild(file)).toEqual({ opened: true });
  });

  it('in a 0555 folder (where WAL mode cannot create its -wal and -shm files) is refused as STORE_READONLY', () => {
    const { dir, file } = storeForChild();
    chmodSync(dir, 0o555);
    const before = readFileSync(file);
    const result = openInChild(file);
    expect(result.opened).toBe(false);
    expect(result.code).toBe('STORE_READONLY');
    expect(result.message).toMatch(/: the store cannot be written \(.+\); check the file's and its folder's permissions$/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(siblings(dir)).toEqual(['runs.sqlite']);
    chmodSync(dir, 0o755);
  });

  it('whose -wal and -shm files another user left behind (a `sudo` run) is refused as STORE_READONLY, not at the first write', () => {
    // The store file itself may be written, so only a real write shows SQLite opened it
    // read-only: this is what the rolled-back probe in openStore is for.
    const { dir, file } = storeForChild();
    writeFileSync(`${file}-wal`, '');
    writeFileSync(`${file}-shm`, Buffer.alloc(32768));
    // As root the two files stay root's (0644), which the child (nobody) cannot write.
    if (!asRoot) ['-wal', '-shm'].forEach((suffix) => chmodSync(`${file}${suffix}`, 0o444));
    const before = readFileSync(file);
    const result = openInChild(file);
    expect(result).toEqual({
      opened: false,
      code: 'STORE_READONLY',
      message: `${file}: the store cannot be written (attempt to write a readonly database); check the file's and its folder's permissions`,
    });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(siblings(dir)).toEqual(['runs.sqlite', 'runs.sqlite-shm', 'runs.sqlite-wal']);
  });

  it('that does not exist yet, in a 0555 folder, cannot be created: STORE_OPEN_FAILED says to check the folder', () => {
    const { dir } = storeForChild();
    chmodSync(dir, 0o555);
    const file = `${dir}/new.sqlite`;
    const result = openInChild(file);
    expect(result).toEqual({
      opened: false,
      code: 'STORE_OPEN_FAILED',
      message: `${file}: cannot open or create the store file (unable to open database file); check that its folder exists and can be written`,
    });
    expect(existsSync(file)).toBe(false);
    chmodSync(dir, 0o755);
  });
});

describe('a full disk', () => {
  /** A run long enough that its generations cannot fit in the pages left. */
  const LONG_RUN: RunConfig = prepareRun({ preset: 'xu-fixed-n', overrides: ['replicates=2', 'generations=3000', 'seed=5'] });

  /** Everything the earlier work consists of, to compare before and after the failure. */
  function earlierData(store: RunStore, runIds: readonly string[], labelSetId: string) {
    return {
      runs: runIds.map((id) => ({ run: store.getRun(id), generations: store.getGenerations(id) })),
      labelSet: store.getLabelSet(labelSetId),
      labels: store.getLabelGenerations(labelSetId).map((g) => store.getLabelGroup(labelSetId, g)),
    };
  }

  /**
   * Fills the store's "disk" with a long run and checks: the run ends `failed` with one clear
   * line, the earlier runs and label set read back identical, and integrity_check is ok.
   */
  async function fillDuringRun(file: string, reopen: () => RunStore): Promise<void> {
    const seed = openStore(file);
    const first = createRunWith(seed, 120, 120);
    const second = createRunWith(seed, 120, 120);
    seed.finishRun(first.id, 'completed');
    seed.finishRun(second.id, 'failed', 'an earlier failure, kept as it was');
    const labelSet = seed.createLabelSet(labelSetInput({}, 6, 40));
    const before = earlierData(seed, [first.id, second.id], labelSet.id);
    seed.close();

    const store = reopen();
    const outcome = await executeRun(store, LONG_RUN);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(new RegExp(`^${escape(file)}: the disk holding the store is full \\(database or disk is full\\); free some space or open a store on another disk`));
    expect(outcome.message).not.toContain('\n');
    const failed = store.getRun(outcome.runId);
    expect(failed?.status).toBe('failed');
    // Whatever was stored before the disk filled is a prefix of the run, nothing more.
    expect(failed!.generationsDone).toBeGreaterThan(0);
    expect(failed!.generationsDone).toBeLessThan(LONG_RUN.generations + 1);
    expect(store.getGenerations(outcome.runId).map((g) => g.t)).toEqual(Array.from({ length: failed!.generationsDone }, (_, t) => t));
    store.close();

    const after = openStore(file);
    expect(earlierData(after, [first.id, second.id], labelSet.id)).toEqual(before);
    expect(after.listRuns().filter((r) => r.status === 'running')).toEqual([]);
    after.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }

  it('(a store capped with max_page_count: SQLITE_FULL as from a full disk) fails the run cleanly and keeps the earlier data', async () => {
    const file = tmp().file();
    // 40 pages more than the seeded store: room for the run row and a few hundred generations.
    await fillDuringRun(file, () => openStore(file, { maxPageCount: pageCount(file) + 40 }));
  });

  describe('(a real 1 MiB tmpfs)', () => {
    const tmpfs = mountTmpfs('1m');
    // Mounting needs root with CAP_SYS_ADMIN; the max_page_count case above covers the same path
    // everywhere else.
    it.skipIf(!tmpfs.available)(`fails the run cleanly and keeps the earlier data${tmpfs.available ? '' : ` (skipped: ${tmpfs.reason})`}`, async () => {
      const file = `${tmpfs.dir()}/runs.sqlite`;
      await fillDuringRun(file, () => openStore(file));
    });

    it.skipIf(!tmpfs.available)('refuses to create a new store on it once it is full: STORE_FULL, in one line', () => {
      // Whatever the previous test left free, take it all.
      const filler = `${tmpfs.dir()}/filler`;
      const fd = openSync(filler, 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(PAGE, 1));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      const file = `${tmpfs.dir()}/new.sqlite`;
      const error = captureStoreError(() => openStore(file));
      expect(error.code).toBe('STORE_FULL');
      expect(error.message).toBe(`${file}: the disk holding the store is full (database or disk is full); free some space or open a store on another disk`);
    });
  });
});

function pageCount(file: string): number {
  return statSync(file).size / PAGE;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('storeFailure (what the store threw mid-command)', () => {
  it('names the file and the cause for a full disk, a read-only file and damage, and leaves every other error to its caller', () => {
    const full = storeFailure(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'), '/s/runs.sqlite');
    expect(full?.code).toBe('STORE_FULL');
    expect(full?.message).toBe('/s/runs.sqlite: the disk holding the store is full (database or disk is full); free some space or open a store on another disk');
    expect(storeFailure(new Database.SqliteError('x', 'SQLITE_READONLY_DIRECTORY'), 'f')?.code).toBe('STORE_READONLY');
    expect(storeFailure(new Database.SqliteError('x', 'SQLITE_CORRUPT'), 'f')?.code).toBe('STORE_CORRUPT');
    const own = new StoreError('RUN_NOT_FOUND', 'f', 'no run x');
    expect(storeFailure(own, 'f')).toBe(own);
    // A constraint or a busy store is a bug or a wait, not a bad store: the caller words it.
    expect(storeFailure(new Database.SqliteError('x', 'SQLITE_CONSTRAINT_UNIQUE'), 'f')).toBeUndefined();
    expect(storeFailure(new Database.SqliteError('x', 'SQLITE_BUSY'), 'f')).toBeUndefined();
    expect(storeFailure(new Error('disk I/O error'), 'f')).toBeUndefined();
    expect(storeFailure('text', 'f')).toBeUndefined();
  });
});
