/**
 * Recovery with real processes (issue 13, item 16): a writer killed with SIGKILL whose parent
 * has not reaped it (a zombie: kill(pid, 0) still succeeds) is gone, and so is a writer whose
 * pid now belongs to a process that started at another time. Runs, training filters and
 * running sweeps alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, openStore, type RunStore } from '../../main/store';
import { processStartTime, readProcStat } from '../../main/store/proc-stat';
import { createRunWith, sampleConfig, tempDir } from './helpers';

const HAS_PROC = existsSync('/proc/self/stat');
const NO_PROC = HAS_PROC ? '' : ' [skipped: this system has no /proc/PID/stat, so neither zombies nor start times can be seen]';

type Owned = 'runs' | 'filters' | 'sweeps';

interface Rows {
  run: string;
  filter: string;
  sweep: string;
}

/** One row in each owned table, in its working state ('running', 'training', 'running'). */
function createWorkingRows(store: RunStore): Rows {
  const run = createRunWith(store, 2, 5).id;
  const filter = store.createFilter({ name: 'f', labelSetId: null, settings: {}, backend: 'cpu' }).id;
  const sweep = store.createSweep({ name: 's', preset: null, base: sampleConfig(4), grid: [{ path: 'seed', values: [1] }], window: null }).id;
  return { run, filter, sweep };
}

function setOwner(file: string, rows: Rows, owner: { pid: number; start: number | null }): void {
  const db = new Database(file);
  try {
    const entries: [Owned, string][] = [['runs', rows.run], ['filters', rows.filter], ['sweeps', rows.sweep]];
    for (const [table, id] of entries) {
      db.prepare(`UPDATE ${table} SET owner_pid = ?, owner_start = ? WHERE id = ?`).run(owner.pid, owner.start, id);
    }
  } finally {
    db.close();
  }
}

function statuses(store: RunStore, rows: Rows): [string | undefined, string | undefined, string | undefined] {
  return [store.getRun(rows.run)?.status, store.getFilter(rows.filter)?.status, store.getSweep(rows.sweep)?.status];
}

function ownerStarts(file: string): (number | null)[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], number | null>(`SELECT owner_start FROM runs UNION ALL SELECT owner_start FROM filters UNION ALL SELECT owner_start FROM sweeps`)
      .pluck()
      .all();
  } finally {
    db.close();
  }
}

/** Throws unless signal 0 reaches `pid`: what the old liveness check relied on. */
function signalZeroSucceeds(pid: number): boolean {
  process.kill(pid, 0);
  return true;
}

