import { useEffect, useRef, useState } from 'react';
import { invoke } from '../bridge/client';

export interface Suggestion {
  generation: number;
  labels: number[];
  rule: string;
}

export interface SuggestionState {
  /** The machine rule's labels for the generation shown, once loaded. */
  suggestion: Suggestion | null;
  loading: boolean;
  error: unknown;
}

/**
 * The machine rule's labels for a generation (`labels:suggest`), asked for only while the
 * overlay is on, and kept per generation (the rule is deterministic: one request each).
 */
export function useSuggestion(labelSetId: string, generation: number, enabled: boolean): SuggestionState {
  const cache = useRef(new Map<string, Suggestion>());
  const [, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string; loading: boolean; error: unknown } | null>(null);
  const key = `${labelSetId}/${generation}`;

  useEffect(() => {
    if (!enabled || cache.current.has(key)) return;
    let current = true;
    setState({ key, loading: true, error: null });
    invoke('labels:suggest', { labelSetId, generation }).then(
      (r) => {
        cache.current.set(key, { generation, labels: r.labels, rule: r.rule });
        if (current) setState({ key, loading: false, error: null });
        else setVersion((v) => v + 1);
      },
      (error: unknown) => {
        if (current) setState({ key, loading: false, error });
      },
    );
    return () => {
      current = false;
    };
  }, [enabled, key, labelSetId, generation]);

  const mine = state?.key === key ? state : null;
  return {
    suggestion: enabled ? (cache.current.get(key) ?? null) : null,
    loading: enabled && (mine?.loading ?? false),
    error: enabled ? (mine?.error ?? null) : null,
  };
}
