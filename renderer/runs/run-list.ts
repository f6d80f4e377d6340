import type { EventMap, RunStatus, RunSummary } from '../../preload/contract';

export type LiveProgress = EventMap['run:progress'];

/** A stored run as the Runs page shows it: the summary plus what the live events added. */
export interface RunView extends RunSummary {
  /** The last progress event's rms error while the run computes; null before the first. */
  liveErrorRms: number | null;
}

/** Newest first (the store already answers that way; this keeps it true after merges). */
export function sortNewestFirst<T extends Pick<RunSummary, 'createdAt'>>(runs: readonly T[]): T[] {
  return [...runs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * Lays the latest progress events over the last list from the store. Progress never goes
 * backwards: a list fetched before an event arrived cannot undo it, nor an old event a newer list.
 */
export function mergeLive(runs: readonly RunSummary[], live: ReadonlyMap<string, LiveProgress>): RunView[] {
  return runs.map((run) => {
    const p = live.get(run.id);
    if (!p || run.status !== 'running') return { ...run, liveErrorRms: p?.errorRms ?? null };
    return { ...run, generationsDone: Math.max(run.generationsDone, p.done), generationsTotal: p.total || run.generationsTotal, liveErrorRms: p.errorRms };
  });
}

/** Adds a batch of events to the live map (a new map, so React sees the change). */
export function addProgress(live: ReadonlyMap<string, LiveProgress>, batch: ReadonlyMap<string, LiveProgress>): Map<string, LiveProgress> {
  const next = new Map(live);
  for (const [id, p] of batch) {
    const prev = next.get(id);
    if (!prev || p.done >= prev.done) next.set(id, p);
  }
  return next;
}

/** Forgets live progress of runs that are no longer running (or no longer stored). */
export function pruneLive(live: ReadonlyMap<string, LiveProgress>, runs: readonly RunSummary[]): Map<string, LiveProgress> {
  const running = new Set(runs.filter((r) => r.status === 'running').map((r) => r.id));
  return new Map([...live].filter(([id]) => running.has(id)));
}

export const STATUS_TEXT: Readonly<Record<RunStatus, string>> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The last stored generation's rms error, from a `runs:get` answer. */
export function finalErrorRms(generations: readonly { error: { rms: number } }[]): number | null {
  return generations.length > 0 ? generations[generations.length - 1].error.rms : null;
}
