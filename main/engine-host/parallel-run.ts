import { MessageChannel, type Worker } from 'node:worker_threads';
import {
  GenerationSummariser,
  MIXTURE_STRIDE,
  SimulationAborted,
  SimulationFailure,
  type FilterModel,
  type GenerationRaw,
  type GenerationSummary,
  type RunConfig,
  type SimulationResult,
} from '../../engine';
import type { FromWorker, RawBatch } from './protocol';
import { sourceWorkerFactory, type WorkerFactory } from './worker-factory';

export interface ParallelOptions {
  /** Worker threads to split the replicates over (at most R). */
  threads: number;
  onGeneration?: (summary: GenerationSummary) => void;
  signal?: AbortSignal;
  filterModel?: FilterModel;
  factory?: WorkerFactory;
  /** Longest a worker computes before sending its generations (default 50 ms). */
  batchMs?: number;
}

/** Replicate block sizes for `threads` workers: as equal as possible, larger blocks first. */
export function splitReplicates(replicates: number, threads: number): number[] {
  const k = Math.max(1, Math.min(threads, replicates));
  const base = Math.floor(replicates / k);
  return Array.from({ length: k }, (_, i) => base + (i < replicates % k ? 1 : 0));
}

/** Batches a worker may have in flight before it waits for the host (bounds memory). */
const CREDITS = 4;

/**
 * Runs a simulation with its replicates split across worker threads and merges their
 * generations, in replicate order, into the same summaries as the single-thread
 * `runSimulation`, bit for bit. Cancelling terminates the workers at once; a worker that throws
 * or dies fails the run without taking the host down.
 */
export async function runParallel(config: Readonly<RunConfig>, options: ParallelOptions): Promise<SimulationResult> {
  const sizes = splitReplicates(config.replicates, options.threads);
  const factory = options.factory ?? sourceWorkerFactory;
  const summariser = new GenerationSummariser(config);
  const workers: Worker[] = [];
  // Per worker: generations received but not yet merged, as views into its batches.
  const queues: { t: number; raw: GenerationRaw; batch: RawBatch; last: boolean }[][] = sizes.map(() => []);
  const credits = sizes.map(() => new Int32Array(new SharedArrayBuffer(4)));
  // Merged batches go back to their worker for reuse (block-worker.ts BufferPool).
  const recycle = sizes.map(() => new MessageChannel());
  let nextT = 0;
  let last: GenerationSummary | undefined;
  let settled = false;

  return new Promise<SimulationResult>((resolve, reject) => {
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of workers) void w.terminate();
      for (const c of recycle) c.port1.close();
      if (error) reject(error);
      else resolve({ generations: config.generations + 1, last: last! });
    };
    const onAbort = (): void => finish(new SimulationAborted(nextT));
    if (options.signal?.aborted) return finish(new SimulationAborted(0));
    options.signal?.addEventListener('abort', onAbort);

    const mergeReady = (): void => {
      try {
        while (!settled && nextT <= config.generations && queues.every((q) => q.length > 0 && q[0].t === nextT)) {
          const parts = queues.map((q) => q.shift()!);
          last = summariser.summarise(parts.map((p) => p.raw));
          parts.forEach((p, i) => {
            if (p.last) {
              // The whole batch is merged: its buffers go back, and the worker may send another.
              const b = p.batch;
              const buffers = [b.sampleSizes, b.errSq, b.diversity, b.kept, b.contraction, b.testErr, b.mixture, b.paths].filter((a): a is Float64Array => a !== null).map((a) => a.buffer as ArrayBuffer);
              recycle[i].port1.postMessage({ buffers }, buffers);
              Atomics.add(credits[i], 0, 1);
              Atomics.notify(credits[i], 0);
            }
          });
          // Advanced before the callback: a cancel from inside it names the next generation.
          nextT++;
          options.onGeneration?.(last);
        }
        if (nextT > config.generations) finish(null);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };

    let first = 0;
    sizes.forEach((count, i) => {
      const worker = factory();
      workers.push(worker);
      credits[i][0] = CREDITS;
      worker.on('message', (msg: FromWorker) => {
        if (settled) return;
        if (msg.type === 'raw') {
          for (let g = 0; g < msg.n; g++) {
            const slice = (a: Float64Array): Float64Array => a.subarray(g * count, (g + 1) * count);
            queues[i].push({
              t: msg.t0 + g,
              batch: msg,
              last: g === msg.n - 1,
              raw: {
                t: msg.t0 + g,
                sampleSize: msg.sampleSizes[g],
                errSq: slice(msg.errSq),
                diversity: slice(msg.diversity),
                kept: slice(msg.kept),
                contraction: msg.contraction ? slice(msg.contraction) : null,
                testErr: msg.testErr ? slice(msg.testErr) : null,
                mixture: msg.mixture ? msg.mixture.subarray(g * count * MIXTURE_STRIDE, (g + 1) * count * MIXTURE_STRIDE) : null,
                paths: msg.paths ? msg.paths.subarray(g * msg.pathsLength, (g + 1) * msg.pathsLength) : null,
                pathSize: msg.pathSize,
                hasDiversity: msg.hasDiversity,
              },
            });
          }
          mergeReady();
        } else if (msg.type === 'failed') {
          finish(msg.generation !== null ? new SimulationFailure(msg.generation, msg.message) : new Error(`worker failed: ${msg.name}: ${msg.message}`));
        }
      });
      worker.on('error', (error) => finish(new Error(`worker crashed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`worker exited with code ${code} before finishing its replicates`));
      });
      worker.postMessage({
        type: 'block',
        config,
        first,
        count,
        filterModel: options.filterModel,
        credits: credits[i].buffer as SharedArrayBuffer,
        batchMs: options.batchMs ?? 50,
        recycle: recycle[i].port2,
      }, [recycle[i].port2]);
      first += count;
    });
  });
}
