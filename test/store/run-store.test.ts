import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type RunStore } from '../../main/store';
import { captureStoreError, createRunWith, newRunInput, sampleConfig, summaries, summary } from './helpers';

describe('RunStore', () => {
  let store: RunStore;
  beforeEach(() => {
    store = openStore(':memory:', { hostname: 'test-host' });
  });
  afterEach(() => store.close());

  it('creates a running run owned by this process, with its config round-tripped', () => {
    const config = sampleConfig(9);
    const run = store.createRun(newRunInput({ config, preset: null, seed: 42, generationsTotal: 10 }));
    expect(run.id).toMatch(/^[0-9a-z]{8}$/);
    expect(run).toMatchObject({
      name: config.name,
      preset: null,
      status: 'running',
      config,
      seed: 42,
      engine: { version: '0.1.0', backend: 'cpu' },
      finishedAt: null,
      updatedAt: null,
      error: null,
      generationsDone: 0,
      generationsTotal: 10,
    });
    expect(run.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(run.startedAt).toBe(run.createdAt);
    expect(store.getRun(run.id)).toEqual(run);
    expect(store.getRun('nope')).toBeUndefined();
  });

  it('gives back exactly the summaries it was given, nulls included', () => {
    const run = store.createRun(newRunInput({ generationsTotal: 6 }));
    const rows = summaries(0, 6);
    expect(rows.some((r) => r.diversity === null && r.theory.errorMeanSq === null)).toBe(true);
    expect(rows.some((r) => r.testError !== null && r.theory.testError !== null)).toBe(true);
    store.appendGenerations(run.id, rows.slice(0, 4));
    store.appendGenerations(run.id, rows.slice(4));

    const back = store.getGenerations(run.id);
    expect(back).toStrictEqual(rows);
    expect(JSON.stringify(back)).toBe(JSON.stringify(rows)); // same key order, for exports
    const after = store.getRun(run.id);
    expect(after?.generationsDone).toBe(6);
    expect(after?.updatedAt).not.toBeNull();
    expect(store.getGenerations('nope')).toEqual([]);
  });

  it('writes a batch all or nothing', () => {
    const run = createRunWith(store, 2);
    // t = 1 is already stored: the whole batch must be rolled back, progress included.
    expect(() => store.appendGenerations(run.id, [summary(2), summary(1)])).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(store.getGenerations(run.id).map((g) => g.t)).toEqual([0, 1]);
    expect(store.getRun(run.id)?.generationsDone).toBe(2);
  });

  it('refuses NaN and infinities instead of storing them as null', () => {
    const run = createRunWith(store, 0);
    const bad = { ...summary(0), diversity: { mean: Number.NaN, median: 1 } };
    expect(() => store.appendGenerations(run.id, [bad])).toThrow(/diversityMean is NaN/);
    const inf = { ...summary(0), error: { ...summary(0).error, rms: Infinity } };
    expect(() => store.appendGenerations(run.id, [inf])).toThrow(/errorRms is Infinity/);
    expect(store.getGenerations(run.id)).toEqual([]);
  });

  it('names the missing run when appending or finishing an unknown id', () => {
    expect(captureStoreError(() => store.appendGenerations('zzzzzzzz', [summary(0)])).message).toBe(
      ':memory:: no run with id zzzzzzzz',
    );
    expect(captureStoreError(() => store.finishRun('zzzzzzzz', 'failed', 'x')).code).toBe('RUN_NOT_FOUND');
  });

  it('finishes runs, and never marks one completed with generations missing', () => {
    const partial = createRunWith(store, 3, 5);
    const error = captureStoreError(() => store.finishRun(partial.id, 'completed'));
    expect(error.code).toBe('RUN_INCOMPLETE');
    expect(error.message).toBe(`:memory:: run ${partial.id} has 3 of 5 generations stored; it cannot be marked completed`);
    expect(store.getRun(partial.id)?.status).toBe('running');

    store.finishRun(partial.id, 'failed', 'boom');
    expect(store.getRun(partial.id)).toMatchObject({ status: 'failed', error: 'boom', generationsDone: 3 });
    expect(store.getRun(partial.id)?.finishedAt).not.toBeNull();

    const whole = createRunWith(store, 5, 5);
    store.finishRun(whole.id, 'completed');
    expect(store.getRun(whole.id)).toMatchObject({ status: 'completed', error: null, generationsDone: 5 });
  });

  it('refuses generations beyond T', () => {
    const run = createRunWith(store, 0, 2);
    expect(() => store.appendGenerations(run.id, summaries(0, 3))).toThrow(/CHECK constraint/);
    expect(store.getGenerations(run.id)).toEqual([]);
  });

  it('lists runs newest first, runs created in the same millisecond by insertion', () => {
    let clock = Date.parse('2025-03-01T10:00:00.000Z');
    const timed = openStore(':memory:', { now: () => new Date(clock) });
    const a = timed.createRun(newRunInput({ name: 'a' }));
    clock += 1000;
    const b = timed.createRun(newRunInput({ name: 'b' }));
    const c = timed.createRun(newRunInput({ name: 'c' })); // same millisecond as b
    clock -= 5000;
    const old = timed.createRun(newRunInput({ name: 'old' })); // a clock that went backwards
    expect(timed.listRuns().map((r) => r.name)).toEqual(['c', 'b', 'a', 'old']);
    expect(timed.listRuns().map((r) => r.id)).toEqual([c.id, b.id, a.id, old.id]);
    expect(b.createdAt).toBe('2025-03-01T10:00:01.000Z');
    timed.close();
  });

  it('deletes a run together with its generations', () => {
    const kept = createRunWith(store, 2);
    const gone = createRunWith(store, 4);
    expect(store.deleteRun(gone.id)).toBe(true);
    expect(store.deleteRun(gone.id)).toBe(false);
    expect(store.getRun(gone.id)).toBeUndefined();
    // getGenerations reads the generations table itself: an empty answer means the rows are
    // gone, which only happens with foreign_keys=ON and the cascade.
    expect(store.getGenerations(gone.id)).toEqual([]);
    expect(store.getGenerations(kept.id)).toHaveLength(2);
  });

  it('retries a fresh id when one collides', () => {
    const ids = ['aaaaaaaa', 'aaaaaaaa', 'bbbbbbbb'];
    const colliding = openStore(':memory:', { newRunId: () => ids.shift() ?? 'cccccccc' });
    expect(colliding.createRun(newRunInput()).id).toBe('aaaaaaaa');
    expect(colliding.createRun(newRunInput()).id).toBe('bbbbbbbb');
    colliding.close();
  });

  it('reads several queries from one snapshot', () => {
    const run = createRunWith(store, 3);
    const seen = store.snapshot((read) => ({ run: read.getRun(run.id), rows: read.getGenerations(run.id) }));
    expect(seen.rows).toHaveLength(seen.run?.generationsDone ?? -1);
  });
});
