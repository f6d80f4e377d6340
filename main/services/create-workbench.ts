import { availableParallelism } from 'node:os';
import { sampleSizeAt, type RunConfig } from '../../engine';
import { backendLabel, preferredBackend, runParallel, sharedTf, workerTrainer, type BackendName, type LoadedTf, type WorkerFactory } from '../engine-host';
import type { RunStore } from '../store';
import { inThreadSimulator, type Simulator } from './execute-run';
import { Workbench } from './workbench';

/** Sampled values a run draws: R * d * sum_t n_t. */
export function runWork(config: Readonly<RunConfig>): number {
  let n = 0;
  for (let t = 0; t <= config.generations; t++) n += sampleSizeAt(config.sampleSize, t);
  return n * config.replicates * config.model.dim;
}

/** Below this many sampled values a run is over before a second worker thread would pay off. */
export const PARALLEL_WORK_THRESHOLD = 2e7;

/** Worker threads for a run: every core (at most R) when it is large enough, else one. */
export function autoThreads(config: Readonly<RunConfig>, cores = availableParallelism()): number {
  return runWork(config) >= PARALLEL_WORK_THRESHOLD ? Math.max(1, Math.min(cores, config.replicates)) : 1;
}

/** N worker threads (0: this thread) computing a run's generations. */
export function workerSimulator(threads: number, factory?: WorkerFactory): Simulator {
  if (threads <= 0) return inThreadSimulator;
  return (config, options) =>
    runParallel(config, { threads, factory, onGeneration: options.onGeneration, filterModel: options.filterModel, signal: options.signal as AbortSignal | undefined });
}

/**
 * The workbench as the desktop app and the browser mode run it: every run and every training on
 * worker threads (at least one, so the host's event loop never waits on the engine).
 */
export function createWorkbench(options: { store: RunStore; factory?: WorkerFactory; loadTf?: () => Promise<LoadedTf> }): Workbench {
  const cores = availableParallelism();
  const loadTf = options.loadTf ?? sharedTf;
  return new Workbench({
    store: options.store,
    loadTf,
    threads: cores,
    // Training runs on a worker too; its badge names the backend the same chain picks here.
    // Training runs on a worker too, starting the chain where the host's does, so its badge
    // names the backend that really trains. A bad $COLLAPSE_LAB_TF_BACKEND fails the training
    // with its one line (from loadTf below), not the app's start.
    trainer: workerTrainer({ factory: options.factory, prefer: preferredOrTop(), backend: async () => backendLabel((await loadTf()).report) }),
    simulatorFor: (config) => workerSimulator(autoThreads(config, cores), options.factory),
  });
}

function preferredOrTop(): BackendName | undefined {
  try {
    return preferredBackend();
  } catch {
    return undefined;
  }
}
