import { useEffect, useState } from 'react';
import type { RunSummary } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { finalErrorRms } from './run-list';

/** Completed runs never change, so their final error is fetched once per page load. */
const cache = new Map<string, number | null>();

/**
 * The final rms error of each completed run. RunSummary does not carry it, so it is read from
 * `runs:get` (one run at a time, in the background) and cached.
 */
export function useFinalErrors(runs: readonly Pick<RunSummary, 'id' | 'status'>[] | null): ReadonlyMap<string, number | null> {
  const [, setVersion] = useState(0);
  const key = (runs ?? [])
    .filter((r) => r.status === 'completed' && !cache.has(r.id))
    .map((r) => r.id)
    .join(',');

  useEffect(() => {
    if (key === '') return;
    let stopped = false;
    void (async () => {
      for (const id of key.split(',')) {
        if (stopped) return;
        if (cache.has(id)) continue;
        try {
          const detail = await invoke('runs:get', { id });
          cache.set(id, finalErrorRms(detail.generations));
        } catch {
          // Deleted meanwhile, or the connection dropped: leave it blank rather than retry in a loop.
          cache.set(id, null);
        }
        // Re-render even if this effect was superseded: the cache has something new to show.
        setVersion((v) => v + 1);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [key]);

  return cache;
}
