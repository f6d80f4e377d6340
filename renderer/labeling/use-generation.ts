import { useEffect, useState } from 'react';
import type { CandidateGroup } from '../../preload/contract';
import { invoke } from '../bridge/client';

export interface GenerationState {
  /** The last group loaded (kept on screen while the next one loads). */
  group: CandidateGroup | null;
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/** One generation's candidates, their labels and their display plane (`labels:candidates`). */
export function useGeneration(labelSetId: string, generation: number): GenerationState {
  const [group, setGroup] = useState<CandidateGroup | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null); // a new request replaces the last one's error
    invoke('labels:candidates', { labelSetId, generation }).then(
      (g) => {
        if (!current) return;
        setGroup(g);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [labelSetId, generation, attempt]);

  return { group: group && group.labelSetId === labelSetId ? group : null, loading, error, retry: () => setAttempt((a) => a + 1) };
}
