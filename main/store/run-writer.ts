import type { GenerationSummary } from '../../engine/core/summary-types';
import type { WritableRunStore } from './types';

export interface RunWriterOptions {
  /** Write once this many summaries are buffered. Default 64. */
  batchSize?: number;
  /** Write on a push once this long has passed since the last write. Default 250 ms. */
  maxDelayMs?: number;
  /** Milliseconds clock; injectable for tests. Default Date.now. */
  now?: () => number;
}

export interface RunWriter {
  /** Buffers one summary; writes the buffer when it is full or the last write is old enough. */
  push(summary: GenerationSummary): void;
  /** Writes whatever is buffered now. */
  flush(): void;
  /** Flushes, then marks the run completed (the store refuses if any generation is missing). */
  complete(): void;
  /** Flushes what it can, then marks the run failed with `message`. */
  fail(message: string): void;
  /** Flushes what it can, then marks the run interrupted (e.g. cancelled by the user). */
  interrupt(message?: string): void;
}

/** The part of the store a writer needs; a narrow type keeps fakes in tests honest. */
export type RunWriterStore = Pick<WritableRunStore, 'appendGenerations' | 'finishRun'>;

/**
 * Streams a run's generations into the store in batched transactions: one transaction per
 * generation would make long runs slow, one at the end would show a reader nothing until the
 * run is over. The age check happens on push (no timers), so a writer never outlives its run
 * and tests need no fake timers.
 */
export function createRunWriter(
  store: RunWriterStore,
  runId: string,
  opts: RunWriterOptions = {},
): RunWriter {
  const batchSize = opts.batchSize ?? 64;
  const maxDelayMs = opts.maxDelayMs ?? 250;
  const now = opts.now ?? Date.now;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`expected batchSize to be an integer >= 1 but got ${batchSize}`);
  }
  if (!(maxDelayMs >= 0)) {
    throw new RangeError(`expected maxDelayMs to be >= 0 but got ${maxDelayMs}`);
  }

  let buffer: GenerationSummary[] = [];
  let lastWrite = now();
  let finished = false;

  function assertOpen(action: string): void {
    if (finished) throw new Error(`run ${runId}: cannot ${action}, the run writer has already finished`);
  }

  function flush(): void {
    if (buffer.length === 0) return;
    // The buffer is dropped only after the write succeeded, so a failed write loses nothing.
    store.appendGenerations(runId, buffer);
    buffer = [];
    lastWrite = now();
  }

  /** Flushes if it can; a failed final write must not stop the run from being closed. */
  function flushForClose(message: string): string {
    const pending = buffer.length;
    try {
      flush();
      return message;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `${message} (${pending} buffered generations could not be stored: ${reason})`;
    }
  }

  return {
    push(summary) {
      assertOpen('push a generation');
      buffer.push(summary);
      if (buffer.length >= batchSize || now() - lastWrite >= maxDelayMs) flush();
    },
    flush() {
      flush();
    },
    complete() {
      assertOpen('complete');
      // If the flush throws, the run stays 'running' and the caller can still fail() it.
      flush();
      // Throws RUN_INCOMPLETE unless every generation 0..T is stored.
      store.finishRun(runId, 'completed');
      finished = true;
    },
    fail(message) {
      assertOpen('fail');
      const error = flushForClose(message);
      store.finishRun(runId, 'failed', error);
      finished = true;
    },
    interrupt(message = 'interrupted') {
      assertOpen('interrupt');
      const error = flushForClose(message);
      store.finishRun(runId, 'interrupted', error);
      finished = true;
    },
  };
}
