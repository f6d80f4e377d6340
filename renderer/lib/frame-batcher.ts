/** Schedules one callback per frame; `requestAnimationFrame` in the page, a fake in tests. */
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface KeyedFrameBatcher<K, V> {
  /** Records the latest value for `key`; the batch is flushed on the next frame. */
  push(key: K, value: V): void;
  /** Drops anything pending and stops the scheduled flush (component unmounting). */
  dispose(): void;
}

/**
 * Coalesces a stream of keyed updates (progress events, many per run) into at most one
 * `flush` per animation frame, carrying only the latest value per key. This is what keeps
 * React to one render a frame however fast the services push (docs/architecture.md: "updated at
 * most once a frame").
 */
export function createKeyedFrameBatcher<K, V>(flush: (batch: ReadonlyMap<K, V>) => void, scheduler: FrameScheduler = animationFrames): KeyedFrameBatcher<K, V> {
  let pending = new Map<K, V>();
  let handle: number | null = null;
  let disposed = false;

  const run = (): void => {
    handle = null;
    const batch = pending;
    pending = new Map();
    if (batch.size > 0) flush(batch);
  };

  return {
    push(key, value) {
      if (disposed) return;
      pending.set(key, value);
      if (handle === null) handle = scheduler.request(run);
    },
    dispose() {
      disposed = true;
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      pending = new Map();
    },
  };
}
