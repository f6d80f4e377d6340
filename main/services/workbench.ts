import type { Handlers } from '../../preload/contract';
import { backendLabel, inThreadTrainer, type LoadedTf, type Trainer } from '../engine-host';
import { isStoreError, type RunStore } from '../store';
import { checkedHandlers } from './channel-args';
import { ServiceError } from './errors';
import { EventHub } from './event-hub';
import type { Simulator } from './execute-run';
import type { ServiceContext } from './handlers/context';
import { bundleHandlers } from './handlers/bundles';
import { filterHandlers } from './handlers/filters';
import { LabelPlanes } from './handlers/label-planes';
import { labelHandlers } from './handlers/labels';
import { runHandlers } from './handlers/runs';
import { sweepHandlers } from './handlers/sweeps';
import { systemHandlers } from './handlers/system';
import { JobRegistry } from './jobs';
import type { RunConfig } from '../../engine';

export interface WorkbenchOptions {
  store: RunStore;
  /** Loads tfjs on its best backend (once per process). */
  loadTf: () => Promise<LoadedTf>;
  /** How a run's generations are computed (worker threads in the app and the browser mode). */
  simulatorFor: (config: Readonly<RunConfig>) => Simulator;
  /** Worker threads a run may use (reported by system:backend). */
  threads: number;
  /** Least time between two progress events of one run (ms). */
  progressIntervalMs?: number;
  /** Where filters train (default: this thread; the app and the browser mode use a worker). */
  trainer?: Trainer;
}

/**
 * The whole API behind one typed handler map (preload/contract.ts): the desktop app's IPC, the
 * browser mode's WebSocket, the CLI and the tests all call these. Each domain's handlers live
 * in `handlers/` (runs, labels, filters, sweeps, bundles, system); this combines them, puts
 * every one behind its channel's argument check (channel-args.ts) and owns the one job
 * registry: runs, trainings and sweeps answer once their row exists and report through events
 * until they finish.
 */
export class Workbench {
  readonly events = new EventHub();
  readonly handlers: Handlers;
  private readonly jobs = new JobRegistry();

  constructor(private readonly options: WorkbenchOptions) {
    const context: ServiceContext = {
      store: options.store,
      events: this.events,
      jobs: this.jobs,
      loadTf: options.loadTf,
      simulatorFor: options.simulatorFor,
      trainer: () => options.trainer ?? inThreadTrainer(options.loadTf),
      threads: options.threads,
      progressIntervalMs: options.progressIntervalMs ?? 100,
    };
    const planes = new LabelPlanes(options.store);
    const handlers = {
      ...runHandlers(context),
      ...labelHandlers(context, planes),
      ...filterHandlers(context, planes),
      ...sweepHandlers(context),
      ...bundleHandlers(context),
      ...systemHandlers(context),
    } satisfies Handlers;
    this.handlers = checkedHandlers<keyof Handlers>(handlers);
  }

  /** Label of the tfjs backend for badges. */
  async backendLabel(): Promise<string> {
    return backendLabel((await this.options.loadTf()).report);
  }

  /** Cancels every job and waits for them to settle (window closing, server stopping, tests). */
  shutdown(): Promise<void> {
    return this.jobs.shutdown();
  }
}

/** Any error as the contract's ErrorPayload: services' codes kept, store errors named, the rest internal. */
export function toErrorPayload(error: unknown): { name: string; code: string; message: string } {
  if (error instanceof ServiceError) return { name: error.name, code: error.code, message: error.message };
  if (isStoreError(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: 'INTERNAL', message: error.message };
  return { name: 'Error', code: 'INTERNAL', message: String(error) };
}
