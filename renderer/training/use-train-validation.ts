import { useEffect, useState } from 'react';
import type { ValidationResult } from '../../preload/contract';
import { invoke } from '../bridge/client';

export interface TrainValidation {
  /** The answer for the latest overrides that have one. */
  result: ValidationResult | null;
  pending: boolean;
  error: unknown;
}

/**
 * Checks the training overrides as the user types, with the very request `filters:train`
 * validates (`{ config: { filter: { kind: 'neural' } }, overrides }`), through `config:validate`.
 */
export function useTrainValidation(overrides: readonly string[], delayMs = 150): TrainValidation {
  const key = JSON.stringify(overrides);
  const [state, setState] = useState<{ key: string | null; result: ValidationResult | null; error: unknown }>({ key: null, result: null, error: null });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      invoke('config:validate', { config: { filter: { kind: 'neural' } }, overrides: JSON.parse(key) as string[] }).then(
        (result) => current && setState({ key, result, error: null }),
        (error: unknown) => current && setState((s) => ({ key, result: s.result, error })),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  return { result: state.result, pending: state.key !== key, error: state.error };
}
