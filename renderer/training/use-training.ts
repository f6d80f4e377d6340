import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventMap, FilterInfo } from '../../preload/contract';
import { invoke, on } from '../bridge/client';
import { TrainingSession } from './training-session';

type EpochEvent = EventMap['training:epoch'];
type FinishedEvent = EventMap['training:finished'];

/** The filter whose curves the page shows: one being trained here, or one opened from the list. */
export interface FilterView {
  filterId: string;
  session: TrainingSession;
  /** Started from this page (elapsed time and speed are measured here). */
  startedHere: boolean;
  /** Wall-clock ms when training started (null when unknown: a stored history). */
  startedAt: number | null;
  /** Wall-clock ms when its `training:finished` arrived. */
  endedAt: number | null;
  /** How it ended, from the event (the stored list may lag a moment behind). */
  outcome: { status: FinishedEvent['status']; message: string | null } | null;
  /** Why the stored history could not be loaded, if it could not. */
  historyError?: unknown;
}

export interface TrainRequest {
  labelSetId: string;
  name?: string;
  overrides: string[];
  epochs: number;
}

export interface Training {
  view: FilterView | null;
  starting: boolean;
  stopping: boolean;
  start(request: TrainRequest): Promise<void>;
  /** Asks the services to cancel; false when they were not training it (a terminal is, or it just ended). */
  stop(): Promise<boolean>;
  open(filter: FilterInfo): void;
}

/** The filter named in the page's address (`#/train?filter=ID`), so a reload shows it again. */
export function filterInAddress(): string | null {
  const query = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(query).get('filter');
}

function showInAddress(filterId: string): void {
  history.replaceState(history.state, '', `#/train?filter=${encodeURIComponent(filterId)}`);
}

function epochsOfSettings(settings: FilterInfo['settings']): number {
  return settings && settings.epochs > 0 ? settings.epochs : 0;
}

/**
 * Starts, stops and follows trainings. Epoch events go straight into the viewed filter's
 * TrainingSession (no React state per epoch: the session tells its charts once a frame); React
 * state changes only when the viewed filter changes or its training ends. Events that arrive
 * while `filters:train` has not answered yet are kept and replayed once its id is known.
 */
export function useTraining(): Training {
  const [view, setView] = useState<FilterView | null>(null);
  const [starting, setStarting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const viewRef = useRef<FilterView | null>(null);
  const pending = useRef<{ epochs: EpochEvent[]; finished: FinishedEvent[] } | null>(null);

  const show = useCallback((next: FilterView | null) => {
    const previous = viewRef.current;
    if (previous && previous.session !== next?.session) previous.session.dispose();
    viewRef.current = next;
    setView(next);
    if (next) showInAddress(next.filterId);
  }, []);

  const finish = useCallback((event: FinishedEvent) => {
    const current = viewRef.current;
    if (!current || current.filterId !== event.filterId) return;
    current.session.finish();
    const next: FilterView = { ...current, endedAt: Date.now(), outcome: { status: event.status, message: event.message } };
    viewRef.current = next;
    setView(next);
    setStopping(false);
  }, []);

  useEffect(() => {
    const offs = [
      on('training:epoch', (event) => {
        const current = viewRef.current;
        if (current && current.filterId === event.filterId) current.session.push(event.epoch, event.epochs);
        else pending.current?.epochs.push(event);
      }),
      on('training:finished', (event) => {
        const current = viewRef.current;
        if (current && current.filterId === event.filterId) finish(event);
        else pending.current?.finished.push(event);
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      viewRef.current?.session.dispose();
    };
  }, [finish]);

  const start = useCallback(
    async ({ labelSetId, name, overrides, epochs }: TrainRequest) => {
      setStarting(true);
      pending.current = { epochs: [], finished: [] };
      const startedAt = Date.now();
      try {
        const { filterId } = await invoke('filters:train', { labelSetId, name, overrides });
        const session = new TrainingSession(filterId, epochs);
        show({ filterId, session, startedHere: true, startedAt, endedAt: null, outcome: null });
        const early = pending.current;
        pending.current = null;
        for (const e of early?.epochs ?? []) if (e.filterId === filterId) session.push(e.epoch, e.epochs);
        for (const e of early?.finished ?? []) if (e.filterId === filterId) finish(e);
      } finally {
        pending.current = null;
        setStarting(false);
      }
    },
    [show, finish],
  );

  const stop = useCallback(async (): Promise<boolean> => {
    const current = viewRef.current;
    if (!current) return false;
    setStopping(true);
    try {
      const { cancelled } = await invoke('filters:cancel', { filterId: current.filterId });
      // Not a job of these services (it ended meanwhile, or a terminal trains it): nothing will come.
      if (!cancelled) setStopping(false);
      return cancelled;
    } catch (error) {
      setStopping(false);
      throw error;
    }
  }, []);

  const open = useCallback(
    (filter: FilterInfo) => {
      if (viewRef.current?.filterId === filter.id) return;
      const session = new TrainingSession(filter.id, epochsOfSettings(filter.settings));
      const training = filter.status === 'training';
      show({ filterId: filter.id, session, startedHere: false, startedAt: training ? Date.parse(filter.createdAt) : null, endedAt: null, outcome: null });
      setStopping(false);
      invoke('filters:history', { filterId: filter.id }).then(
        (records) => session.backfill(records),
        (historyError: unknown) => {
          const current = viewRef.current;
          if (current?.session !== session) return;
          viewRef.current = { ...current, historyError };
          setView(viewRef.current);
        },
      );
    },
    [show],
  );

  return { view, starting, stopping, start, stop, open };
}
