import { ServiceError } from '../errors';
import { runSweep, toSweepListEntry, type SweepOptions } from '../sweep';
import { loadSweepResults, type SweepResults } from '../sweep-results';
import { progressThrottle, type DomainHandlers, type ServiceContext } from './context';

/**
 * What a caller in the same process follows of the sweeps it starts, beyond the contract's
 * events: every generation of each point's run, each point's summary as it ends, and the
 * sweep's results or the error that stopped it. The CLI's `sweep` prints these.
 */
export interface SweepWatch extends Pick<SweepOptions, 'onRunProgress' | 'onPoint'> {
  onEnd?: (results: SweepResults) => void;
  onError?: (error: unknown) => void;
}

/**
 * sweeps:*: stored sweeps, and a sweep started as one background job (its points run one after
 * another, as `sweep` runs them; docs/cli.md).
 */
export function sweepHandlers(
  ctx: Pick<ServiceContext, 'store' | 'events' | 'jobs' | 'loadTf' | 'simulatorFor' | 'progressIntervalMs'>,
  watch: SweepWatch = {},
): DomainHandlers<'sweeps'> {
  const { store, events, jobs } = ctx;
  return {
    'sweeps:list': () => store.listSweeps().map(toSweepListEntry),
    'sweeps:get': ({ id }) => {
      if (!store.getSweep(id)) throw new ServiceError('BAD_REQUEST', `no sweep '${id}'`);
      return loadSweepResults(store, id);
    },
    'sweeps:start': async (request) => {
      const progress = progressThrottle(events, ctx.progressIntervalMs);
      const sweepId = await jobs.start(
        'sweep',
        ({ signal, created }) =>
          runSweep(store, request, {
            signal,
            loadTf: ctx.loadTf,
            simulatorFor: ctx.simulatorFor,
            onStarted: (sweep) => {
              created(sweep.id);
              events.emit('store:changed', { what: 'sweeps' });
            },
            onPointStarted: () => events.emit('store:changed', { what: 'runs' }),
            onRunProgress: (p, at) => {
              progress(p);
              watch.onRunProgress?.(p, at);
            },
            onPoint: (r, total) => {
              if (r.runId !== null) events.emit('run:finished', { runId: r.runId, status: r.status === 'not-started' || r.status === 'running' ? 'interrupted' : r.status, message: null });
              watch.onPoint?.(r, total);
            },
          }),
        {
          onEnd: (results, id) => {
            events.emit('sweep:finished', { sweepId: id, status: results.status === 'running' ? 'interrupted' : results.status });
            events.emit('store:changed', { what: 'sweeps' });
            watch.onEnd?.(results);
          },
          onError: (error) => watch.onError?.(error),
        },
      );
      return { sweepId };
    },
    'sweeps:cancel': ({ id }) => ({ cancelled: jobs.cancel('sweep', id) }),
  };
}
