import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { cli, tempDir } from '../cli/cli-driver';
import { spawnCli, type CliProcess } from './cli-process';
import { checkIntegrity, dumpStore, generationRows, openReadOnly, type StoreDump } from './store-dump';

// issue 8, item 1: a CLI process killed with SIGKILL in the middle of a run (or of a filter's
// training) loses nothing but the work it had not stored yet, and the run can be rerun.

/** R = 200 chains, d = 2, n = 100: about 3000 generations a second on one idle core. */
const LONG_RUN = ['--preset', 'xu-fixed-n', '--set', 'replicates=200', '--set', 'generations=3000', '--threads', '1'];
const TOTAL = 3001;
/** Killed once a reader has seen this many generations: several of the writer's 64-row batches. */
const KILL_AFTER = 256;

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * A store holding what a researcher's store holds: finished runs, a sweep, a machine label set
 * and a human one with some labels. Everything the killed process must leave exactly as it was.
 */
async function populatedStore(name: string): Promise<{ file: string; runIds: string[]; labelSetId: string }> {
  const file = join(tmp.dir, name);
  const small = ['--set', 'replicates=20', '--set', 'generations=10', '--db', file, '--json'];
  const runIds: string[] = [];
  for (const preset of ['xu-fixed-n', 'variance-collapse']) {
    const r = await cli(['run', '--preset', preset, ...small]);
    expect(r.code, r.stderr).toBe(0);
    runIds.push(json<{ runId: string }>(r.stdout).runId);
  }
  const sweep = await cli(['sweep', '--preset', 'oracle-ball', '--grid', 'seed=1,2', '--set', 'sampleSize.n0=200', ...small]);
  expect(sweep.code, sweep.stderr).toBe(0);
  const machine = await cli(['label', '--machine', '--set', 'filter.labels.generations=4', '--set', 'filter.labels.candidates=200', '--db', file, '--json']);
  expect(machine.code, machine.stderr).toBe(0);
  const human = await cli(['label', '--labeler', 'ada', '--set', 'filter.labels.generations=2', '--set', 'filter.labels.candidates=50', '--db', file, '--json']);
  expect(human.code, human.stderr).toBe(0);
  const store = openStore(file);
  const humanId = json<{ labelSetId: string }>(human.stdout).labelSetId;
  const [generation] = store.getLabelGenerations(humanId);
  store.saveLabels(humanId, [0, 1, 2, 3].map((idx) => ({ generation, idx, label: (idx % 2) as 0 | 1 })), 'ada');
  for (const run of store.listRuns()) if (!runIds.includes(run.id)) runIds.push(run.id);
  store.close();
  return { file, runIds, labelSetId: json<{ labelSetId: string }>(machine.stdout).labelSetId };
}

/** The export document of every listed run: what a person would compare by hand. */
async function exports(file: string, runIds: readonly string[]): Promise<string[]> {
  const docs: string[] = [];
  for (const id of runIds) {
    const r = await cli(['export', id, '--db', file]);
    expect(r.code, r.stderr).toBe(0);
    docs.push(r.stdout);
  }
  return docs;
}

interface RunView {
  status: string;
  done: number;
  rows: string[];
}

/** Reads a run's row and its generations in one snapshot, without writing (no recovery). */
function readRun(file: string, runId: string): RunView | undefined {
  const db = openReadOnly(file);
  try {
    return db.transaction(() => {
      const run = db.prepare<[string], { status: string; generations_done: bigint }>('SELECT status, generations_done FROM runs WHERE id = ?').get(runId);
      return run ? { status: run.status, done: Number(run.generations_done), rows: generationRows(db, runId) } : undefined;
    })();
  } finally {
    db.close();
  }
}

