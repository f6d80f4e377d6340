import { useCallback, useEffect, useRef, useState } from 'react';

export interface RequestState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Asks again; answers to older requests that arrive late are dropped. */
  reload: () => void;
}

/**
 * Loads one thing from the services when the component mounts (and on `reload`), keeping the
 * last good data on screen while a newer request is in flight.
 */
export function useRequest<T>(load: () => Promise<T>): RequestState<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => {
        if (id === latest.current) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (id === latest.current) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      // Drop answers that arrive after unmount.
      latest.current++;
    };
  }, [reload]);

  return { ...state, reload };
}
