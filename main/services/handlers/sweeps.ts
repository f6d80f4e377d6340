import { ServiceError } from '../errors';
import { runSweep, toSweepListEntry } from '../sweep';
import { loadSweepResults } from '../sweep-results';
import { progressThrottle, type DomainHandlers, type ServiceContext } from './context';

/**
 * sweeps:*: stored sweeps, and a sweep started as one background job (its points run one after
 * another, as `sweep` runs them; docs/cli.md).
 */
export function sweepHandlers(ctx: Pick<ServiceContext, 'store' | 'events' | 'jobs' | 'loadTf' | 'simulatorFor' | 'progressIntervalMs'>): DomainHandlers<'sweeps'> {
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
            onRunProgress: (p) => progress(p),
            onPoint: (r) => {
              if (r.runId !== null) events.emit('run:finished', { runId: r.runId, status: r.status === 'not-started' || r.status === 'running' ? 'interrupted' : r.status, message: null });
            },
          }),
        {
          onEnd: (results, id) => {
            events.emit('sweep:finished', { sweepId: id, status: results.status === 'running' ? 'interrupted' : results.status });
            events.emit('store:changed', { what: 'sweeps' });
          },
        },
      );
      return { sweepId };
    },
    'sweeps:cancel': ({ id }) => ({ cancelled: jobs.cancel('sweep', id) }),
  };
}
