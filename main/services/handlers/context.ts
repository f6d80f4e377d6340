import type { Channel, Handlers } from '../../../preload/contract';
import type { LoadedTf, Trainer } from '../../engine-host';
import type { RunStore } from '../../store';
import type { EventHub } from '../event-hub';
import type { Simulator } from '../execute-run';
import type { JobRegistry } from '../jobs';
import type { RunConfig } from '../../../engine';

/** The channels of one domain: every channel named `PREFIX:...`. */
export type ChannelsOf<P extends string> = Extract<Channel, `${P}:${string}`>;

/** The handlers of one domain's channels; the workbench combines them into `Handlers`. */
export type DomainHandlers<P extends string> = Pick<Handlers, ChannelsOf<P>>;

/**
 * What every handler module is built from. Modules take only the parts they use (a `Pick`),
 * so the CLI can build the ones it calls without a job registry or a training backend.
 */
export interface ServiceContext {
  readonly store: RunStore;
  readonly events: EventHub;
  readonly jobs: JobRegistry;
  /** Loads tfjs on its best backend (once per process). */
  readonly loadTf: () => Promise<LoadedTf>;
  /** How a run's generations are computed (worker threads in the app and the browser mode). */
  readonly simulatorFor: (config: Readonly<RunConfig>) => Simulator;
  /** Where filters train (this thread, or a worker in the app and the browser mode). */
  readonly trainer: () => Trainer;
  /** Worker threads a run may use (reported by system:backend). */
  readonly threads: number;
  /** Least time between two progress events of one run (ms). */
  readonly progressIntervalMs: number;
}

/** A function emitting `run:progress` for one run at most every `intervalMs` (and always the last generation). */
export function progressThrottle(events: EventHub, intervalMs: number): (p: { runId: string; done: number; total: number; last: { error: { rms: number } } }) => void {
  let lastProgress = 0;
  return (p) => {
    const now = Date.now();
    if (p.done < p.total && now - lastProgress < intervalMs) return;
    lastProgress = now;
    events.emit('run:progress', { runId: p.runId, done: p.done, total: p.total, errorRms: p.last.error.rms });
  };
}
