import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GenerationSummary } from '../../engine/core/summary-types';
import { createRunWriter, openStore, StoreError, type RunStore, type RunWriterStore } from '../../main/store';
import { createRunWith, summaries, summary } from './helpers';

/** The real store, with every appendGenerations call's t values recorded. */
function recording(store: RunStore): { store: RunWriterStore; writes: number[][] } {
  const writes: number[][] = [];
  return {
    writes,
    store: {
      appendGenerations(runId: string, rows: readonly GenerationSummary[]) {
        store.appendGenerations(runId, rows);
        writes.push(rows.map((r) => r.t));
      },
      finishRun: (runId, status, error) => store.finishRun(runId, status, error),
    },
  };
}

describe('createRunWriter', () => {
  let store: RunStore;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('writes a batch each time batchSize summaries are buffered', () => {
    const run = createRunWith(store, 0, 10);
    const rec = recording(store);
    const writer = createRunWriter(rec.store, run.id, { batchSize: 4, now: () => 0 });
    summaries(0, 9).forEach((s) => writer.push(s));
    expect(rec.writes).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(store.getRun(run.id)?.generationsDone).toBe(8);
    writer.push(summary(9));
    writer.complete();
    expect(rec.writes).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(store.getRun(run.id)).toMatchObject({ status: 'completed', generationsDone: 10 });
    expect(store.getGenerations(run.id)).toStrictEqual(summaries(0, 10));
  });

  it('writes on a push once maxDelayMs has passed since the last write', () => {
    const run = createRunWith(store, 0, 10);
    const rec = recording(store);
    let clock = 1000;
    const writer = createRunWriter(rec.store, run.id, { batchSize: 100, maxDelayMs: 250, now: () => clock });
    writer.push(summary(0));
    clock += 249;
    writer.push(summary(1));
    expect(rec.writes).toEqual([]);
    clock += 1;
    writer.push(summary(2)); // 250 ms after the writer started
    expect(rec.writes).toEqual([[0, 1, 2]]);
    clock += 100;
    writer.push(summary(3)); // only 100 ms after that write
    expect(rec.writes).toHaveLength(1);
    clock += 150;
    writer.push(summary(4));
    expect(rec.writes).toEqual([[0, 1, 2], [3, 4]]);
  });

  it('defaults to batches of 64', () => {
    const run = createRunWith(store, 0, 100);
    const rec = recording(store);
    const writer = createRunWriter(rec.store, run.id, { now: () => 0 });
    summaries(0, 64).forEach((s) => writer.push(s));
    expect(rec.writes.map((w) => w.length)).toEqual([64]);
  });

  it('flush writes what is buffered, and nothing when the buffer is empty', () => {
    const run = createRunWith(store, 0, 10);
    const rec = recording(store);
    const writer = createRunWriter(rec.store, run.id, { batchSize: 10, now: () => 0 });
    writer.flush();
    writer.push(summary(0));
    writer.flush();
    writer.flush();
    expect(rec.writes).toEqual([[0]]);
  });

  it('refuses to complete a run with generations missing, and the run is not completed', () => {
    const run = createRunWith(store, 0, 5);
    const writer = createRunWriter(store, run.id, { batchSize: 2, now: () => 0 });
    summaries(0, 3).forEach((s) => writer.push(s));
    expect(() => writer.complete()).toThrow(StoreError);
    expect(store.getRun(run.id)).toMatchObject({ status: 'running', generationsDone: 3 });
    // The caller can still close it honestly.
    writer.fail('engine stopped early');
    expect(store.getRun(run.id)).toMatchObject({ status: 'failed', error: 'engine stopped early', generationsDone: 3 });
  });

  it('fail and interrupt flush first, then finish the run', () => {
    const failed = createRunWith(store, 0, 5);
    const w1 = createRunWriter(store, failed.id, { now: () => 0 });
    summaries(0, 2).forEach((s) => w1.push(s));
    w1.fail('diverged');
    expect(store.getRun(failed.id)).toMatchObject({ status: 'failed', error: 'diverged', generationsDone: 2 });

    const cancelled = createRunWith(store, 0, 5);
    const w2 = createRunWriter(store, cancelled.id, { now: () => 0 });
    w2.push(summary(0));
    w2.interrupt();
    expect(store.getRun(cancelled.id)).toMatchObject({ status: 'interrupted', error: 'interrupted', generationsDone: 1 });
    expect(() => w2.push(summary(1))).toThrow(/already finished/);
    expect(() => w2.complete()).toThrow(/already finished/);
  });

  it('keeps the buffer when a write fails, and still fails the run with the reason', () => {
    const run = createRunWith(store, 0, 5);
    let broken = true;
    const flaky: RunWriterStore = {
      appendGenerations(runId, rows) {
        if (broken) throw new Error('disk full');
        store.appendGenerations(runId, rows);
      },
      finishRun: (runId, status, error) => store.finishRun(runId, status, error),
    };
    const writer = createRunWriter(flaky, run.id, { batchSize: 2, now: () => 0 });
    writer.push(summary(0));
    expect(() => writer.push(summary(1))).toThrow('disk full');
    broken = false;
    writer.flush(); // nothing was lost
    expect(store.getRun(run.id)?.generationsDone).toBe(2);

    broken = true;
    writer.push(summary(2));
    writer.fail('engine crashed');
    expect(store.getRun(run.id)).toMatchObject({
      status: 'failed',
      error: 'engine crashed (1 buffered generations could not be stored: disk full)',
      generationsDone: 2,
    });
  });

  it('rejects nonsensical options', () => {
    expect(() => createRunWriter(store, 'x', { batchSize: 0 })).toThrow('expected batchSize to be an integer >= 1 but got 0');
    expect(() => createRunWriter(store, 'x', { maxDelayMs: -1 })).toThrow('expected maxDelayMs to be >= 0 but got -1');
  });
});
