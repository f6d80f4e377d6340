/** The engine host: runs engine work off the caller's thread and picks the tfjs backend. */
export { loadTf, loadTfjs, sharedTf, preferredBackend, BackendChoiceError, BACKEND_ORDER, backendLabel, explainLoadFailure, type BackendReport, type BackendAttempt, type BackendName, type LoadedTf, type Importer } from './tf-backend';
export { runParallel, splitReplicates, type ParallelOptions } from './parallel-run';
export { sourceWorkerFactory, type WorkerFactory } from './worker-factory';
export { inThreadTrainer, workerTrainer, type Trainer } from './trainers';
