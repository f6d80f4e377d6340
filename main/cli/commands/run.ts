import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { trainingSettings, type RunConfig } from '../../../engine';
import { sharedTf } from '../../engine-host';
import { executeRun, prepareRun } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_RUN_FAILED, UsageError, type CliIo } from '../io';
import { generationWork, ProgressBar } from '../progress-bar';
import { runSummary } from '../run-summary';
import type { RunStore } from '../../store';
import { openCliStore, storePath } from '../store-access';
import { simulatorFor, threadsFor } from '../threads';

export function readConfigFile(path: string, cwd: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`config: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`config: ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The validated config of `--preset` / `--config` with `--set` applied; UsageError otherwise. */
export function configFromOptions(command: string, options: CliOptions, io: CliIo, required = true): RunConfig {
  // Only `run` reads a stored run's config; elsewhere the option would be silently ignored.
  if (options.from !== undefined) throw new UsageError(`${command}: --from is an option of run only`);
  if (options.preset === undefined && options.config === undefined && required) {
    throw new UsageError(`${command}: give --preset NAME or --config FILE (see \`presets\` for the names)`);
  }
  if (options.preset !== undefined && options.config !== undefined) {
    throw new UsageError(`${command}: give either --preset or --config, not both`);
  }
  return prepareRun({
    preset: options.preset,
    config: options.config !== undefined ? readConfigFile(options.config, io.cwd) : undefined,
    overrides: options.set,
  });
}

interface RunStart {
  config: RunConfig;
  threads: number;
  store: RunStore;
}

/** `--preset` / `--config`: the store is opened (and possibly created) only once all options are valid. */
function startFromOptions(options: CliOptions, io: CliIo): RunStart {
  const config = configFromOptions('run', options, io);
  const threads = threadsFor(options.threads, config);
  return { config, threads, store: openCliStore(options, io) };
}

/**
 * `--from RUN_ID`: the stored run's config (its seed included) with the `--set` overrides
 * applied, validated as any other. The store must already exist, so that a mistyped path does
 * not leave a new empty store behind; it is closed again if anything is refused.
 */
function startFromStoredRun(runId: string, options: CliOptions, io: CliIo): RunStart {
  if (options.preset !== undefined || options.config !== undefined) {
    throw new UsageError('run: give either --from or --preset / --config, not both');
  }
  const file = storePath(options, io);
  if (file !== ':memory:' && !existsSync(file)) throw new UsageError(`from: no store at ${file}`);
  const store = openCliStore(options, io);
  try {
    const run = store.getRun(runId);
    if (!run) throw new UsageError(`from: no run '${runId}' in ${store.file} (see \`runs\`)`);
    const config = prepareRun({ config: run.config, overrides: options.set });
    return { config, threads: threadsFor(options.threads, config), store };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * `run --preset NAME | --config FILE | --from RUN_ID [--set PATH=VALUE]... [--json]`: runs one
 * experiment and stores it as a new run.
 */
export async function runCommand(options: CliOptions, io: CliIo): Promise<number> {
  const { config, threads, store } = options.from !== undefined ? startFromStoredRun(options.from, options, io) : startFromOptions(options, io);
  try {
    const showProgress = options.progress || io.stderrIsTTY;
    // Created on the first generation, so its clock and ETA leave out any filter training.
    let bar: ProgressBar | undefined;
    const epochs = trainingSettings(config).epochs;
    let trainingBar: ProgressBar | undefined;
    const outcome = await executeRun(store, config, {
      signal: io.signal,
      loadTf: sharedTf,
      simulate: simulatorFor(threads),
      onEpoch: (e) => {
        if (!showProgress) return;
        trainingBar ??= new ProgressBar(io.stderr, `${config.name}: training filter`);
        trainingBar.update(e.epoch, epochs, `L_cls ${e.clsLoss.toFixed(4)} L_contr ${e.contrLoss.toExponential(2)} acc ${e.accuracy.toFixed(3)}`);
      },
      onProgress: (p) => {
        if (trainingBar) {
          trainingBar.finish();
          trainingBar = undefined;
        }
        if (showProgress) bar ??= new ProgressBar(io.stderr, config.name, { work: generationWork(config) });
        bar?.update(p.done, p.total, `rms error ${p.last.error.rms.toPrecision(4)}`);
      },
    });
    bar?.finish();
    if (options.json) {
      const doc: Record<string, unknown> = {
        runId: outcome.runId,
        status: outcome.status,
        generations: outcome.generations,
        finalError: outcome.finalError,
      };
      if (outcome.message) doc.message = outcome.message;
      io.stdout(`${JSON.stringify(doc)}\n`);
    } else {
      io.stdout(runSummary(outcome, store.file, store.lastGeneration(outcome.runId)));
    }
    if (outcome.status !== 'completed') io.stderr(`run ${outcome.runId} ${outcome.status}: ${outcome.message}\n`);
    return outcome.status === 'completed' ? EXIT_OK : outcome.status === 'interrupted' ? EXIT_INTERRUPTED : EXIT_RUN_FAILED;
  } finally {
    store.close();
  }
}
