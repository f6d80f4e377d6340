import { METRICS, isMetricId, type MetricId } from './metrics';
import { WINDOWS, type WindowId } from './sweep';
import { COMPARE_VIEWS, VIEW_LABELS, type CompareView } from './views';

export interface ToolbarState {
  view: CompareView;
  metric: MetricId;
  yLog: boolean;
  xLog: boolean;
  bands: boolean;
  window: WindowId;
}

interface Props {
  state: ToolbarState;
  onChange: (next: ToolbarState) => void;
  /** A stored sweep brings its own window. */
  windowFixed: string | null;
}

/** View, metric, axes, bands and the sweep's window. */
export function CompareToolbar({ state, onChange, windowFixed }: Props) {
  const set = <K extends keyof ToolbarState>(key: K, value: ToolbarState[K]): void => onChange({ ...state, [key]: value });
  return (
    <div className="compare-toolbar" role="toolbar" aria-label="Chart settings">
      <div className="compare-segmented" role="group" aria-label="View">
        {COMPARE_VIEWS.map((v) => (
          <button key={v} type="button" aria-pressed={state.view === v} onClick={() => set('view', v)}>
            {VIEW_LABELS[v]}
          </button>
        ))}
      </div>
      <label className="toolbar-field">
        <span>Metric</span>
        <select
          value={state.metric}
          onChange={(e) => {
            if (isMetricId(e.target.value)) set('metric', e.target.value);
          }}
        >
          {METRICS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {state.view === 'sweep' && (
        <label className="toolbar-field">
          <span>Summary over</span>
          {windowFixed ? (
            <output>{windowFixed}</output>
          ) : (
            <select value={state.window} onChange={(e) => set('window', e.target.value as WindowId)}>
              {WINDOWS.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
        </label>
      )}
      <label className="toolbar-check">
        <input type="checkbox" checked={state.yLog} onChange={(e) => set('yLog', e.target.checked)} aria-label="Log y axis" />
        Log y
      </label>
      <label className="toolbar-check">
        <input type="checkbox" checked={state.xLog} onChange={(e) => set('xLog', e.target.checked)} aria-label="Log x axis" />
        Log x
      </label>
      {state.view === 'trajectories' && (
        <label className="toolbar-check">
          <input type="checkbox" checked={state.bands} onChange={(e) => set('bands', e.target.checked)} aria-label="IQR bands" />
          IQR band
        </label>
      )}
    </div>
  );
}
