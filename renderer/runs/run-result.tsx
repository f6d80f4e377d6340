import { formatMetric } from '../lib/format';
import type { RunView } from './run-list';

/** The outcome column: final rms error, the live one while computing, or why it stopped. */
export function RunResult({ run, finalRms }: { run: RunView; finalRms: number | null | undefined }) {
  switch (run.status) {
    case 'completed':
      return (
        <span className="result" data-testid="run-result" title="Root mean square of ||theta_T - theta*|| across replicates, last generation">
          rms error {finalRms === undefined ? '…' : formatMetric(finalRms)}
        </span>
      );
    case 'running':
      return (
        <span className="result result-muted" data-testid="run-result">
          {run.liveErrorRms === null ? 'starting…' : `rms error now ${formatMetric(run.liveErrorRms)}`}
        </span>
      );
    case 'failed':
      return (
        <span className="result result-error" data-testid="run-result">
          {run.error ?? 'failed (no message stored)'}
        </span>
      );
    case 'interrupted':
      return (
        <span className="result result-muted" data-testid="run-result">
          {run.error ?? 'interrupted'}
        </span>
      );
  }
}
