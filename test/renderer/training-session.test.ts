import { describe, expect, it } from 'vitest';
import type { FrameScheduler } from '../../renderer/lib/frame-batcher';
import type { EpochRecord } from '../../renderer/training/epoch-series';
import { TrainingSession } from '../../renderer/training/training-session';

function fakeFrames(): FrameScheduler & { fire(): void; pending(): number } {
  let next = 1;
  const callbacks = new Map<number, () => void>();
  return {
    request(cb) {
      callbacks.set(next, cb);
      return next++;
    },
    cancel(handle) {
      callbacks.delete(handle);
    },
    fire() {
      const due = [...callbacks.values()];
      callbacks.clear();
      due.forEach((cb) => cb());
    },
    pending: () => callbacks.size,
  };
}

const rec = (epoch: number): EpochRecord => ({ epoch, clsLoss: 1 / epoch, contrLoss: 0, essLoss: 0, accuracy: 0.9, contractionSatisfied: 1 });

describe('TrainingSession', () => {
  it('tells its listeners at most once per frame however many epochs arrive', () => {
    const frames = fakeFrames();
    let clock = 0;
    const session = new TrainingSession('f1', 200, { scheduler: frames, now: () => clock });
    let calls = 0;
    session.subscribe(() => calls++);
    const before = session.getSnapshot();

    for (let e = 1; e <= 50; e++) {
      clock += 10;
      session.push(rec(e), 200);
    }
    expect(frames.pending()).toBe(1);
    expect(calls).toBe(0);
    // The data is there at once (charts read it on the flush); the snapshot moves on the flush.
    expect(session.series.length).toBe(50);
    expect(session.getSnapshot()).toBe(before);

    frames.fire();
    expect(calls).toBe(1);
    const snap = session.getSnapshot();
    expect(snap).not.toBe(before);
    expect(snap).toMatchObject({ filterId: 'f1', points: 50, epoch: 50, epochsTotal: 200 });
    expect(snap.rate).toBeCloseTo(100, 6);
    // Stable between flushes (useSyncExternalStore needs it).
    expect(session.getSnapshot()).toBe(snap);

    frames.fire();
    expect(calls).toBe(1);
  });

  it('merges a stored history with live epochs, and requests no frame for nothing new', () => {
    const frames = fakeFrames();
    const session = new TrainingSession('f2', 0, { scheduler: frames, now: () => 0 });
    session.push(rec(3), 40);
    session.backfill([rec(1), rec(2), rec(3)]);
    frames.fire();
    expect(session.series.epochs).toEqual([1, 2, 3]);
    expect(session.getSnapshot().epochsTotal).toBe(40);

    session.backfill([rec(1), rec(2)]);
    session.push(rec(3), 40);
    expect(frames.pending()).toBe(0);
  });

  it('reports no live speed once finished, and nothing after dispose', () => {
    const frames = fakeFrames();
    let clock = 0;
    const session = new TrainingSession('f3', 10, { scheduler: frames, now: () => (clock += 100) });
    for (let e = 1; e <= 5; e++) session.push(rec(e));
    frames.fire();
    expect(session.getSnapshot().rate).toBeCloseTo(10, 6);
    session.finish();
    frames.fire();
    expect(session.getSnapshot().rate).toBeNull();

    let calls = 0;
    session.subscribe(() => calls++);
    session.push(rec(6));
    session.dispose();
    expect(frames.pending()).toBe(0);
    session.push(rec(7));
    frames.fire();
    expect(calls).toBe(0);
  });

  it('takes the x extent from the settings until an event says otherwise, and never below the newest epoch', () => {
    const frames = fakeFrames();
    const session = new TrainingSession('f4', 0, { scheduler: frames, now: () => 0 });
    session.setEpochsTotal(60);
    frames.fire();
    expect(session.getSnapshot().epochsTotal).toBe(60);
    session.backfill([rec(75)]);
    frames.fire();
    expect(session.getSnapshot().epochsTotal).toBe(75);
  });
});
