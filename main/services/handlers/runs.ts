import type { CompareSeries, Handlers } from '../../../preload/contract';
import type { ReadableRunStore, RunRecord } from '../../store';
import { deleteRuns } from '../delete-runs';
import { toRunSummary } from '../dto';
import { ServiceError } from '../errors';
import { executeRun } from '../execute-run';
import { exportRun, generationsCsv, withContractionBound } from '../export-run';
import { prepareRun } from '../prepare-run';
import { progressThrottle, type DomainHandlers, type ServiceContext } from './context';

type RunContext = Pick<ServiceContext, 'store' | 'events' | 'jobs' | 'loadTf' | 'simulatorFor' | 'trainer' | 'progressIntervalMs'>;

/** A stored run with its generations, as `runs:get` and `compare:series` answer it. */
function runWithGenerations(s: ReadableRunStore, id: string): CompareSeries {
  const run = requireRun(s, id);
  // The contraction bound (theory.contractionBound) rides beside a neural run's error, as in the export.
  const { generations } = withContractionBound(run.config, s.getGenerations(id));
  return { run: toRunSummary(run, generations[generations.length - 1]), config: run.config, generations };
}

function requireRun(s: ReadableRunStore, id: string): RunRecord {
  const run = s.getRun(id);
  if (!run) throw new ServiceError('RUN_NOT_FOUND', `no run '${id}'`);
  return run;
}

/** The store refuses a list past its limits with a RangeError: a bad request, not a crash. */
function badRequestOnRange<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof RangeError) throw new ServiceError('BAD_REQUEST', error.message);
    throw error;
  }
}

/**
 * runs:tag and runs:note: what the researcher writes beside a run. They need only the store
 * and the events, so the CLI's `tag` and `note` build just these (cli-handlers.ts).
 */
export function runAnnotationHandlers(ctx: Pick<ServiceContext, 'store' | 'events'>): Pick<Handlers, 'runs:tag' | 'runs:note'> {
  const { store, events } = ctx;
  return {
    'runs:tag': ({ id, add = [], remove = [] }) => {
      requireRun(store, id);
      const run = badRequestOnRange(() => store.editRunTags(id, add, remove));
      events.emit('store:changed', { what: 'runs' });
      return { tags: run.tags };
    },
    'runs:note': ({ id, note }) => {
      requireRun(store, id);
      // An empty note is no note: the page's "clear" and the CLI's --clear store the same NULL.
      const stored = badRequestOnRange(() => store.setRunNote(id, note === '' ? null : note));
      events.emit('store:changed', { what: 'runs' });
      return { note: stored.note };
    },
  };
}

/** runs:* and compare:series: stored runs, and runs started as background jobs. */
export function runHandlers(ctx: RunContext): DomainHandlers<'runs' | 'compare'> {
  const { store, events, jobs } = ctx;
  return {
    ...runAnnotationHandlers(ctx),
    'runs:list': () => store.snapshot((s) => s.listRuns().map((r) => toRunSummary(r, s.lastGeneration(r.id)))),
    'runs:get': ({ id }) =>
      store.snapshot((s) => {
        const { run, config, generations } = runWithGenerations(s, id);
        return { ...run, config, generations };
      }),
    'runs:start': async (request) => {
      const config = prepareRun(request);
      const runId = await jobs.start(
        'run',
        ({ signal, created }) =>
          executeRun(store, config, {
            signal,
            loadTf: ctx.loadTf,
            simulate: ctx.simulatorFor(config),
            trainer: ctx.trainer(),
            onStarted: (id) => {
              created(id);
              events.emit('store:changed', { what: 'runs' });
            },
            onProgress: progressThrottle(events, ctx.progressIntervalMs),
          }),
        {
          onEnd: (outcome, id) => events.emit('run:finished', { runId: id, status: outcome.status, message: outcome.message }),
          // executeRun stores every failure on the run itself; if even that failed the run still ends.
          onError: (error, id) => events.emit('run:finished', { runId: id, status: 'failed', message: error instanceof Error ? error.message : String(error) }),
        },
      );
      return { runId };
    },
    'runs:cancel': ({ id }) => ({ cancelled: jobs.cancel('run', id) }),
    'runs:delete': async ({ id }) => {
      // A running run is cancelled first, so its writer never writes into a deleted row.
      await jobs.stop('run', id);
      if (!store.getRun(id)) return { deleted: false };
      // The CLI's rules: a run another process is still writing is refused, not deleted
      // under its writer; a sweep's run leaves its sweep consistent.
      deleteRuns(store, [id]);
      events.emit('store:changed', { what: 'runs' });
      return { deleted: true };
    },
    'runs:export': ({ id, format }) => {
      const doc = exportRun(store, id);
      const base = `${doc.run.name.replace(/[^\w.-]+/g, '_')}-${id}`;
      return format === 'csv'
        ? { filename: `${base}.csv`, mimeType: 'text/csv', content: generationsCsv(doc.generations) }
        : { filename: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(doc, null, 2)}\n` };
    },
    'compare:series': ({ runIds }) => store.snapshot((s) => runIds.map((id) => runWithGenerations(s, id))),
  };
}
