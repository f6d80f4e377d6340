import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { invoke } from '../bridge/client';
import { createSaveQueue, type SaveQueue, type SaveState } from './save-queue';

/**
 * The label set's save queue (`labels:save`, one batch per mark, in order) and its state. While
 * anything is unsaved, leaving the page asks first, so closing the window loses nothing.
 */
export function useSaveQueue(labelSetId: string, labeler: string): [SaveQueue, SaveState] {
  const queue = useMemo(() => createSaveQueue((entries) => invoke('labels:save', { labelSetId, labeler, entries: [...entries] })), [labelSetId, labeler]);
  const state = useSyncExternalStore(queue.subscribe, queue.getState);

  useEffect(() => {
    const guard = (event: BeforeUnloadEvent): void => {
      if (queue.getState().pending === 0) return;
      event.preventDefault();
      // Older browsers and Electron show the prompt only with a return value set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [queue]);

  return [queue, state];
}
