import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunDetail } from '../../preload/contract';
import { invoke, on } from '../bridge/client';

/** Least time between two reloads of a running run: its charts grow a few times a second. */
export const LIVE_RELOAD_MS = 400;

export interface RunDetailState {
  run: RunDetail | null;
  error: unknown;
  reload: () => void;
}

/**
 * One run in full (`runs:get`), kept current: reloaded (at most every LIVE_RELOAD_MS, one
 * request at a time) while its progress events arrive, when it finishes, and when the store's
 * runs change (a note or tag written by the CLI, the run deleted).
 */
export function useRunDetail(runId: string): RunDetailState {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const lastAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(true);

  const reload = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    lastAt.current = Date.now();
    invoke('runs:get', { id: runId })
      .then(
        (r) => {
          if (!alive.current) return;
          setRun(r);
          setError(null);
        },
        (e: unknown) => {
          if (alive.current) setError(e);
        },
      )
      .finally(() => {
        inFlight.current = false;
        if (again.current && alive.current) {
          again.current = false;
          reload();
        }
      });
  }, [runId]);

  /** A reload no sooner than LIVE_RELOAD_MS after the last one. */
  const reloadSoon = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, lastAt.current + LIVE_RELOAD_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      reload();
    }, wait);
  }, [reload]);

  useEffect(() => {
    alive.current = true;
    reload();
    const offs = [
      on('run:progress', (p) => {
        if (p.runId === runId) reloadSoon();
      }),
      on('run:finished', (p) => {
        if (p.runId === runId) reload();
      }),
      on('store:changed', ({ what }) => {
        if (what === 'runs') reloadSoon();
      }),
    ];
    return () => {
      alive.current = false;
      offs.forEach((off) => off());
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [runId, reload, reloadSoon]);

  return { run, error, reload };
}
