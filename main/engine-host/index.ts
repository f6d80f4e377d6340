/** The engine host: runs engine work off the caller's thread and picks the tfjs backend. */
export { loadTf, loadTfjs, sharedTf, releaseBackends, preferredBackend, BackendChoiceError, BACKEND_ORDER, backendLabel, explainLoadFailure, type BackendReport, type BackendAttempt, type BackendName, type LoadedTf, type Importer, type LoadOptions } from './tf-backend';
export { WORKLOADS, DEFAULT_WORKLOAD, isWorkloadName, type WorkloadName, type WorkloadProfile } from './workloads';
export { calibrationFile, storedCalibration, saveCalibration, orderByFigures, figureLine, type Calibration, type CalibrationFigure } from './calibration';
export { calibrate } from './calibrate';
export { probeSteps, type StepStatus } from './probe-steps';
export { adapterLabel, describeAdapter, prepareGpuEnvironment, type AdapterReport } from './webgpu-step';
export { runParallel, splitReplicates, type ParallelOptions } from './parallel-run';
export { sourceWorkerFactory, type WorkerFactory } from './worker-factory';
export { inThreadTrainer, workerTrainer, type Trainer } from './trainers';
export { loadRunInputs, loadMnist, mnistDataFolder } from './run-inputs';
