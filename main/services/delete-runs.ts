import { isStoreError, type ReadableRunStore, type RunRecord, type SweepPoint, type WritableRunStore } from '../store';
import { ServiceError } from './errors';

/** What a deletion removed, for the caller to report (the CLI's line, the UI's toast). */
export interface DeletedRun {
  id: string;
  name: string;
  status: RunRecord['status'];
  /** Generations that went with it. */
  generations: number;
  /** The sweep it was a point of (that point now reads as not run), or null. */
  sweepId: string | null;
  sweepPoint: SweepPoint | null;
}

const quoted = (ids: readonly string[]): string => ids.map((id) => `'${id}'`).join(', ');

/**
 * The runs `ids` name, in the order given, once each, checked as `deleteRuns` checks them: a
 * caller that asks a person first (the CLI on a terminal) shows exactly what will go, and
 * every refusal (ServiceError) names all the ids concerned, in one line.
 */
export function runsToDelete(store: ReadableRunStore, ids: readonly string[]): RunRecord[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new ServiceError('BAD_REQUEST', 'give the id of at least one run to delete (see `runs`)');
  return store.snapshot((s) => {
    const found = unique.map((id) => ({ id, run: s.getRun(id) }));
    const missing = found.filter((f) => f.run === undefined).map((f) => f.id);
    if (missing.length > 0) {
      throw new ServiceError('RUN_NOT_FOUND', `no run ${quoted(missing)} in ${s.file} (see \`runs\`); nothing was deleted`);
    }
    const running = found.filter((f) => f.run!.status === 'running').map((f) => f.id);
    if (running.length > 0) {
      const one = running.length === 1;
      throw new ServiceError(
        'RUN_RUNNING',
        `run ${quoted(running)} ${one ? 'is' : 'are'} still running (another process is writing ${one ? 'it' : 'them'}); stop ${one ? 'it' : 'them'} first; nothing was deleted`,
      );
    }
    return found.map((f) => f.run!);
  });
}

/**
 * Deletes the runs with their generations, all or nothing (one store transaction). A run of a
 * sweep leaves the sweep in place with its other runs: its point reads as not run in the
 * sweep's summary, and `sweeps` counts one run fewer (store/run-deletion.ts says why that stays
 * consistent). Filters and label sets are never deleted with a run: other runs may use them.
 */
export function deleteRuns(store: WritableRunStore, ids: readonly string[]): DeletedRun[] {
  runsToDelete(store, ids);
  let deleted: RunRecord[];
  try {
    deleted = store.deleteRuns(ids);
  } catch (error) {
    // Another process changed the store between the check and the transaction (deleted one
    // of the runs, say): checking again names what changed, in the same words as above.
    if (isStoreError(error) && (error.code === 'RUN_NOT_FOUND' || error.code === 'RUN_RUNNING')) runsToDelete(store, ids);
    throw error;
  }
  return deleted.map((r) => ({ id: r.id, name: r.name, status: r.status, generations: r.generationsDone, sweepId: r.sweepId, sweepPoint: r.sweepPoint }));
}