/** Polls (read-only) until `ready` holds for what it reads; what it read last is returned. */
async function pollUntil<T>(read: () => T | undefined, ready: (v: T) => boolean, child: CliProcess, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  let ended = false;
  void child.exited.then(() => (ended = true));
  for (;;) {
    const v = read();
    if (v !== undefined && ready(v)) return v;
    if (ended) throw new Error(`the CLI ended before ${what}; stderr: ${child.stderr().slice(-500)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function runIdOfPid(file: string, pid: number, table: 'runs' | 'filters'): string | undefined {
  const db = openReadOnly(file);
  try {
    return db.prepare<[number], { id: string }>(`SELECT id FROM ${table} WHERE owner_pid = ? ORDER BY rowid DESC`).get(pid)?.id;
  } finally {
    db.close();
  }
}

describe('a run whose CLI process is killed with SIGKILL', () => {
  let file = '';
  let others: string[] = [];
  let before: StoreDump;
  let beforeExports: string[];
  let killedId = '';
  let seen: RunView;
  let pid = 0;

  beforeAll(async () => {
    const store = await populatedStore('killed-run.sqlite');
    file = store.file;
    others = store.runIds;
    before = dumpStore(file);
    beforeExports = await exports(file, others);

    const child = spawnCli(['run', ...LONG_RUN, '--progress', '--db', file]);
    pid = child.pid;
    // The run row appears once the config is valid; then a reader follows its batches.
    killedId = await pollUntil(() => runIdOfPid(file, pid, 'runs'), () => true, child, 'the run row');
    seen = await pollUntil(() => readRun(file, killedId), (v) => v.done >= KILL_AFTER, child, `${KILL_AFTER} generations`);
    child.child.kill('SIGKILL');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.stderr()).toContain(`xu-fixed-n [`); // --progress: generations were being computed
  });

  it('was mid-run when killed: the file still says running, with a prefix of its generations', () => {
    const raw = readRun(file, killedId)!;
    expect(raw.status).toBe('running');
    expect(seen.status).toBe('running');
    expect(raw.done).toBeGreaterThanOrEqual(seen.done);
    expect(raw.done).toBeLessThan(TOTAL);
  });

  it('the next open marks it interrupted and keeps every generation it stored, exactly as a reader saw them', () => {
    const rawRows = readRun(file, killedId)!.rows;
    const store = openStore(file);
    const run = store.getRun(killedId)!;
    expect(run).toMatchObject({ status: 'interrupted', error: `interrupted: process ${pid} ended while the run was running` });
    expect(run.finishedAt).not.toBeNull();
    const generations = store.getGenerations(killedId);
    store.close();

    expect(run.generationsDone).toBe(rawRows.length);
    expect(generations.map((g) => g.t)).toEqual([...Array(run.generationsDone).keys()]);
    // Complete rows: every statistic a finished generation has (this preset stores no test error).
    for (const g of generations) {
      for (const v of [g.sampleSize, g.error.mean, g.error.rms, g.error.median, g.error.q25, g.error.q75, g.kept.mean, g.theory.errorMeanSq]) {
        expect(Number.isFinite(v), `generation ${g.t}`).toBe(true);
      }
    }
    const after = readRun(file, killedId)!;
    expect(after.rows).toEqual(rawRows);
    expect(after.rows.slice(0, seen.rows.length)).toEqual(seen.rows);
  });

  it('leaves every other run, sweep and label set byte for byte as it was, and the file sound', async () => {
    const notKilled = (table: string, row: Record<string, unknown>): boolean =>
      !(table === 'runs' && row.id === killedId) && !(table === 'generations' && row.run_id === killedId);
    expect(dumpStore(file, notKilled)).toEqual(before);
    expect(await exports(file, others)).toEqual(beforeExports);
    expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
  });

  it('run --from reruns its stored config to the end, with the same numbers bit for bit', async () => {
    const r = await cli(['run', '--from', killedId, '--json', '--db', file]);
    expect(r.code, r.stderr).toBe(0);
    const out = json<{ runId: string; status: string; generations: number }>(r.stdout);
    expect(out).toMatchObject({ status: 'completed', generations: TOTAL });
    expect(out.runId).not.toBe(killedId);

    const store = openStore(file);
    const [killed, rerun] = [store.getRun(killedId)!, store.getRun(out.runId)!];
    store.close();
    expect(rerun.config).toStrictEqual(killed.config);
    expect({ name: rerun.name, preset: rerun.preset, seed: rerun.seed }).toEqual({ name: killed.name, preset: killed.preset, seed: killed.seed });

    const killedRows = readRun(file, killedId)!.rows;
    const rerunRows = readRun(file, out.runId)!.rows;
    expect(rerunRows).toHaveLength(TOTAL);
    expect(killedRows.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(rerunRows.slice(0, killedRows.length)).toEqual(killedRows);
    expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
  });

  it('run --from applies --set on top of the stored config', async () => {
    const r = await cli(['run', '--from', killedId, '--set', 'generations=40', '--json', '--db', file]);
    expect(r.code, r.stderr).toBe(0);
    const id = json<{ runId: string }>(r.stdout).runId;
    const store = openStore(file);
    const [killed, rerun] = [store.getRun(killedId)!, store.getRun(id)!];
    store.close();
    expect(rerun.config).toStrictEqual({ ...killed.config, generations: 40 });
    // A generation's numbers do not depend on how many follow it.
    expect(readRun(file, id)!.rows).toEqual(readRun(file, killedId)!.rows.slice(0, 41));
  });

  it('run --from refuses, writing nothing, an unknown run, a second source, a bad override or a missing store', async () => {
    const runsBefore = dumpStore(file).runs;
    const cases: [string[], RegExp][] = [
      [['--from', 'nosuchid'], /from: no run 'nosuchid'/],
      [['--from', killedId, '--preset', 'xu-fixed-n'], /either --from or --preset/],
      [['--from', killedId, '--set', 'replicates=0'], /replicates/],
      [['--from', killedId, '--threads', 'zero'], /threads/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['run', ...args, '--db', file]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(dumpStore(file).runs).toEqual(runsBefore);

    const missing = join(tmp.dir, 'no-such-store.sqlite');
    const r = await cli(['run', '--from', killedId, '--db', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`from: no store at ${missing}`);
    expect(existsSync(missing)).toBe(false);

    const other = await cli(['label', '--machine', '--from', killedId, '--db', file]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--from is an option of run only');
  });
});

describe('a filter whose train-filter process is killed with SIGKILL', () => {
  it('is marked interrupted on the next open, keeps its epochs, and leaves the label sets and runs intact', async () => {
    const { file, labelSetId } = await populatedStore('killed-training.sqlite');
    const before = dumpStore(file);

    // Far more epochs than it can reach before the kill: it is killed mid-training.
    const child = spawnCli(['train-filter', '--labels', labelSetId, '--set', 'filter.training.epochs=5000', '--set', 'filter.training.patience=0', '--db', file]);
    const filterId = await pollUntil(() => runIdOfPid(file, child.pid, 'filters'), () => true, child, 'the filter row');
    const epochsOf = (): { status: string; epochs: string[] } | undefined => {
      const db = openReadOnly(file);
      try {
        return db.transaction(() => {
          const f = db.prepare<[string], { status: string }>('SELECT status FROM filters WHERE id = ?').get(filterId);
          if (!f) return undefined;
          const epochs = db.prepare<[string], { cls_loss: number; epoch: bigint }>('SELECT epoch, cls_loss FROM training_epochs WHERE filter_id = ? ORDER BY epoch').all(filterId);
          return { status: f.status, epochs: epochs.map((e) => `${e.epoch}:${e.cls_loss}`) };
        })();
      } finally {
        db.close();
      }
    };
    const seen = await pollUntil(epochsOf, (v) => v.epochs.length >= 3, child, '3 stored epochs');
    child.child.kill('SIGKILL');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.stdout()).toMatch(/epoch +3\/5000/);
    const raw = epochsOf()!;
    expect(raw.status).toBe('training');
    expect(raw.epochs.slice(0, seen.epochs.length)).toEqual(seen.epochs);
    expect(raw.epochs.length).toBeLessThan(5000);

    const store = openStore(file);
    const filter = store.getFilter(filterId)!;
    expect(filter).toMatchObject({ status: 'interrupted', error: `interrupted: process ${child.pid} ended while the filter was training`, labelSetId });
    expect(store.getTrainingEpochs(filterId).map((e) => e.epoch)).toEqual([...Array(raw.epochs.length).keys()].map((i) => i + 1));
    store.close();

    expect(epochsOf()).toEqual({ status: 'interrupted', epochs: raw.epochs });
    const notTheFilter = (table: string, row: Record<string, unknown>): boolean =>
      !(table === 'filters' && row.id === filterId) && !(table === 'training_epochs' && row.filter_id === filterId);
    expect(dumpStore(file, notTheFilter)).toEqual(before);
    expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
  });
});
