import { useCallback, useState } from 'react';

export interface ActionState {
  busy: boolean;
  /** The last failure and what was being done, until dismissed or the next action starts. */
  failure: { context: string; error: unknown } | null;
  dismiss: () => void;
  /** Runs `action` with `busy` set; a failure is kept under `context` instead of thrown. */
  run: (context: string, action: () => Promise<unknown>) => Promise<void>;
}

/** One button's (or form's) request to the services: busy while it runs, its error shown after. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ActionState['failure']>(null);
  const run = useCallback(async (context: string, action: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure({ context, error });
    } finally {
      setBusy(false);
    }
  }, []);
  const dismiss = useCallback(() => setFailure(null), []);
  return { busy, failure, dismiss, run };
}
