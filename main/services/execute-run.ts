import { ENGINE_VERSION, JS_BACKEND, runSimulation, SimulationAborted, SimulationFailure, trainingSettings, type AbortSignalLike, type EpochRecord, type FilterModel, type GenerationSummary, type RunConfig, type SimulationResult } from '../../engine';
import { backendLabel, inThreadTrainer, loadRunInputs, type LoadedTf, type Trainer } from '../engine-host';
import { createRunWriter, storeFailure, type NewRunInput, type RunRecord, type RunStatus, type WritableRunStore } from '../store';
import { trainAndStoreFilter } from './filters';
import { createLabelSet, labelGroups } from './label-sets';
import { inlineFilterName, resolveReusedFilter } from './neural-run';

export interface RunProgress {
  readonly runId: string;
  /** Generations finished so far (t + 1 of the last one). */
  readonly done: number;
  readonly total: number;
  readonly last: GenerationSummary;
}

export interface ExecuteOptions {
  signal?: AbortSignalLike;
  onProgress?: (p: RunProgress) => void;
  /** Called once the run row exists, before the first generation. */
  onStarted?: (runId: string) => void;
  /** Neural runs that train inline: every training epoch as it ends. */
  onEpoch?: (record: EpochRecord) => void;
  /** Loads tfjs on its best backend; only neural runs that train inline call it. */
  loadTf?: () => Promise<LoadedTf>;
  /** How generations are computed: in this thread (default) or split across worker threads. */
  simulate?: Simulator;
  /** Where an inline filter trains (default: this thread, on `loadTf`'s backend). */
  trainer?: Trainer;
}

/** Computes a validated run's generations; `runSimulation` and the host's `runParallel` both fit. */
export type Simulator = (
  config: Readonly<RunConfig>,
  options: { onGeneration: (s: GenerationSummary) => void; signal?: AbortSignalLike; filterModel?: FilterModel },
) => Promise<SimulationResult>;

/** The in-thread simulator, yielding to Node's event loop so signals and I/O keep flowing. */
export const inThreadSimulator: Simulator = (config, options) => runSimulation(config, { ...options, inputs: loadRunInputs(config), yieldToHost: yieldToNode });

export interface RunOutcome {
  readonly runId: string;
  readonly status: Exclude<RunStatus, 'running'>;
  /** Generations stored (T + 1 when completed). */
  readonly generations: number;
  /** The last stored generation's `error` object, or null when none was stored. */
  readonly finalError: GenerationSummary['error'] | null;
  /** Why a run failed or was interrupted. */
  readonly message: string | null;
}

/** Lets Node's event loop (signals, timers, messages) run between generations. */
const yieldToNode = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs a validated config to the end and stores it: the run row first (status `running`), then
 * generations in batched transactions as they are computed, then `completed`, `failed` (with the
 * engine's message) or `interrupted` (cancelled). Never leaves a half-written run `completed`.
 */
export async function executeRun(store: WritableRunStore, config: Readonly<RunConfig>, options: ExecuteOptions = {}): Promise<RunOutcome> {
  // Everything that can refuse the run is checked before the run row is written.
  const reused = resolveReusedFilter(store, config);
  const trainsInline = config.filter.kind === 'neural' && !reused;
  if (trainsInline && !options.loadTf) throw new Error('executeRun: a neural run that trains its filter needs loadTf');
  const loaded = trainsInline ? await options.loadTf!() : null;
  const backend = reused
    ? `${JS_BACKEND}; filter ${reused.id} trained on ${reused.backend}`
    : loaded
      ? `${JS_BACKEND}; filter trained on ${backendLabel(loaded.report)}`
      : JS_BACKEND;
  const run = createRunRow(store, {
    name: config.name,
    preset: config.preset ?? null,
    config: config as RunConfig,
    seed: config.seed,
    engineVersion: ENGINE_VERSION,
    backend,
    generationsTotal: config.generations + 1,
  });
  const writer = createRunWriter(store, run.id);
  let last: GenerationSummary | null = null;
  let done = 0;
  const outcome = (status: RunOutcome['status'], message: string | null): RunOutcome => ({
    runId: run.id,
    status,
    generations: done,
    finalError: last?.error ?? null,
    message,
  });
  try {
    // Inside the try: if linking the run fails, the run is stored failed, not left running.
    if (reused) store.setRunFilter(run.id, reused.id);
    options.onStarted?.(run.id);
    let filterModel: FilterModel | undefined = reused?.model;
    if (loaded) {
      // docs/experiments.md section 4: machine labels from the run's own model, then training.
      const labelSet = createLabelSet(store, config, { name: `${config.name}: machine labels`, kind: 'machine' });
      const trained = await trainAndStoreFilter(
        store,
        options.trainer ?? inThreadTrainer(async () => loaded),
        { name: inlineFilterName(config), labelSetId: labelSet.id, family: config.model.family, groups: labelGroups(store, labelSet.id), settings: trainingSettings(config) },
        { onEpoch: options.onEpoch, signal: options.signal },
      );
      store.setRunFilter(run.id, trained.filter.id);
      if (!trained.result) {
        const status = trained.filter.status === 'interrupted' ? 'interrupted' : 'failed';
        const message = `filter training ${status}: ${trained.message}`;
        if (status === 'interrupted') writer.interrupt(message);
        else writer.fail(message);
        return outcome(status, message);
      }
      filterModel = trained.result.model;
    }
    await (options.simulate ?? inThreadSimulator)(config, {
      filterModel,
      signal: options.signal,
      onGeneration: (summary) => {
        writer.push(summary);
        last = summary;
        done = summary.t + 1;
        options.onProgress?.({ runId: run.id, done, total: config.generations + 1, last: summary });
      },
    });
    writer.complete();
    return outcome('completed', null);
  } catch (error) {
    if (error instanceof SimulationAborted) {
      writer.interrupt(error.message);
      return outcome('interrupted', error.message);
    }
    // A store that fails mid-run (a full disk, a file made read-only) is named with its cause,
    // in the words toStoreError uses at open, not as an internal error.
    const message =
      error instanceof SimulationFailure
        ? error.message
        : (storeFailure(error, store.file)?.message ?? `internal error: ${error instanceof Error ? error.message : String(error)}`);
    writer.fail(message);
    return outcome('failed', message);
  }
}

/** createRun, with a store that cannot take the row (a full disk) named as a StoreError. */
function createRunRow(store: WritableRunStore, input: NewRunInput): RunRecord {
  try {
    return store.createRun(input);
  } catch (error) {
    throw storeFailure(error, store.file) ?? error;
  }
}
