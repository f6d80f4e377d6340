import { closestName, PRESETS } from '../../engine';
import { RUN_STATUSES as STORE_RUN_STATUSES, type ReadableRunStore, type RunQuery, type RunRecord, type RunStatus } from '../store';
import { ServiceError } from './errors';

/** Every status a run can have: the store's list (store/statuses.ts). */
export const RUN_STATUSES: readonly RunStatus[] = STORE_RUN_STATUSES;

export interface RunFilter {
  preset?: string;
  /** Checked against RUN_STATUSES (a typo would otherwise list nothing, without a word). */
  status?: string;
  sweepId?: string;
  /** A positive integer: at most this many runs, newest first. */
  limit?: number;
}

function isRunStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(value);
}

/** The checks that need no store: a status that exists, a positive limit. */
function storeFreeQuery(filter: Readonly<RunFilter>): RunQuery {
  const query: RunQuery = {};
  if (filter.status !== undefined) {
    if (!isRunStatus(filter.status)) {
      const hint = closestName(filter.status, RUN_STATUSES);
      throw new ServiceError('BAD_REQUEST', `status: expected one of ${RUN_STATUSES.join(', ')}, got "${filter.status}"${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
    query.status = filter.status;
  }
  if (filter.limit !== undefined) {
    if (!Number.isSafeInteger(filter.limit) || filter.limit < 1) throw new ServiceError('BAD_REQUEST', `limit: expected a positive integer, got ${filter.limit}`);
    query.limit = filter.limit;
  }
  return query;
}

function unknownPreset(name: string): ServiceError {
  const names = PRESETS.map((p) => p.name);
  const hint = closestName(name, names);
  return new ServiceError('UNKNOWN_PRESET', `preset: unknown preset '${name}'${hint ? ` (did you mean ${hint}?)` : ''} (known: ${names.join(', ')})`);
}

const isBuiltIn = (name: string): boolean => PRESETS.some((p) => p.name === name);

const unknownSweep = (id: string, file: string): ServiceError => new ServiceError('BAD_REQUEST', `sweep: no sweep '${id}' in ${file} (see \`sweeps\`)`);

/**
 * Stored runs matching every field of `filter`, newest first (`runs --preset/--status/--sweep
 * /--limit`). Each value is checked first, so that a mistyped one is a ServiceError naming it
 * rather than an empty list that looks like an answer. A preset name is accepted if it is
 * built in or if stored runs carry it (runs imported from a version with other presets).
 */
export function findRuns(store: ReadableRunStore, filter: Readonly<RunFilter>): RunRecord[] {
  const query = storeFreeQuery(filter);
  return store.snapshot((s) => {
    if (filter.preset !== undefined) {
      if (!isBuiltIn(filter.preset) && s.findRuns({ preset: filter.preset, limit: 1 }).length === 0) throw unknownPreset(filter.preset);
      query.preset = filter.preset;
    }
    if (filter.sweepId !== undefined) {
      if (!s.getSweep(filter.sweepId)) throw unknownSweep(filter.sweepId, s.file);
      query.sweepId = filter.sweepId;
    }
    return s.findRuns(query);
  });
}

/**
 * findRuns on a store that does not exist yet (the desktop app's store on a fresh machine,
 * which the CLI lists without creating it): the same checks, against a store that holds no
 * run and no sweep, so the answer is an empty list or the refusal findRuns would give.
 */
export function findRunsInMissingStore(file: string, filter: Readonly<RunFilter>): RunRecord[] {
  storeFreeQuery(filter);
  if (filter.preset !== undefined && !isBuiltIn(filter.preset)) throw unknownPreset(filter.preset);
  if (filter.sweepId !== undefined) throw unknownSweep(filter.sweepId, file);
  return [];
}
