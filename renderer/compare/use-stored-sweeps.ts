import { useCallback, useEffect, useRef, useState } from 'react';
import type { SweepSummaryDto } from '../../preload/contract';
import { invoke, on } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { fromSweepDetail, type SweepGroup } from './sweep';

export interface StoredSweeps {
  /** The store's sweeps (`sweeps:list`), newest first; empty until loaded. */
  list: readonly SweepSummaryDto[];
  /** The sweep opened last, as the sweep view draws it. */
  open: SweepGroup | null;
  /** The id of the sweep opened last, from the moment it is asked for (the page's URL keeps it). */
  openId: string | null;
  opening: boolean;
  error: unknown;
  /** Opens a stored sweep; `choose: false` keeps the chosen runs (a view restored from its URL). */
  openSweep: (id: string, options?: { choose?: boolean }) => void;
  /** Back to no stored sweep. */
  closeSweep: () => void;
  dismissError: () => void;
}

/** Stored sweeps: listed (again when runs are stored), and opened with `sweeps:get`. */
export function useStoredSweeps(onOpened: (group: SweepGroup) => void): StoredSweeps {
  const listed = useRequest(() => invoke('sweeps:list', undefined));
  const [open, setOpen] = useState<SweepGroup | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const latest = useRef(0);
  /** The id of the sweep `open` shows (openId runs ahead of it while a sweep loads). */
  const shownId = useRef<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onOpenedRef = useRef(onOpened);
  onOpenedRef.current = onOpened;
  const { reload } = listed;

  // A sweep stores one run per point: a change to the runs may be a new or finished sweep.
  useEffect(
    () =>
      on('store:changed', ({ what }) => {
        if (what === 'runs') reload();
      }),
    [reload],
  );

  const openSweep = useCallback((id: string, options: { choose?: boolean } = {}) => {
    const request = ++latest.current;
    setOpening(true);
    setOpenId(id);
    setError(null);
    invoke('sweeps:get', { id })
      .then((detail) => {
        if (request !== latest.current) return;
        const group = fromSweepDetail(detail);
        if (!group || group.members.length === 0) throw new Error(`sweep ${detail.name} has no stored runs yet`);
        shownId.current = id;
        setOpen(group);
        if (options.choose !== false) onOpenedRef.current(group);
      })
      .catch((e: unknown) => {
        if (request !== latest.current) return;
        // The sweep shown before stays.
        setError(e);
        setOpenId(shownId.current);
      })
      .finally(() => {
        if (request === latest.current) setOpening(false);
      });
  }, []);

  const closeSweep = useCallback(() => {
    latest.current++;
    shownId.current = null;
    setOpen(null);
    setOpenId(null);
    setOpening(false);
  }, []);

  return { list: listed.data ?? [], open, openId, opening, error, openSweep, closeSweep, dismissError: () => setError(null) };
}
