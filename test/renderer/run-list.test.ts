import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../preload/contract';
import { addProgress, finalErrorRms, mergeLive, pruneLive, sortNewestFirst, type LiveProgress } from '../../renderer/runs/run-list';

function run(id: string, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    name: id,
    preset: 'oracle-ball',
    status: 'running',
    createdAt: '2026-11-21T20:00:00.000Z',
    finishedAt: null,
    error: null,
    generationsDone: 0,
    generationsTotal: 301,
    engine: { version: '0.1.0', backend: 'js' },
    filterId: null,
    finalError: null,
    sweepId: null,
    sweepPoint: null,
    note: null,
    tags: [],
    ...over,
  };
}

const progress = (runId: string, done: number, errorRms = 0.1): LiveProgress => ({ runId, done, total: 301, errorRms });

describe('sortNewestFirst', () => {
  it('orders by creation time, newest first, without touching the input', () => {
    const input = [run('a', { createdAt: '2026-01-01T00:00:00.000Z' }), run('b', { createdAt: '2026-03-01T00:00:00.000Z' }), run('c', { createdAt: '2026-02-01T00:00:00.000Z' })];
    expect(sortNewestFirst(input).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(input.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('mergeLive', () => {
  it('lays live progress over running runs and never moves progress backwards', () => {
    const live = new Map([
      ['a', progress('a', 120, 0.05)],
      ['b', progress('b', 10)],
    ]);
    const merged = mergeLive([run('a', { generationsDone: 100 }), run('b', { generationsDone: 50 })], live);
    expect(merged[0]).toMatchObject({ generationsDone: 120, liveErrorRms: 0.05 });
    // The list from the store is further on than the event: the list wins.
    expect(merged[1]).toMatchObject({ generationsDone: 50 });
  });

  it('leaves finished runs as the store says', () => {
    const merged = mergeLive([run('a', { status: 'interrupted', generationsDone: 40 })], new Map([['a', progress('a', 41)]]));
    expect(merged[0].generationsDone).toBe(40);
    expect(merged[0].status).toBe('interrupted');
  });

  it('gives runs without events a null live error', () => {
    expect(mergeLive([run('a')], new Map())[0].liveErrorRms).toBeNull();
  });
});

describe('addProgress and pruneLive', () => {
  it('keeps the furthest event per run, in a new map', () => {
    const live = new Map([['a', progress('a', 100)]]);
    const next = addProgress(
      live,
      new Map([
        ['a', progress('a', 90)],
        ['b', progress('b', 5)],
      ]),
    );
    expect(next).not.toBe(live);
    expect(next.get('a')!.done).toBe(100);
    expect(next.get('b')!.done).toBe(5);
    expect(addProgress(next, new Map([['a', progress('a', 101)]])).get('a')!.done).toBe(101);
  });

  it('forgets runs that finished or were deleted', () => {
    const live = new Map([
      ['a', progress('a', 1)],
      ['b', progress('b', 1)],
      ['gone', progress('gone', 1)],
    ]);
    const pruned = pruneLive(live, [run('a'), run('b', { status: 'completed' })]);
    expect([...pruned.keys()]).toEqual(['a']);
  });
});

describe('finalErrorRms', () => {
  it('reads the last generation, or null without any', () => {
    expect(finalErrorRms([{ error: { rms: 1 } }, { error: { rms: 0.25 } }])).toBe(0.25);
    expect(finalErrorRms([])).toBeNull();
  });
});
