import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FilterInfo } from '../../preload/contract';
import { formatDuration } from '../lib/format';
import { ErrorNotice } from '../shell/error-notice';
import { CurveCard } from './curve-card';
import { CURVES, formatFraction, formatLoss } from './curve-options';
import { averageRate, formatRate, remainingMs } from './epoch-rate';
import { FilterStatus } from './filter-status';
import type { FilterView } from './use-training';

interface Props {
  view: FilterView | null;
  /** The stored filter, once the list has it. */
  filter: FilterInfo | null;
  bestEpoch: number | null;
  stopping: boolean;
  stopError: unknown;
  onStop: () => void;
}

/** The live view: status, epoch counter, time and speed, Stop, the log toggle and the four charts. */
export function TrainingMonitor({ view, filter, bestEpoch, stopping, stopError, onStop }: Props) {
  const [log, setLog] = useState(false);

  if (!view) {
    return (
      <section className="train-monitor train-monitor-idle" aria-labelledby="monitor-title" data-testid="train-monitor">
        <h2 id="monitor-title">Training curves</h2>
        <div className="empty">
          <h3>Nothing training</h3>
          <p>Choose a label set and press Start training: L_cls, L_contr, L_ess and the held-out metrics draw here epoch by epoch. Or open a stored filter below to see its history.</p>
        </div>
      </section>
    );
  }

  const status: FilterInfo['status'] = view.outcome?.status ?? filter?.status ?? 'training';
  const running = status === 'training';
  return (
    <section className="train-monitor" aria-labelledby="monitor-title" data-testid="train-monitor" data-filter-id={view.filterId} data-status={status}>
      <div className="monitor-head">
        <h2 id="monitor-title">
          {filter?.name ?? 'Filter'} <span className="mono train-id">{view.filterId}</span>
        </h2>
        <FilterStatus status={status} metrics={filter?.metrics} />
        <div className="monitor-actions">
          <label className="toggle">
            <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="log-toggle" />
            Log scale for losses
          </label>
          {running && (
            <button type="button" className="button-danger-text" onClick={onStop} disabled={stopping} data-testid="stop-training">
              {stopping ? 'Stopping…' : 'Stop'}
            </button>
          )}
        </div>
      </div>
      <LiveStats view={view} running={running} />
      <p className="visually-hidden" role="status" data-testid="train-announce">
        {running ? 'Training' : status === 'ready' ? 'Training finished: the filter is ready' : status === 'failed' ? 'Training failed' : 'Training stopped'}
      </p>
      {stopError !== null && <ErrorNotice error={stopError} context="Could not stop the training" />}
      {view.historyError !== undefined && <ErrorNotice error={view.historyError} context="Could not load the training history" />}
      {(status === 'failed' || status === 'interrupted') && (
        <p className={`notice ${status === 'failed' ? 'notice-error' : 'notice-warn'}`} role="status" data-testid="train-outcome">
          <span>
            {status === 'failed' ? 'Training failed: ' : 'Stopped before the end: '}
            {view.outcome?.message ?? filter?.error ?? 'no reason stored'}.{' '}
            {status === 'interrupted' && 'The services keep only filters that finish, so this one has no weights to use; start again to get one.'}
          </span>
        </p>
      )}
      <div className="curve-grid">
        {CURVES.map((def) => (
          <CurveCard key={def.id} def={def} session={view.session} log={log} bestEpoch={bestEpoch} running={running} />
        ))}
      </div>
    </section>
  );
}

/** Re-renders itself once a frame at most (the session's flush) and every half second while running. */
function LiveStats({ view, running }: { view: FilterView; running: boolean }) {
  const snap = useSyncExternalStore(view.session.subscribe, view.session.getSnapshot);
  const now = useNow(running && view.startedAt !== null ? 500 : null);
  const elapsed = view.startedAt === null ? null : (view.endedAt ?? now) - view.startedAt;
  const rate = running ? snap.rate : view.startedHere && elapsed !== null ? averageRate(snap.epoch, elapsed) : null;
  const eta = running ? remainingMs(snap.epoch, snap.epochsTotal, snap.rate) : null;
  const last = snap.last;
  return (
    <div className="live-stats" data-testid="live-stats">
      <div className="epoch-progress">
        <progress
          value={snap.epoch}
          max={Math.max(snap.epochsTotal, 1)}
          aria-label="Epochs trained"
          aria-valuenow={snap.epoch}
          aria-valuemin={0}
          aria-valuemax={snap.epochsTotal}
          aria-valuetext={`epoch ${snap.epoch} of ${snap.epochsTotal}`}
        />
        <span className="epoch-count" data-testid="epoch-count" data-epoch={snap.epoch}>
          epoch <strong>{snap.epoch}</strong> / {snap.epochsTotal || '…'}
        </span>
      </div>
      <dl className="stat-row">
        {/* A stored history has no timing to show (the list does not carry when training ended). */}
        {elapsed !== null && (
          <div>
            <dt>Elapsed</dt>
            <dd data-testid="elapsed">{formatDuration(elapsed)}</dd>
          </div>
        )}
        {(running || rate !== null) && (
          <div>
            <dt>{running ? 'Speed' : 'Average speed'}</dt>
            <dd data-testid="epochs-per-second">{formatRate(rate)}</dd>
          </div>
        )}
        {running && (
          <div>
            <dt>Left</dt>
            <dd>{eta === null ? '–' : `about ${formatDuration(eta)}`}</dd>
          </div>
        )}
        <div>
          <dt>L_cls</dt>
          <dd>{last ? formatLoss(last.clsLoss) : '–'}</dd>
        </div>
        <div>
          <dt>L_contr</dt>
          <dd>{last ? formatLoss(last.contrLoss) : '–'}</dd>
        </div>
        <div>
          <dt>Accuracy</dt>
          <dd>{last ? formatFraction(last.accuracy) : '–'}</dd>
        </div>
        <div>
          <dt>Contracting</dt>
          <dd>{last ? formatFraction(last.contractionSatisfied) : '–'}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Date.now(), refreshed every `intervalMs` (null: not refreshed). */
function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
