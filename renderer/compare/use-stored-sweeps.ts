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
  opening: boolean;
  error: unknown;
  openSweep: (id: string) => void;
  dismissError: () => void;
}

/** Stored sweeps: listed (again when runs are stored), and opened with `sweeps:get`. */
export function useStoredSweeps(onOpened: (group: SweepGroup) => void): StoredSweeps {
  const listed = useRequest(() => invoke('sweeps:list', undefined));
  const [open, setOpen] = useState<SweepGroup | null>(null);
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

  const openSweep = useCallback((id: string) => {
    setOpening(true);
    setError(null);
    invoke('sweeps:get', { id })
      .then((detail) => {
        const group = fromSweepDetail(detail);
        if (!group || group.members.length === 0) throw new Error(`sweep ${detail.name} has no stored runs yet`);
        setOpen(group);
        onOpenedRef.current(group);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setOpening(false));
  }, []);

  return { list: listed.data ?? [], open, opening, error, openSweep, dismissError: () => setError(null) };
}
