import { Worker } from 'node:worker_threads';

/**
 * Makes a worker running `block-worker`. Injectable (docs/architecture.md): tests and the CLI use
 * the TypeScript source; the desktop build passes a factory for its bundled worker.
 */
export type WorkerFactory = () => Worker;

/**
 * The development and test factory. Started through build/dev-run.mjs (`npm run cli`, the
 * benchmarks) the worker is the bundle that script keeps fresh beside the entry, named by
 * COLLAPSE_LAB_WORKER_BUNDLE: it starts in milliseconds. Otherwise (vitest, tsx) it is
 * block-worker.ts through the tsx bootstrap, which transpiles the engine again in the thread.
 */
export const sourceWorkerFactory: WorkerFactory = () => {
  const bundle = process.env.COLLAPSE_LAB_WORKER_BUNDLE;
  if (bundle) return new Worker(bundle);
  return new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./block-worker.ts', import.meta.url).href },
  });
};
