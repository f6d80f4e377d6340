import { useEffect, useMemo, useState } from 'react';
import type { FilterHeatmap as Heatmap, FilterInfo } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { EChart } from '../charts/echart';
import { ErrorNotice } from '../shell/error-notice';
import { axisTitle, heatmapOption } from './heatmap-option';

/** Cells per side of the heat map (the services accept 8 to 200). */
const SIZE = 60;

/** The filter's weight w(x) over its label set's display plane, with the labelled candidates. */
export function FilterHeatmapCard({ filter }: { filter: FilterInfo }) {
  const [state, setState] = useState<{ key: string; data: Heatmap | null; error: unknown }>({ key: '', data: null, error: null });
  const [showPoints, setShowPoints] = useState(true);
  const key = filter.status === 'ready' && filter.labelSetId ? `${filter.id}/${filter.labelSetId}` : '';

  useEffect(() => {
    if (!key) return;
    let current = true;
    invoke('filters:heatmap', { filterId: filter.id, labelSetId: filter.labelSetId!, size: SIZE }).then(
      (data) => current && setState({ key, data, error: null }),
      (error: unknown) => current && setState({ key, data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [key, filter.id, filter.labelSetId]);

  const data = state.key === key ? state.data : null;
  const failed = state.key === key && state.error !== null;
  const option = useMemo(() => (data ? heatmapOption(data, { showPoints }) : null), [data, showPoints]);

  if (!filter.labelSetId) {
    return <p className="train-muted">The label set this filter was trained on is no longer stored, so there is no plane to draw its weight on.</p>;
  }
  const plane = data ? (data.explained ? 'its first two principal components' : 'its own axes') : '';
  return (
    <figure
      className="heatmap-card"
      data-testid="filter-heatmap"
      data-cells={data ? data.weights.length : 0}
      data-points={data ? data.points.labels.length : 0}
      data-axes={data ? [axisTitle(data.axisNames[0], data.explained?.[0]), axisTitle(data.axisNames[1], data.explained?.[1])].join(' | ') : ''}
    >
      <figcaption>
        <span className="curve-title">Weight w(x) over the label set</span> <span className="curve-subtitle">{data ? `on ${plane}` : ''}</span>
      </figcaption>
      {failed && <ErrorNotice error={state.error} context="Could not compute the heat map" />}
      {!data && !failed && <p className="loading heatmap-loading">Computing the weight on a {SIZE} × {SIZE} grid…</p>}
      {option && data && (
        <>
          <EChart option={option} style={{ height: 400 }} label={`Filter weight over ${data.axisNames.join(' and ')}, with good and bad labelled candidates`} />
          <div className="heatmap-legend">
            <label className="toggle">
              <input type="checkbox" checked={showPoints} onChange={(e) => setShowPoints(e.target.checked)} />
              {data.points.labels.length} labelled candidates:
            </label>
            <span className="legend-item">
              <span className="dot dot-good" aria-hidden="true" /> good
            </span>
            <span className="legend-item">
              <span className="dot dot-bad" aria-hidden="true" /> bad
            </span>
            <span className="legend-item train-muted">· dark: the filter keeps candidates there (w near 1)</span>
          </div>
        </>
      )}
    </figure>
  );
}
