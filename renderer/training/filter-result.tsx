import type { FilterInfo, LabelSetInfo, PresetInfo } from '../../preload/contract';
import { formatDateTime } from '../lib/format';
import { describeQualityBar, describeShape, labelSetShape, qualityVerdict, type QualityVerdict } from './filter-facts';
import { FilterHeatmapCard } from './filter-heatmap';
import { RunLauncher } from './run-launcher';
import { describeSettings } from './train-settings';

interface Props {
  filter: FilterInfo;
  labelSet: LabelSetInfo | null;
  presets: readonly PresetInfo[] | null;
  onUseSettings: (filter: FilterInfo) => void;
}

/** What a finished filter is: its metrics, where it is stored, its weight map and the run it can drive. */
export function FilterResult({ filter, labelSet, presets, onUseSettings }: Props) {
  const metrics = filter.metrics;
  const shape = labelSetShape(labelSet);
  const quality = qualityVerdict(metrics);
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  return (
    <section className="filter-result" aria-labelledby="result-title" data-testid="filter-result" data-filter-id={filter.id}>
      <div className="result-head">
        <h2 id="result-title">Trained filter</h2>
        <button type="button" className="button-quiet" onClick={() => onUseSettings(filter)}>
          Use these settings
        </button>
      </div>
      <dl className="result-metrics" data-testid="filter-metrics">
        <div>
          <dt>Best epoch</dt>
          <dd data-testid="best-epoch">
            {metrics ? metrics.bestEpoch : '–'}
            {metrics && (
              <span className="train-muted">
                {' '}
                of {metrics.epochsRun}
                {metrics.stoppedEarly ? ', stopped early' : ''}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Held-out accuracy</dt>
          <dd data-testid="held-out-accuracy">{metrics ? pct(metrics.heldOutAccuracy) : '–'}</dd>
        </div>
        <div>
          <dt>Contraction satisfied</dt>
          <dd data-testid="held-out-contraction">{metrics ? `${pct(metrics.heldOutContraction)} of held-out generations` : '–'}</dd>
        </div>
        {metrics && metrics.explainedVariance.length > 0 && (
          <div>
            <dt>PCA features</dt>
            <dd>
              {metrics.explainedVariance.length} component{metrics.explainedVariance.length === 1 ? '' : 's'}, {pct(metrics.explainedVariance.reduce((a, b) => a + b, 0))} of variance
            </dd>
          </div>
        )}
      </dl>
      <QualityNotice quality={quality} />
      <p className="result-stored" data-testid="filter-stored">
        Stored as <strong>{filter.name}</strong>, id <span className="mono">{filter.id}</span>, trained on {filter.backend}
        {labelSet ? (
          <>
            {' '}
            from <em>{labelSet.name}</em>
            {shape && ` (${describeShape(shape)})`}
          </>
        ) : (
          ''
        )}{' '}
        · {formatDateTime(filter.createdAt)} · {describeSettings(filter.settings)}
      </p>
      <div className="result-body">
        <FilterHeatmapCard filter={filter} />
        <RunLauncher filter={filter} trainedFor={shape} presets={presets} quality={quality} />
      </div>
    </section>
  );
}

/** The verdict on the held-out metrics: green only when both clear the bar, a warning saying why otherwise. */
function QualityNotice({ quality }: { quality: QualityVerdict }) {
  if (quality.level === 'unknown') return null;
  if (quality.level === 'good') {
    return (
      <p className="notice notice-ok quality-verdict" data-testid="filter-verdict" data-level="good">
        <span>
          <strong>Good to run.</strong> It clears the bar: {describeQualityBar()}.
        </span>
      </p>
    );
  }
  return (
    <div className="notice notice-warn quality-verdict" role="status" data-testid="filter-verdict" data-level="weak">
      <div>
        <strong>Weak filter.</strong>{' '}
        {quality.reasons.map((r, i) => (
          <span key={i} className="quality-reason">
            {r.charAt(0).toUpperCase() + r.slice(1)}.{' '}
          </span>
        ))}
        <span className="quality-bar">Green needs {describeQualityBar()}.</span>
      </div>
    </div>
  );
}
