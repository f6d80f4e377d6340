import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { newRunInput, sampleConfig, summaries, tempDir } from './helpers';

const FIXTURE = fileURLToPath(new URL('./fixtures/append-run.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Observation {
  done: number;
  rows: number;
  status: string;
}

describe('a reader following a run another process writes', () => {
  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));

  it('sees progress grow batch by batch, always consistent with the stored rows', async () => {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    const total = 40;
    const batch = 5;
    const store = openStore(file);
    const run = store.createRun(newRunInput({ config: sampleConfig(total - 1), generationsTotal: total }));

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', FIXTURE, file, run.id, String(total), String(batch), '30'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));

    const seen: Observation[] = [];
    const observe = () =>
      store.snapshot((read) => {
        const current = read.getRun(run.id);
        return { done: current?.generationsDone ?? -1, rows: read.getGenerations(run.id).length, status: current?.status ?? '' };
      });
    while (running) {
      seen.push(observe());
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    expect(await exited, stderr).toBe(0);
    seen.push(observe());

    // Every read is consistent: progress and rows come from one committed batch.
    for (const o of seen) {
      expect(o.rows).toBe(o.done);
      expect(o.done % batch === 0 || o.done === total).toBe(true);
    }
    // Progress never goes back, and a reader saw it grow several times before the end.
    const done = seen.map((o) => o.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const whileRunning = new Set(seen.filter((o) => o.status === 'running' && o.done > 0).map((o) => o.done));
    expect(whileRunning.size).toBeGreaterThanOrEqual(3);
    expect(seen.filter((o) => o.status === 'completed').every((o) => o.done === total)).toBe(true);

    const final = store.getRun(run.id);
    expect(final).toMatchObject({ status: 'completed', generationsDone: total });
    expect(store.getGenerations(run.id)).toStrictEqual(summaries(0, total));
    store.close();
  }, 10_000);
});
