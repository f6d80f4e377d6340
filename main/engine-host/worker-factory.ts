import { Worker } from 'node:worker_threads';

/**
 * Makes a worker running `block-worker`. Injectable (architecture.md): tests and the CLI use
 * the TypeScript source through tsx; the desktop build passes a factory for its bundled worker.
 */
export type WorkerFactory = () => Worker;

/** The development and test factory: block-worker.ts through the tsx bootstrap. */
export const sourceWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./block-worker.ts', import.meta.url).href },
  });
