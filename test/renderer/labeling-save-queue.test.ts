import { describe, expect, it } from 'vitest';
import type { LabelEntryDto } from '../../preload/contract';
import { createSaveQueue } from '../../renderer/labeling/save-queue';

const entry = (idx: number, label: 0 | 1 | null = 1): LabelEntryDto => ({ generation: 1, idx, label });

/** A `labels:save` whose answers the test releases by hand. */
function fakeStore() {
  const calls: { entries: readonly LabelEntryDto[]; resolve: () => void; reject: (e: Error) => void }[] = [];
  const send = (entries: readonly LabelEntryDto[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ entries, resolve, reject });
    });
  return { calls, send };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createSaveQueue', () => {
  it('sends each mark at once, one batch at a time, in order', async () => {
    const store = fakeStore();
    const q = createSaveQueue(store.send);
    expect(q.getState().status).toBe('idle');
    q.push([entry(1)]);
    q.push([entry(1, null)]);
    expect(store.calls).toHaveLength(1);
    expect(q.getState()).toMatchObject({ status: 'saving', pending: 2 });
    store.calls[0].resolve();
    await tick();
    expect(store.calls).toHaveLength(2);
    expect(store.calls[1].entries).toEqual([entry(1, null)]);
    store.calls[1].resolve();
    await q.idle();
    expect(q.getState()).toMatchObject({ status: 'saved', pending: 0, savedEntries: 2, error: null });
  });

  it('keeps a failed batch and everything behind it until a retry succeeds', async () => {
    const store = fakeStore();
    const q = createSaveQueue(store.send);
    q.push([entry(1)]);
    q.push([entry(2)]);
    store.calls[0].reject(new Error('the connection to the Collapse Lab server closed'));
    await q.idle();
    expect(q.getState()).toMatchObject({ status: 'error', pending: 2 });
    expect(String(q.getState().error)).toContain('connection');

    q.retry();
    expect(store.calls).toHaveLength(2);
    expect(store.calls[1].entries).toEqual([entry(1)]);
    store.calls[1].resolve();
    await tick();
    store.calls[2].resolve();
    await q.idle();
    expect(store.calls.map((c) => c.entries[0].idx)).toEqual([1, 1, 2]);
    expect(q.getState()).toMatchObject({ status: 'saved', pending: 0, error: null });
  });

  it('a new mark after a failure sends the failed one first', async () => {
    const store = fakeStore();
    const q = createSaveQueue(store.send);
    q.push([entry(1)]);
    store.calls[0].reject(new Error('down'));
    await q.idle();
    q.push([entry(2)]);
    expect(store.calls[1].entries).toEqual([entry(1)]);
  });

  it('ignores empty batches and tells subscribers about every change', async () => {
    const store = fakeStore();
    const q = createSaveQueue(store.send);
    let seen = 0;
    const off = q.subscribe(() => seen++);
    q.push([]);
    expect(store.calls).toHaveLength(0);
    expect(seen).toBe(0);
    q.push([entry(3)]);
    store.calls[0].resolve();
    await q.idle();
    expect(seen).toBeGreaterThanOrEqual(2);
    off();
    const before = seen;
    q.push([entry(4)]);
    expect(seen).toBe(before);
  });
});
