import { trainFilter, TrainingAborted, type AbortSignalLike, type EpochRecord, type LabelGroup, type TrainingResult, type TrainingSettings } from '../../engine';
import type { FromWorker } from './protocol';
import { backendLabel, type BackendName, type LoadedTf } from './tf-backend';
import { prepareGpuEnvironment } from './webgpu-step';
import { sourceWorkerFactory, type WorkerFactory } from './worker-factory';

/** Trains the neural filter somewhere: in this thread (CLI) or on a worker thread (app, browser mode). */
export interface Trainer {
  /** The backend label stored with the filter, known before training starts. */
  backend(): Promise<string>;
  train(
    groups: readonly LabelGroup[],
    family: string,
    settings: Readonly<TrainingSettings>,
    options: { onEpoch?: (record: EpochRecord) => void; signal?: AbortSignalLike },
  ): Promise<TrainingResult>;
}

const yieldToNode = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Training in this thread: simplest for a one-shot CLI command that has nothing else to do. */
export function inThreadTrainer(load: () => Promise<LoadedTf>): Trainer {
  return {
    backend: async () => backendLabel((await load()).report),
    train: async (groups, family, settings, options) => {
      const { trainer } = await load();
      return trainFilter(trainer, groups, family, settings, { ...options, yieldToHost: yieldToNode });
    },
  };
}

/**
 * Training on a worker thread (docs/architecture.md: compute never blocks the host): the worker
 * loads tfjs on the same backend chain, streams every epoch back, and stops at the next epoch
 * when the signal fires (a SharedArrayBuffer flag, since the worker is busy between epochs).
 */
export function workerTrainer(options: { factory?: WorkerFactory; prefer?: BackendName; backend: () => Promise<string> }): Trainer {
  const factory = options.factory ?? sourceWorkerFactory;
  return {
    backend: options.backend,
    train: (groups, family, settings, { onEpoch, signal }) =>
      new Promise<TrainingResult>((resolve, reject) => {
        // Mesa's EGL reads its platform from the real environment, which only this thread can set.
        prepareGpuEnvironment();
        const worker = factory();
        const abort = new Int32Array(new SharedArrayBuffer(4));
        let settled = false;
        let epochs = 0;
        const finish = (error: Error | null, result?: TrainingResult): void => {
          if (settled) return;
          settled = true;
          clearInterval(watch);
          void worker.terminate();
          if (error) reject(error);
          else resolve(result!);
        };
        // AbortSignalLike has no events: poll it, cheaply, while the worker trains.
        const watch = setInterval(() => {
          if (signal?.aborted) Atomics.store(abort, 0, 1);
        }, 20);
        worker.on('message', (msg: FromWorker) => {
          if (settled) return;
          // onEpoch writes to the store: if that throws, the training fails, not the host process.
          try {
            if (msg.type === 'epoch') {
              epochs = msg.record.epoch;
              onEpoch?.(msg.record);
            } else if (msg.type === 'trained') finish(null, msg.result);
            else if (msg.type === 'failed') finish(msg.name === 'TrainingAborted' ? new TrainingAborted(epochs) : new Error(msg.message));
          } catch (error) {
            finish(error instanceof Error ? error : new Error(String(error)));
          }
        });
        worker.on('error', (error) => finish(new Error(`training worker crashed: ${error.message}`)));
        worker.on('exit', (code) => {
          if (!settled) finish(new Error(`training worker exited with code ${code} before it finished`));
        });
        worker.postMessage({
          type: 'train',
          groups: groups.map((g) => ({ generation: g.generation, estimate: [...g.estimate], dim: g.dim, candidates: g.candidates, labels: g.labels })),
          family,
          settings: { ...settings },
          prefer: options.prefer,
          abort: abort.buffer as SharedArrayBuffer,
        });
      }),
  };
}
