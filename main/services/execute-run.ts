import { ENGINE_VERSION, JS_BACKEND, runSimulation, SimulationAborted, SimulationFailure, type AbortSignalLike, type GenerationSummary, type RunConfig } from '../../engine';
import { createRunWriter, type RunStatus, type WritableRunStore } from '../store';

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
}

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
  const run = store.createRun({
    name: config.name,
    preset: config.preset ?? null,
    config: config as RunConfig,
    seed: config.seed,
    engineVersion: ENGINE_VERSION,
    backend: JS_BACKEND,
    generationsTotal: config.generations + 1,
  });
  options.onStarted?.(run.id);
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
    await runSimulation(config, {
      signal: options.signal,
      yieldToHost: yieldToNode,
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
    const message = error instanceof SimulationFailure ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    writer.fail(message);
    return outcome('failed', message);
  }
}
