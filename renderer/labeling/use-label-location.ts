import { useCallback, useEffect, useState } from 'react';
import { labelHref, parseLabelLocation, type LabelLocation } from './label-location';

export interface LabelNavigation {
  /** Opens a label set (a new history entry, so Back returns to the list). */
  open(setId: string, generation?: number | null): void;
  /** Back to the list of label sets. */
  close(): void;
  /** Records the generation shown, replacing the history entry (arrow keys must not flood it). */
  showGeneration(generation: number): void;
}

/** The Label page's place (set and generation) in the URL fragment, kept in step with it. */
export function useLabelLocation(): [LabelLocation, LabelNavigation] {
  const [location, setLocation] = useState<LabelLocation>(() => parseLabelLocation(window.location.hash));

  useEffect(() => {
    const onHashChange = (): void => setLocation(parseLabelLocation(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const open = useCallback((setId: string, generation?: number | null) => {
    window.location.hash = labelHref(setId, generation);
    setLocation({ setId, generation: generation ?? null });
  }, []);

  const close = useCallback(() => {
    window.location.hash = labelHref(null);
    setLocation({ setId: null, generation: null });
  }, []);

  const showGeneration = useCallback((generation: number) => {
    setLocation((current) => {
      if (current.setId === null) return current;
      window.history.replaceState(window.history.state, '', labelHref(current.setId, generation));
      return { ...current, generation };
    });
  }, []);

  return [location, { open, close, showGeneration }];
}
