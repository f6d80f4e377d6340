import { useEffect, useState } from 'react';
import type { RunRequest, ValidationResult } from '../../preload/contract';
import { invoke } from '../bridge/client';

export interface Validation {
  /** The answer for the latest request that has one (it may lag the form by one keystroke). */
  result: ValidationResult | null;
  /** True while the answer for the current request is awaited. */
  pending: boolean;
  /** A failed `config:validate` call (not an invalid config: that is `result`). */
  error: unknown;
}

/**
 * Checks the form's request as the user types, with `config:validate`: the same validation the
 * CLI runs. Waits `delayMs` after the last change, and ignores answers to superseded requests.
 */
export function useValidation(request: RunRequest | null, delayMs = 120): Validation {
  const key = request === null ? null : JSON.stringify(request);
  const [state, setState] = useState<{ key: string | null; result: ValidationResult | null; error: unknown }>({ key: null, result: null, error: null });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const timer = setTimeout(() => {
      invoke('config:validate', JSON.parse(key) as RunRequest).then(
        (result) => {
          if (current) setState({ key, result, error: null });
        },
        (error: unknown) => {
          if (current) setState((s) => ({ key, result: s.result, error }));
        },
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  return { result: state.result, pending: key !== null && state.key !== key, error: state.error };
}
