import { useId, useState } from 'react';
import type { FilterInfo, PresetInfo } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { ErrorNotice } from '../shell/error-notice';
import { routeHref } from '../shell/routes';
import { FILTER_PRESETS, filteredRunOverrides, runVerdict, type ModelShape, type QualityVerdict } from './filter-facts';

interface Props {
  filter: FilterInfo;
  trainedFor: ModelShape | null;
  presets: readonly PresetInfo[] | null;
  /** The held-out verdict: a weak filter can still run, behind a button that says so. */
  quality?: QualityVerdict;
}

/** One click from a trained filter to a filtered run (runs:start with filter.id), then the Runs page. */
export function RunLauncher({ filter, trainedFor, presets, quality }: Props) {
  const id = useId();
  const [choice, setChoice] = useState<string>(FILTER_PRESETS[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const offered = (presets ?? []).filter((p) => (FILTER_PRESETS as readonly string[]).includes(p.name));
  const preset = offered.find((p) => p.name === choice) ?? offered[0];
  const verdict = preset ? runVerdict(filter, trainedFor, preset) : { ok: false as const, reason: 'Loading the presets…' };
  const weak = quality?.level === 'weak';

  const launch = (): void => {
    if (!preset || !verdict.ok) return;
    setBusy(true);
    setError(null);
    invoke('runs:start', { preset: preset.name, overrides: filteredRunOverrides(preset.name, filter) }).then(
      () => {
        window.location.hash = routeHref('runs');
      },
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  return (
    <div className="run-launcher" data-testid="run-launcher">
      <fieldset className="preset-choice">
        <legend>Run a filtered recursion with this filter</legend>
        {offered.map((p) => {
          const c = p.config;
          return (
            <label key={p.name} className={`preset-option${p.name === preset?.name ? ' preset-option-selected' : ''}`}>
              <input type="radio" name={`${id}-preset`} value={p.name} checked={p.name === preset?.name} onChange={() => setChoice(p.name)} />
              <span className="preset-option-name mono">{p.name}</span>
              <span className="preset-option-facts">
                {c.model.family} d = {c.model.dim} · n {c.sampleSize.schedule} from {c.sampleSize.n0} · T = {c.generations} · R = {c.replicates}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="form-actions">
        <button
          type="button"
          className={weak ? 'button-warn' : 'button-primary'}
          onClick={launch}
          disabled={busy || !verdict.ok}
          aria-describedby={!verdict.ok ? `${id}-why` : weak ? `${id}-weak` : undefined}
          data-testid="run-with-filter"
          data-warn={weak || undefined}
        >
          {busy ? 'Starting…' : weak ? '⚠ Run anyway with this weak filter' : 'Run with this filter'}
        </button>
      </div>
      {verdict.ok && weak && (
        <p className="train-muted run-weak" id={`${id}-weak`} data-testid="run-weak">
          Its held-out metrics are below the bar (see above): the run may drift like an unfiltered one.
        </p>
      )}
      {!verdict.ok && (
        <p className="train-muted train-blocked" id={`${id}-why`} data-testid="run-blocked">
          {verdict.reason}
        </p>
      )}
      {verdict.ok && preset && (
        <p className="cli-equivalent">
          Opens Runs once started. From a terminal:{' '}
          <code>
            npm run --silent cli -- run --preset {preset.name} --set filter.id={filter.id}
          </code>
        </p>
      )}
      {error !== null && <ErrorNotice error={error} context="Could not start the filtered run" />}
    </div>
  );
}
