import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../preload/contract';
import { invoke, on } from '../bridge/client';
import { createKeyedFrameBatcher } from '../lib/frame-batcher';
import { addProgress, mergeLive, pruneLive, sortNewestFirst, type LiveProgress, type RunView } from './run-list';

export interface RunsState {
  runs: RunView[] | null;
  error: unknown;
  refresh: () => void;
}

/**
 * The stored runs, kept current: reloaded when the store changes or a run finishes, with
 * `run:progress` events laid over them at most once per animation frame.
 */
export function useRuns(): RunsState {
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [live, setLive] = useState<ReadonlyMap<string, LiveProgress>>(() => new Map());
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const id = ++latest.current;
    invoke('runs:list', undefined).then(
      (list) => {
        if (id !== latest.current) return;
        setRuns(sortNewestFirst(list));
        setLive((l) => pruneLive(l, list));
        setError(null);
      },
      (e: unknown) => {
        if (id === latest.current) setError(e);
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    const batcher = createKeyedFrameBatcher<string, LiveProgress>((batch) => setLive((l) => addProgress(l, batch)));
    const offs = [
      on('run:progress', (p) => batcher.push(p.runId, p)),
      on('run:finished', () => refresh()),
      on('store:changed', ({ what }) => {
        if (what === 'runs') refresh();
      }),
    ];
    return () => {
      batcher.dispose();
      offs.forEach((off) => off());
      latest.current++;
    };
  }, [refresh]);

  return { runs: runs && mergeLive(runs, live), error, refresh };
}
