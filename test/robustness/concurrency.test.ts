import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../main/engine-host';
import { createWorkbench } from '../../main/services';
import { openStore } from '../../main/store';
import { cli, tempDir } from '../cli/cli-driver';
import { spawnCli } from './cli-process';
import { checkIntegrity, openReadOnly } from './store-dump';

// issue 8, item 3: two CLI processes and the app (a Workbench in this process, as the desktop
// app and the browser mode run it, on worker threads) write one store at the same time; every
// writer finishes, and a reader polling meanwhile only ever sees consistent progress.

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface RunState {
  status: string;
  done: number;
  rows: number;
  minT: number | null;
  maxT: number | null;
}

interface Observation {
  runs: Map<string, RunState>;
  labels: number;
}

/** One snapshot of every run's progress and its rows, and of the saved labels. */
function observe(db: ReturnType<typeof openReadOnly>): Observation {
  return db.transaction(() => {
    const rows = db
      .prepare<[], { id: string; status: string; done: bigint; rows: bigint; min_t: bigint | null; max_t: bigint | null }>(
        `SELECT r.id, r.status, r.generations_done AS done, count(g.t) AS rows, min(g.t) AS min_t, max(g.t) AS max_t
         FROM runs r LEFT JOIN generations g ON g.run_id = r.id GROUP BY r.id`,
      )
      .all();
    const labels = db.prepare<[], { n: bigint }>('SELECT count(*) AS n FROM labels').get()!.n;
    const num = (v: bigint | null): number | null => (v === null ? null : Number(v));
    return {
      runs: new Map(rows.map((r) => [r.id, { status: r.status, done: Number(r.done), rows: Number(r.rows), minT: num(r.min_t), maxT: num(r.max_t) }])),
      labels: Number(labels),
    };
  })();
}

/** Final statuses: once a reader has seen one, the run must keep it (running may only move forward). */
const FINAL = new Set(['completed', 'failed', 'interrupted']);

describe('two CLI runs and the app writing one store at once', () => {
  it('all complete, and a reader polling throughout sees runs grow as gap-free prefixes, never going back', async () => {
    const file = join(tmp.dir, 'shared.sqlite');
    const human = await cli(['label', '--labeler', 'ada', '--set', 'filter.labels.generations=2', '--set', 'filter.labels.candidates=5000', '--db', file, '--json']);
    expect(human.code, human.stderr).toBe(0);
    const labelSetId = (JSON.parse(human.stdout) as { labelSetId: string }).labelSetId;

    const store = openStore(file);
    const wb = createWorkbench({ store, loadTf: () => loadTf({ prefer: 'cpu' }) });
    const reader = openReadOnly(file);
    const seen: Observation[] = [];
    let stop = false;
    const polling = (async () => {
      while (!stop) {
        seen.push(observe(reader));
        await new Promise((r) => setTimeout(r, 10));
      }
      seen.push(observe(reader));
    })();

    try {
      // Each run takes one to two seconds on an idle core, after about a second of starting
      // (a Node process for the CLI, a worker thread for the app), so the three overlap.
      const appFinished = new Promise<{ runId: string; status: string; message: string | null }>((resolve) => {
        wb.events.on('run:finished', resolve);
      });
      const { runId: appRunId } = await wb.handlers['runs:start']({ preset: 'oracle-ball', overrides: ['replicates=50', 'generations=400'] });
      const cliRuns = [
        spawnCli(['run', '--preset', 'xu-fixed-n', '--set', 'replicates=200', '--set', 'generations=3000', '--threads', '1', '--json', '--db', file]),
        spawnCli(['run', '--preset', 'accumulate', '--set', 'replicates=100', '--set', 'generations=1500', '--threads', '1', '--json', '--db', file]),
      ];

      // Meanwhile a person labels in the app: one small write after another.
      let saved = 0;
      const [generation] = store.getLabelGenerations(labelSetId);
      let appRunning = true;
      void appFinished.then(() => (appRunning = false));
      while ((appRunning || saved < 20) && saved < 5000) {
        const r = await wb.handlers['labels:save']({ labelSetId, labeler: 'ada', entries: [{ generation, idx: saved, label: (saved % 2) as 0 | 1 }] });
        expect(r.saved).toBe(1);
        saved++;
        await new Promise((r) => setTimeout(r, 5));
      }

      const exits = await Promise.all(cliRuns.map((c) => c.exited));
      exits.forEach((e, i) => expect(e, cliRuns[i].stderr()).toEqual({ code: 0, signal: null }));
      const cliOutcomes = cliRuns.map((c) => JSON.parse(c.stdout()) as { runId: string; status: string; generations: number });
      expect(cliOutcomes.map((o) => [o.status, o.generations])).toEqual([
        ['completed', 3001],
        ['completed', 1501],
      ]);
      expect(await appFinished).toEqual({ runId: appRunId, status: 'completed', message: null });
      expect(store.getRun(appRunId)).toMatchObject({ status: 'completed', generationsDone: 401 });
      expect(store.getLabelSet(labelSetId)?.counts.labelled).toBe(saved);

      stop = true;
      await polling;

      // Every snapshot: done equals the stored rows, and they are exactly t = 0 .. done - 1.
      for (const o of seen) {
        for (const [id, r] of o.runs) {
          expect(r.rows, `run ${id}`).toBe(r.done);
          if (r.rows > 0) expect([r.minT, r.maxT], `run ${id}`).toEqual([0, r.done - 1]);
        }
      }
      // Across snapshots: no run goes back in progress or status, none disappears, labels only grow.
      for (let i = 1; i < seen.length; i++) {
        const [prev, next] = [seen[i - 1], seen[i]];
        expect(next.labels).toBeGreaterThanOrEqual(prev.labels);
        for (const [id, p] of prev.runs) {
          const n = next.runs.get(id);
          expect(n, `run ${id} vanished`).toBeDefined();
          expect(n!.done).toBeGreaterThanOrEqual(p.done);
          if (FINAL.has(p.status)) expect(n!.status).toBe(p.status);
        }
      }
      // The writers really overlapped: some snapshot caught all three runs mid-way.
      const ids = [...cliOutcomes.map((o) => o.runId), appRunId];
      const allMidway = seen.filter((o) => ids.every((id) => o.runs.get(id)?.status === 'running' && o.runs.get(id)!.done > 0));
      expect(allMidway.length).toBeGreaterThan(0);
      expect(seen.length).toBeGreaterThan(20);
    } finally {
      stop = true;
      await polling;
      reader.close();
      await wb.shutdown();
      store.close();
    }
    expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
  });
});
