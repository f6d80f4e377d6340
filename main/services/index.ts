/** The services: the one API that the CLI, the browser mode and the desktop app all call. */
export { ServiceError, type ServiceErrorCode } from './errors';
export { prepareRun, type RunRequest } from './prepare-run';
export { executeRun, inThreadSimulator, type ExecuteOptions, type RunOutcome, type RunProgress, type Simulator } from './execute-run';
export { exportRun, generationsCsv, type ExportDocument, type TrainingEpoch } from './export-run';
export { listPresets, listRuns, toRunListEntry, type PresetEntry, type RunListEntry } from './catalog';
export { createLabelSet, labelGroups, type LabelSetSource } from './label-sets';
export { trainAndStoreFilter, type TrainRequest, type TrainCallbacks, type TrainOutcome } from './filters';
export { resolveReusedFilter, inlineFilterName, type ReusedFilter } from './neural-run';
export { Workbench, toErrorPayload, type WorkbenchOptions } from './workbench';
export { EventHub } from './event-hub';
export { toRunSummary, toLabelSetInfo, toFilterInfo } from './dto';
export { createWorkbench, autoThreads, runWork, workerSimulator, PARALLEL_WORK_THRESHOLD } from './create-workbench';
export { createInMemoryBridge, RemoteError } from './in-memory-bridge';
export { checkAxis, checkGrid, defaultWindow, describeAxis, expandGrid, formatPoint, parseGridArgument, parseWindow, MAX_SWEEP_POINTS, type GridAxis } from './sweep-grid';
export { parabolaVertex, windowMean, type ParabolaVertex, type WindowMean } from './sweep-stats';
export { bestPoint, loadSweepResults, pointWindow, summarisePoint, sweepVertex, type PointSummary, type SweepBest, type SweepPointResult, type SweepResults, type SweepVertex } from './sweep-results';
export { prepareSweep, runSweep, toSweepListEntry, type SweepListEntry, type SweepOptions, type SweepPlan, type SweepRequest } from './sweep';
