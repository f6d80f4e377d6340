import { JobRegistry, sweepHandlers, type SweepOptions, type SweepRequest, type SweepResults } from '../services';
import type { RunStore } from '../store';
import { cliHandlers } from './cli-handlers';

/** What `sweep` passes: how points compute, its Ctrl-C, and what it prints as the sweep goes. */
export type SweepJobOptions = Required<Pick<SweepOptions, 'loadTf' | 'simulatorFor'>> & Pick<SweepOptions, 'onRunProgress' | 'onPoint'> & { signal?: AbortSignal };

/**
 * Runs `sweep`'s sweep through the contract's checked `sweeps:start` handler, as the UI starts
 * one, and resolves with its results once it has ended (rejects with what stopped it). The
 * command's signal cancels the job, even one asked for after it fired: the sweep is then stored
 * interrupted without running a point. The store stays the command's to close.
 */
export async function runSweepJob(store: RunStore, request: SweepRequest, options: SweepJobOptions): Promise<SweepResults> {
  const jobs = new JobRegistry(options.signal);
  let settle!: { resolve: (results: SweepResults) => void; reject: (error: unknown) => void };
  const ended = new Promise<SweepResults>((resolve, reject) => (settle = { resolve, reject }));
  const { handlers } = cliHandlers(
    (ctx) =>
      sweepHandlers(
        { store: ctx.store, events: ctx.events, jobs, loadTf: options.loadTf, simulatorFor: options.simulatorFor, progressIntervalMs: 0 },
        { onRunProgress: options.onRunProgress, onPoint: options.onPoint, onEnd: settle.resolve, onError: settle.reject },
      ),
    () => store,
  );
  await handlers['sweeps:start'](request);
  return ended;
}
