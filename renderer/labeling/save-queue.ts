import type { LabelEntryDto } from '../../preload/contract';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface SaveState {
  status: SaveStatus;
  /** Batches not yet confirmed by the store (the one in flight included). */
  pending: number;
  /** The last failure, kept until a save succeeds. */
  error: unknown;
  /** Candidates written by the last successful batches, in total. */
  savedEntries: number;
}

export interface SaveQueue {
  /** Queues one mark operation's entries; they are sent after every earlier batch. */
  push(entries: readonly LabelEntryDto[]): void;
  /** Sends again what failed (and everything queued behind it). */
  retry(): void;
  getState(): SaveState;
  /** For useSyncExternalStore; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Settles once nothing is in flight (tests, and the page's "still saving" guard). */
  idle(): Promise<void>;
}

/**
 * Saves label edits as they are made, one batch at a time and in order, so an undo sent right
 * after its mark can never reach the store first. A failed batch stays at the head of the queue
 * (with everything behind it) until `retry` or the next push sends it again: nothing is dropped.
 */
export function createSaveQueue(send: (entries: readonly LabelEntryDto[]) => Promise<unknown>): SaveQueue {
  const queue: (readonly LabelEntryDto[])[] = [];
  const listeners = new Set<() => void>();
  let state: SaveState = { status: 'idle', pending: 0, error: null, savedEntries: 0 };
  let running = false;
  let waiters: (() => void)[] = [];

  const set = (patch: Partial<SaveState>): void => {
    state = { ...state, ...patch, pending: queue.length };
    listeners.forEach((l) => l());
  };

  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    set({ status: 'saving' });
    while (queue.length > 0) {
      const batch = queue[0];
      try {
        await send(batch);
      } catch (error) {
        running = false;
        set({ status: 'error', error });
        flushWaiters();
        return;
      }
      queue.shift();
      set({ savedEntries: state.savedEntries + batch.length, error: null });
    }
    running = false;
    set({ status: 'saved' });
    flushWaiters();
  };

  const flushWaiters = (): void => {
    const due = waiters;
    waiters = [];
    due.forEach((w) => w());
  };

  return {
    push(entries) {
      if (entries.length === 0) return;
      queue.push(entries);
      if (running) set({});
      else void run();
    },
    retry() {
      if (queue.length > 0) void run();
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle() {
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
