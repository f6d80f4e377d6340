import { describe, expect, it } from 'vitest';
import { createKeyedFrameBatcher, type FrameScheduler } from '../../renderer/lib/frame-batcher';

/** A scheduler whose frames the test fires by hand. */
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

describe('createKeyedFrameBatcher', () => {
  it('flushes at most once per frame, with only the latest value per key', () => {
    const frames = fakeFrames();
    const flushes: Array<Record<string, number>> = [];
    const batcher = createKeyedFrameBatcher<string, number>((batch) => flushes.push(Object.fromEntries(batch)), frames);

    for (let done = 1; done <= 100; done++) batcher.push('run-a', done);
    batcher.push('run-b', 7);
    expect(frames.pending()).toBe(1);
    expect(flushes).toEqual([]);

    frames.fire();
    expect(flushes).toEqual([{ 'run-a': 100, 'run-b': 7 }]);

    // Nothing new: no frame is requested and nothing flushes.
    frames.fire();
    expect(flushes).toHaveLength(1);
    expect(frames.pending()).toBe(0);

    batcher.push('run-a', 101);
    frames.fire();
    expect(flushes).toEqual([{ 'run-a': 100, 'run-b': 7 }, { 'run-a': 101 }]);
  });

  it('drops pending updates and cancels its frame when disposed', () => {
    const frames = fakeFrames();
    const flushes: unknown[] = [];
    const batcher = createKeyedFrameBatcher<string, number>((batch) => flushes.push(batch), frames);
    batcher.push('run-a', 1);
    batcher.dispose();
    expect(frames.pending()).toBe(0);
    batcher.push('run-a', 2);
    frames.fire();
    expect(flushes).toEqual([]);
  });
});
