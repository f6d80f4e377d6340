import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, openStore } from '../../main/store';
import { createRunWith, summaries, tempDir } from './helpers';

/** The pid of a process that has already exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => (child.pid === undefined ? reject(new Error('no pid')) : resolve(child.pid)));
  });
}

function setOwnerPid(file: string, runId: string, pid: number): void {
  const db = new Database(file);
  db.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(pid, runId);
  db.close();
}

describe('recovery on open', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  /** A file store holding one run left 'running' with 3 of 5 generations, owned by `host`. */
  function abandonedRun(host: string): { file: string; id: string } {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    const store = openStore(file, { hostname: host });
    const { id } = createRunWith(store, 3, 5);
    store.close();
    return { file, id };
  }

  it('marks a run whose process died as interrupted and keeps its generations', async () => {
    const { file, id } = abandonedRun(hostname());
    const pid = await deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    setOwnerPid(file, id, pid);

    const store = openStore(file); // real pid check, real hostname
    const run = store.getRun(id);
    expect(run).toMatchObject({
      status: 'interrupted',
      error: `interrupted: process ${pid} ended while the run was running`,
      generationsDone: 3,
    });
    expect(run?.finishedAt).not.toBeNull();
    expect(store.getGenerations(id)).toStrictEqual(summaries(0, 3));
    store.close();
  });

  it('uses the injected liveness check', () => {
    const { file, id } = abandonedRun('lab-1');
    const asked: number[] = [];
    const store = openStore(file, {
      hostname: 'lab-1',
      isProcessAlive: (pid) => {
        asked.push(pid);
        return false;
      },
    });
    expect(asked).toEqual([process.pid]);
    expect(store.getRun(id)?.status).toBe('interrupted');
    store.close();
  });

  it('never touches a run whose owner is alive (another CLI sharing the store)', () => {
    const { file, id } = abandonedRun(hostname());
    // Owned by this very process, which is alive: the default check must say so.
    expect(isProcessAlive(process.pid)).toBe(true);
    const store = openStore(file);
    expect(store.getRun(id)).toMatchObject({ status: 'running', error: null, finishedAt: null });
    store.close();

    const injected = openStore(file, { isProcessAlive: () => true });
    expect(injected.getRun(id)?.status).toBe('running');
    injected.close();
  });

  it("leaves another host's running runs alone, since their processes cannot be seen", () => {
    const { file, id } = abandonedRun('other-machine');
    const store = openStore(file, { hostname: 'this-machine', isProcessAlive: () => false });
    expect(store.getRun(id)?.status).toBe('running');
    store.close();
  });

  it('leaves finished runs as they were', () => {
    const { file, id } = abandonedRun('lab-1');
    const first = openStore(file, { hostname: 'lab-1' });
    first.finishRun(id, 'failed', 'diverged');
    first.close();
    const store = openStore(file, { hostname: 'lab-1', isProcessAlive: () => false });
    expect(store.getRun(id)).toMatchObject({ status: 'failed', error: 'diverged' });
    store.close();
  });
});