async function until(what: string, ready: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A helper process with one child it never reaps: Node reaps children from its event loop
 * (SIGCHLD, then waitpid), and the helper blocks that loop in Atomics.wait, so the child, once
 * killed, stays a zombie until the helper ends. Resolves with the child's pid.
 */
async function helperWithUnreapedChild(): Promise<{ helper: ChildProcess; pid: number }> {
  const script = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    process.stdout.write(child.pid + '\\n'); // a pipe: written synchronously on Linux
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
  `;
  const helper = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve, reject) => {
    let text = '';
    helper.once('error', reject);
    helper.once('exit', (code, signal) => reject(new Error(`the helper ended early (${code ?? signal})`)));
    helper.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(Number(text.trim()));
    });
  });
  return { helper, pid };
}

describe('recovery judges a writer by /proc, not by kill(pid, 0) alone', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  const helpers: ChildProcess[] = [];
  afterEach(() => {
    // Ending the helper lets init reap the zombie.
    for (const helper of helpers.splice(0)) helper.kill('SIGKILL');
    temps.splice(0).forEach((t) => t.cleanup());
  });
  function storeFile(): string {
    const t = tempDir();
    temps.push(t);
    return t.file();
  }

  describe(`with real processes${NO_PROC}`, () => {
    it.skipIf(!HAS_PROC)("records the writer's start time with every row it owns", () => {
      const file = storeFile();
      const store = openStore(file);
      createWorkingRows(store);
      store.close();
      const own = readProcStat(process.pid)!.startTime;
      expect(ownerStarts(file)).toEqual([own, own, own]);
    });

    it.skipIf(!HAS_PROC)('marks rows of a SIGKILLed, unreaped (zombie) writer interrupted, while kill(pid, 0) still succeeds', async () => {
      const { helper, pid } = await helperWithUnreapedChild();
      helpers.push(helper);
      const start = processStartTime(pid);
      expect(start).not.toBeNull();

      const file = storeFile();
      const first = openStore(file);
      const rows = createWorkingRows(first);
      first.close();
      setOwner(file, rows, { pid, start });

      // Control: while the writer lives, the same rows are left alone.
      const whileAlive = openStore(file);
      expect(statuses(whileAlive, rows)).toEqual(['running', 'training', 'running']);
      whileAlive.close();

      process.kill(pid, 'SIGKILL');
      await until(`process ${pid} to become a zombie`, () => readProcStat(pid)?.state === 'Z');
      expect(signalZeroSucceeds(pid)).toBe(true);
      expect(isProcessAlive(pid)).toBe(false);

      const store = openStore(file);
      expect(statuses(store, rows)).toEqual(['interrupted', 'interrupted', 'interrupted']);
      expect(store.getRun(rows.run)?.error).toBe(`interrupted: process ${pid} ended while the run was running`);
      expect(store.getFilter(rows.filter)?.error).toBe(`interrupted: process ${pid} ended while the filter was training`);
      store.close();
      // Recovery did not wait for the reaping: the writer is still an unreaped zombie.
      expect(readProcStat(pid)?.state).toBe('Z');
      expect(signalZeroSucceeds(pid)).toBe(true);
    });

    it.skipIf(!HAS_PROC)('a zombie writer counts as gone for rows written before start times were recorded', async () => {
      const { helper, pid } = await helperWithUnreapedChild();
      helpers.push(helper);
      const file = storeFile();
      const first = openStore(file);
      const rows = createWorkingRows(first);
      first.close();
      setOwner(file, rows, { pid, start: null });
      process.kill(pid, 'SIGKILL');
      await until(`process ${pid} to become a zombie`, () => readProcStat(pid)?.state === 'Z');

      const store = openStore(file);
      expect(statuses(store, rows)).toEqual(['interrupted', 'interrupted', 'interrupted']);
      store.close();
    });

    it.skipIf(!HAS_PROC)('takes a live pid that started at another time for a reused pid: its rows are interrupted', () => {
      const file = storeFile();
      const first = openStore(file);
      const reused = createWorkingRows(first);
      const same = createWorkingRows(first);
      const unrecorded = createWorkingRows(first);
      first.close();
      const own = processStartTime(process.pid)!;
      // This process is alive; only the start time says whether it is the rows' writer.
      expect(isProcessAlive(process.pid)).toBe(true);
      setOwner(file, reused, { pid: process.pid, start: own - 1 });
      setOwner(file, same, { pid: process.pid, start: own });
      setOwner(file, unrecorded, { pid: process.pid, start: null });

      const store = openStore(file);
      expect(statuses(store, reused)).toEqual(['interrupted', 'interrupted', 'interrupted']);
      expect(store.getRun(reused.run)?.error).toBe(`interrupted: process ${process.pid} ended while the run was running`);
      expect(statuses(store, same)).toEqual(['running', 'training', 'running']);
      // Written before migration 0004: today's pid-only check, and this pid is alive.
      expect(statuses(store, unrecorded)).toEqual(['running', 'training', 'running']);
      store.close();
    });
  });

  describe('with the start time injected (runs everywhere, /proc or not)', () => {
    const alive = { hostname: 'lab-1', isProcessAlive: () => true };

    it('without /proc, rows get no start time and keep the pid-only check', () => {
      const file = storeFile();
      const first = openStore(file, { ...alive, processStartTime: () => null });
      const rows = createWorkingRows(first);
      first.close();
      expect(ownerStarts(file)).toEqual([null, null, null]);
      const store = openStore(file, { ...alive, processStartTime: () => 12345 });
      expect(statuses(store, rows)).toEqual(['running', 'training', 'running']);
      store.close();
    });

    it('compares the recorded start time with the one the pid has now', () => {
      const file = storeFile();
      const first = openStore(file, { ...alive, processStartTime: () => 500 });
      const rows = createWorkingRows(first);
      first.close();
      expect(ownerStarts(file)).toEqual([500, 500, 500]);

      const unreadable = openStore(file, { ...alive, processStartTime: () => null });
      expect(statuses(unreadable, rows), 'a start time that cannot be read now errs on the safe side').toEqual(['running', 'training', 'running']);
      unreadable.close();
      const same = openStore(file, { ...alive, processStartTime: () => 500 });
      expect(statuses(same, rows)).toEqual(['running', 'training', 'running']);
      same.close();
      const other = openStore(file, { ...alive, processStartTime: () => 501 });
      expect(statuses(other, rows)).toEqual(['interrupted', 'interrupted', 'interrupted']);
      other.close();
    });

    it("leaves another host's rows alone whatever their start time", () => {
      const file = storeFile();
      const first = openStore(file, { hostname: 'other-machine', processStartTime: () => 500 });
      const rows = createWorkingRows(first);
      first.close();
      const store = openStore(file, { ...alive, processStartTime: () => 501 });
      expect(statuses(store, rows)).toEqual(['running', 'training', 'running']);
      store.close();
    });
  });
});
