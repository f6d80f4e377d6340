import { useEffect, useState } from 'react';
import { invoke, on } from '../bridge/client';
import { toRunColumns, type RunColumns } from './run-columns';
import { SeriesCache } from './series-cache';

const cache = new SeriesCache();
/** Requests in flight by run id: a run chosen again before its answer came is not asked for twice. */
const inflight = new Map<string, Promise<RunColumns>>();

/**
 * At most this many series requests at once: the services read and send the next run while the
 * page parses the last answer. Measured for 20 runs of 10,001 generations on a loaded 2-core
 * machine: one at a time 2.9-3.7 s, two 1.7-1.8 s, three 2.0-3.1 s, all twenty at once 4.8 s
 * (60 MB queued in the socket before the first answer is read).
 */
export const MAX_IN_FLIGHT = 2;
let active = 0;
const waiting: (() => void)[] = [];

/** Runs `work` once fewer than MAX_IN_FLIGHT requests are out; a finished one hands its place to the next in line. */
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (active < MAX_IN_FLIGHT) active++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

function fetchRun(id: string): Promise<RunColumns> {
  let p = inflight.get(id);
  if (!p) {
    p = slot(() => invoke('compare:series', { runIds: [id] }))
      .then(([series]) => {
        const run = toRunColumns(series);
        // Kept even when the selection moved on: choosing it again then costs nothing.
        cache.put(run);
        return run;
      })
      .finally(() => inflight.delete(id));
    inflight.set(id, p);
  }
  return p;
}

export interface SeriesState {
  /** Loaded series of the chosen runs, by id (only once every chosen run has answered). */
  runs: ReadonlyMap<string, RunColumns>;
  /** While fetching: runs answered out of those asked for. */
  loading: { done: number; total: number } | null;
  /** Runs that could not be loaded, with why. */
  failures: { id: string; error: unknown }[];
  /** The chosen ids these `runs` are for (sorted, comma-joined). */
  key: string;
  /** Milliseconds the last fetch took (null when everything came from the cache). */
  fetchMs: number | null;
}

const EMPTY: SeriesState = { runs: new Map(), loading: null, failures: [], key: '', fetchMs: null };

/**
 * The chosen runs' series, fetched once per change of the selection: finished runs come from a
 * cache, the others with one `compare:series` request per run (MAX_IN_FLIGHT at a time), so the
 * page can count them in (about 3 MB of JSON per run of 10,000 generations) and show progress.
 */
export function useCompareSeries(ids: readonly string[]): SeriesState {
  const key = [...ids].sort().join(',');
  const [state, setState] = useState<SeriesState>(EMPTY);
  const [reloads, setReloads] = useState(0);

  // A chosen run that finishes is fetched again (its series was partial).
  useEffect(
    () =>
      on('run:finished', ({ runId }) => {
        if (!key.split(',').includes(runId)) return;
        // A fetch still in flight holds the run as it was while running: fetch it anew.
        inflight.delete(runId);
        setReloads((n) => n + 1);
      }),
    [key],
  );

  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',');
    const fresh = new Map<string, RunColumns>();
    const missing = wanted.filter((id) => !cache.has(id));
    const collect = (): Map<string, RunColumns> => {
      const out = new Map<string, RunColumns>();
      for (const id of wanted) {
        const run = cache.get(id) ?? fresh.get(id);
        if (run) out.set(id, run);
      }
      return out;
    };
    if (missing.length === 0) {
      setState({ runs: collect(), loading: null, failures: [], key, fetchMs: null });
      return;
    }
    let stale = false;
    const started = performance.now();
    let done = 0;
    const failures: { id: string; error: unknown }[] = [];
    setState((s) => ({ ...s, loading: { done: 0, total: missing.length }, failures: [] }));
    void Promise.all(
      missing.map((id) =>
        fetchRun(id).then(
          (run) => {
            fresh.set(id, run);
            done++;
            if (!stale) setState((s) => ({ ...s, loading: { done, total: missing.length } }));
          },
          (error: unknown) => {
            done++;
            failures.push({ id, error });
          },
        ),
      ),
    ).then(() => {
      if (stale) return;
      setState({ runs: collect(), loading: null, failures, key, fetchMs: performance.now() - started });
    });
    return () => {
      stale = true;
    };
  }, [key, reloads]);

  return state;
}
