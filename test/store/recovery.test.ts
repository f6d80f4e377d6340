import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive, openStore } from '../../main/store';
import { createRunWith, epochRow, sampleConfig, summaries, tempDir } from './helpers';

let exited: Promise<number> | undefined;

/**
 * The pid of a process that has already exited. One for the whole file: starting Node takes
 * about half a second, and the pid cannot be reused within a test run except by a wrap-around.
 */
function deadPid(): Promise<number> {
  exited ??= new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => (child.pid === undefined ? reject(new Error('no pid')) : resolve(child.pid)));
  });
  return exited;
}

function setOwnerPid(file: string, runId: string, pid: number, table: 'runs' | 'filters' | 'sweeps' = 'runs'): void {
  const db = new Database(file);
  db.prepare(`UPDATE ${table} SET owner_pid = ? WHERE id = ?`).run(pid, runId);
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

  /** A file store holding one filter left 'training' after 2 epochs, and one ready filter, owned by `host`. */
  function abandonedFilter(host: string): { file: string; id: string; readyId: string } {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    const store = openStore(file, { hostname: host });
    const input = { name: 'f', labelSetId: null, settings: {}, backend: 'cpu' };
    const { id } = store.createFilter(input);
    store.appendTrainingEpochs(id, [epochRow(0), epochRow(1)]);
    const ready = store.createFilter(input);
    store.finishFilter(ready.id, 'ready', { model: { w: [1] } });
    store.close();
    return { file, id, readyId: ready.id };
  }

  it('marks a filter whose training process died as interrupted, with its runs, keeping its epochs', async () => {
    const { file, id, readyId } = abandonedFilter(hostname());
    const pid = await deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    setOwnerPid(file, id, pid, 'filters');
    setOwnerPid(file, readyId, pid, 'filters');
    const withRun = openStore(file);
    const run = createRunWith(withRun, 1, 5);
    withRun.close();
    setOwnerPid(file, run.id, pid);

    const store = openStore(file);
    const filter = store.getFilter(id);
    expect(filter).toMatchObject({
      status: 'interrupted',
      error: `interrupted: process ${pid} ended while the filter was training`,
    });
    expect(filter?.finishedAt).not.toBeNull();
    expect(store.getTrainingEpochs(id)).toStrictEqual([epochRow(0), epochRow(1)]);
    expect(store.getFilter(readyId)).toMatchObject({ status: 'ready', error: null });
    expect(store.getRun(run.id)).toMatchObject({
      status: 'interrupted',
      error: `interrupted: process ${pid} ended while the run was running`,
    });
    store.close();
  });

  it("leaves a training filter of a live process, or of another host, alone", () => {
    const { file, id } = abandonedFilter(hostname());
    const live = openStore(file); // owned by this very process
    expect(live.getFilter(id)).toMatchObject({ status: 'training', error: null, finishedAt: null });
    live.close();

    const elsewhere = abandonedFilter('other-machine');
    const store = openStore(elsewhere.file, { hostname: 'this-machine', isProcessAlive: () => false });
    expect(store.getFilter(elsewhere.id)?.status).toBe('training');
    store.close();
  });

  it('marks a sweep whose process died as interrupted, with its running run; finished sweeps and live ones stay', async () => {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    const first = openStore(file);
    const grid = [{ path: 'seed', values: [1, 2] }];
    const input = { name: 's', preset: null, base: sampleConfig(4), grid, window: null };
    const abandoned = first.createSweep(input);
    const run = createRunWith(first, 2, 5);
    first.setRunSweep(run.id, abandoned.id, { seed: 1 });
    const finished = first.createSweep(input);
    first.finishSweep(finished.id, 'completed');
    const live = first.createSweep(input);
    first.close();
    const pid = await deadPid();
    for (const id of [abandoned.id, finished.id]) setOwnerPid(file, id, pid, 'sweeps');
    setOwnerPid(file, run.id, pid);

    const store = openStore(file);
    expect(store.getSweep(abandoned.id)).toMatchObject({ status: 'interrupted', runCount: 1 });
    expect(store.getSweep(abandoned.id)?.finishedAt).not.toBeNull();
    expect(store.getRun(run.id)).toMatchObject({ status: 'interrupted', sweepId: abandoned.id, sweepPoint: { seed: 1 } });
    expect(store.getSweep(finished.id)?.status).toBe('completed');
    expect(store.getSweep(live.id)).toMatchObject({ status: 'running', finishedAt: null });
    store.close();
  });
});
