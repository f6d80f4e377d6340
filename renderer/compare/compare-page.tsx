import { useEffect, useMemo, useRef, useState } from 'react';
import type { EChartsInstance } from '../charts/echart';
import { downloadText } from '../lib/download';
import { ErrorNotice } from '../shell/error-notice';
import { useRuns } from '../runs/use-runs';
import { ChartNotes } from './chart-notes';
import { readChartTheme } from '../charts/theme';
import { safeFileName, sweepCsv, trajectoryCsv } from './compare-csv';
import { CompareEmpty } from './compare-empty';
import type { CompareLocation } from './compare-location';
import { CompareToolbar, type ToolbarState } from './compare-toolbar';
import { storedFilterId } from './config-diff';
import { ConfigTable } from './config-table';
import { downloadDataUrl } from '../lib/download';
import { chartPng } from './export-png';
import { MeasuredChart, type SelectionClock } from './measured-chart';
import { metricDef } from './metrics';
import { buildPlotData, type RunStyle } from './plot-data';
import { filterRuns, type RunFilter } from './run-filter';
import { RunPicker } from './run-picker';
import { addRuns, baselineOf, colourOf, EMPTY_SELECTION, orderedIds, pinBaseline, retainRuns, runLabels, slotOf, toggleRun, type Selection } from './selection';
import { SeriesProgress } from './series-progress';
import { detectSweeps, sweepRows, WINDOWS, type SweepGroup } from './sweep';
import { sweepOption } from './sweep-option';
import { pathsOption, MAX_PATH_PANELS } from './paths-option';
import { projectPaths } from './paths-plane';
import { SweepView } from './sweep-view';
import { trajectoryOption } from './trajectory-option';
import { readCompareLocation, useCompareLocation } from './use-compare-location';
import { useCompareSeries } from './use-compare-series';
import { useFilterProvenance } from './use-filter-provenance';
import { useStoredSweeps } from './use-stored-sweeps';

const keyOf = (ids: readonly string[]): string => [...ids].sort().join(',');

/** The chosen runs a URL names (compare-location.ts), colours in the order given. */
function selectionAt(location: CompareLocation): Selection {
  const chosen = addRuns(EMPTY_SELECTION, location.runs);
  return location.pinned === null ? chosen : pinBaseline(chosen, location.pinned);
}

/**
 * Compare (issue 5, item 3): choose saved runs, overlay their error trajectories (line, IQR
 * band, dashed theory), a sweep view, the config fields that differ, PNG and CSV export.
 * Per-point data never enters React state: series live in typed columns (use-compare-series)
 * and reach ECharts through one option per change of the selection or the settings. The view
 * (runs, baseline, settings, sweep, search) lives in the URL (use-compare-location.ts).
 */
export function ComparePage() {
  const { runs, error } = useRuns();
  const [initial] = useState(readCompareLocation);
  const [filter, setFilter] = useState<RunFilter>({ text: initial.text, status: initial.status });
  const [sel, setSel] = useState<Selection>(() => selectionAt(initial));
  const [tools, setTools] = useState<ToolbarState>(initial.tools);
  const [sweepIndex, setSweepIndex] = useState(initial.sweepIndex);
  const [exportError, setExportError] = useState<unknown>(null);
  const clock = useRef<SelectionClock>({ at: 0, key: '', measured: true });
  const chart = useRef<EChartsInstance | null>(null);

  const choose = (next: Selection): void => {
    if (keyOf(next.ids) !== keyOf(sel.ids)) clock.current = { at: performance.now(), key: keyOf(next.ids), measured: false };
    setSel(next);
  };

  // Runs deleted elsewhere leave the selection.
  useEffect(() => {
    if (runs) setSel((s) => retainRuns(s, new Set(runs.map((r) => r.id))));
  }, [runs]);

  // Opening a stored sweep chooses its runs (and shows it first in the sweep view).
  const stored = useStoredSweeps((group) => {
    setSweepIndex(0);
    choose(addRuns(EMPTY_SELECTION, group.members.map((m) => m.runId)));
  });
  const openSweep = stored.open;
  const { openSweep: openStored, closeSweep } = stored;

  // A stored sweep named by the URL opens without changing the runs the URL chose.
  useEffect(() => {
    if (initial.sweep !== null) openStored(initial.sweep, { choose: false });
  }, [initial, openStored]);

  useCompareLocation(
    { runs: [...sel.ids], pinned: sel.pinned, tools, sweep: stored.openId, sweepIndex, text: filter.text, status: filter.status },
    (next) => {
      setFilter({ text: next.text, status: next.status });
      choose(selectionAt(next));
      setTools(next.tools);
      setSweepIndex(next.sweepIndex);
      if (next.sweep !== stored.openId) {
        if (next.sweep === null) closeSweep();
        else openStored(next.sweep, { choose: false });
      }
    },
  );

  const ordered = orderedIds(sel);
  const baseline = baselineOf(sel);
  const series = useCompareSeries(ordered);
  const summaries = useMemo(() => new Map((runs ?? []).map((r) => [r.id, r])), [runs]);
  const shown = useMemo(() => filterRuns(runs ?? [], filter), [runs, filter]);

  const labels = runLabels(ordered.map((id) => ({ id, name: summaries.get(id)?.name ?? series.runs.get(id)?.summary.name ?? id })));
  const allStyles: RunStyle[] = ordered.map((id) => ({ id, label: labels.get(id)!, color: colourOf(sel, id), slot: slotOf(sel, id), baseline: id === baseline }));
  // Live progress events re-render the page every frame while a run computes: the chart's
  // inputs are keyed by value so that this does not redraw it.
  const stylesKey = JSON.stringify(allStyles.filter((s) => series.runs.has(s.id)));
  const styles = useMemo(() => JSON.parse(stylesKey) as RunStyle[], [stylesKey]);
  const metric = metricDef(tools.metric);
  const loadedRuns = useMemo(() => [...series.runs.values()], [series.runs]);
  const provenance = useFilterProvenance(loadedRuns.flatMap((r) => storedFilterId(r.config) ?? []));

  const plot = useMemo(
    () => buildPlotData(loadedRuns, styles, { metric: tools.metric, yLog: tools.yLog, xLog: tools.xLog, bands: tools.bands }),
    [loadedRuns, styles, tools.metric, tools.yLog, tools.xLog, tools.bands],
  );
  // Runs hidden from the legend, for the tooltip; a new option shows every run again.
  const hidden = useRef<ReadonlySet<string>>(new Set());
  const option = useMemo(() => {
    hidden.current = new Set();
    return trajectoryOption(plot, metric, { metric: tools.metric, yLog: tools.yLog, xLog: tools.xLog, bands: tools.bands }, readChartTheme(), () => hidden.current);
  }, [plot, metric, tools.metric, tools.yLog, tools.xLog, tools.bands]);
  const onTrajectoryChart = (c: EChartsInstance): void => {
    chart.current = c;
    c.on('legendselectchanged', (e) => {
      const selected = (e as { selected: Record<string, boolean> }).selected;
      hidden.current = new Set(Object.keys(selected).filter((name) => !selected[name]));
    });
  };

  const sweeps = useMemo(() => {
    const detected = detectSweeps(loadedRuns.map((r) => ({ id: r.id, config: r.config })));
    if (!openSweep) return detected;
    // The open stored sweep is usually also found among its runs: list it once.
    const same = (s: SweepGroup): boolean => s.path === openSweep.path && keyOf(s.members.map((m) => m.runId)) === keyOf(openSweep.members.map((m) => m.runId));
    return [openSweep, ...detected.filter((s) => !same(s))];
  }, [openSweep, loadedRuns]);
  const sweep = sweeps[Math.min(sweepIndex, sweeps.length - 1)] ?? null;
  const rows = useMemo(() => (sweep ? sweepRows(sweep, series.runs, tools.metric, tools.window) : []), [sweep, series.runs, tools.metric, tools.window]);
  // A stored sweep brings its windows: the sweep's own, else each run's last quarter (as the services summarised it).
  const storedWindow = sweep?.source === 'stored' ? (sweep.window ? `generations ${sweep.window[0]}–${sweep.window[1] - 1}` : 'last quarter of each run’s generations') : null;
  const windowLabel = storedWindow ?? WINDOWS.find((w) => w.id === tools.window)!.label;
  const sweepChart = useMemo(
    () => (sweep ? sweepOption(sweep, rows, styles, metric, { xLog: tools.xLog, yLog: tools.yLog, windowLabel }, readChartTheme()) : null),
    [sweep, rows, styles, metric, tools.xLog, tools.yLog, windowLabel],
  );

  // The parameter-paths view: the chosen runs' recorded paths in one shared plane, in the picker's order.
  const plane = useMemo(() => (tools.view === 'paths' ? projectPaths(styles.flatMap((s) => series.runs.get(s.id) ?? [])) : null), [tools.view, styles, series.runs]);
  const pathsChart = useMemo(() => (plane ? pathsOption(plane, styles, readChartTheme()) : null), [plane, styles]);

  const exportPng = (): void => {
    setExportError(null);
    try {
      const c = chart.current;
      if (!c || c.isDisposed()) throw new Error('the chart is not drawn yet');
      const current = tools.view === 'sweep' ? sweepChart : tools.view === 'paths' ? pathsChart : option;
      if (!current) throw new Error('there is no sweep to export');
      const url = chartPng(c, current, readChartTheme().surface);
      downloadDataUrl(`compare-${tools.view}-${metric.csvKey}-${styles.length}-runs.png`, url);
    } catch (e) {
      setExportError(e);
    }
  };
  const exportCsv = (): void => {
    setExportError(null);
    try {
      if (tools.view === 'sweep' && sweep) {
        downloadText(`compare-sweep-${safeFileName(sweep.path)}-${metric.csvKey}.csv`, 'text/csv', sweepCsv(rows, labels, sweep.path, tools.metric));
      } else {
        const data = styles.map((s) => ({ run: series.runs.get(s.id)!, label: s.label }));
        downloadText(`compare-${metric.csvKey}-${data.length}-runs.csv`, 'text/csv', trajectoryCsv(data, tools.metric));
      }
    } catch (e) {
      setExportError(e);
    }
  };

  const nothingDrawn = styles.length === 0;
  const drawnKey = series.key;
  return (
    <section className="page compare-page" aria-labelledby="compare-title">
      <div className="page-head">
        <h1 id="compare-title">Compare</h1>
        {runs !== null && runs.length > 0 && (
          <div className="page-head-actions">
            <button type="button" onClick={exportPng} disabled={nothingDrawn || series.loading !== null}>
              Export PNG
            </button>
            <button type="button" onClick={exportCsv} disabled={nothingDrawn || series.loading !== null}>
              Export CSV
            </button>
          </div>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} context="Could not load the runs" />}
      {exportError !== null && <ErrorNotice error={exportError} context="Could not export" onDismiss={() => setExportError(null)} />}
      {stored.error !== null && <ErrorNotice error={stored.error} context="Could not open the sweep" onDismiss={stored.dismissError} />}
      {provenance.error !== null && <ErrorNotice error={provenance.error} context="Could not load where the stored filters came from" />}
      {series.failures.map((f) => (
        <ErrorNotice key={f.id} error={f.error} context={`Could not load the series of ${labels.get(f.id) ?? f.id}`} />
      ))}
      {runs === null && error === null && <p className="loading">Loading runs…</p>}
      {runs !== null && runs.length === 0 && <CompareEmpty />}
      {runs !== null && runs.length > 0 && (
        <div className="compare-layout">
          <RunPicker
            shown={shown}
            total={runs.length}
            filter={filter}
            onFilter={setFilter}
            chosen={new Set(sel.ids)}
            baseline={sel.ids.length > 0 ? baseline : null}
            colourOf={(id) => colourOf(sel, id)}
            onToggle={(id) => choose(toggleRun(sel, id))}
            onPin={(id) => choose(pinBaseline(sel, id))}
            onChooseShown={() => choose(addRuns(sel, shown.map((r) => r.id)))}
            onClear={() => choose(EMPTY_SELECTION)}
          />
          <div className="compare-main">
            <CompareToolbar state={tools} onChange={setTools} windowFixed={storedWindow} />
            {series.loading && <SeriesProgress done={series.loading.done} total={series.loading.total} />}
            {sel.ids.length === 0 && tools.view !== 'sweep' ? (
              <div className="empty compare-placeholder" data-testid="compare-placeholder">
                <h3>Choose runs to compare</h3>
                <p>Tick runs in the list (search by name, preset, id or date). The first one chosen is the baseline until you pin another with ☆.</p>
              </div>
            ) : tools.view === 'trajectories' ? (
              <>
                <MeasuredChart
                  option={option}
                  drawnKey={drawnKey}
                  runCount={plot.runs.length}
                  clock={clock}
                  onReady={onTrajectoryChart}
                  label={`${metric.label} over generations for ${plot.runs.length} runs`}
                  height={460}
                  testId="compare-chart"
                  facts={{
                    'data-metric': tools.metric,
                    'data-y-scale': tools.yLog ? 'log' : 'linear',
                    'data-x-scale': tools.xLog ? 'log' : 'linear',
                    'data-theory-runs': plot.withTheory,
                    'data-fetch-ms': series.fetchMs === null ? '' : series.fetchMs.toFixed(0),
                  }}
                />
                <ChartNotes caption={metric.caption} plot={plot} xLog={tools.xLog} yLog={tools.yLog} />
              </>
            ) : tools.view === 'paths' && plane && pathsChart ? (
              <>
                <MeasuredChart
                  option={pathsChart}
                  drawnKey={drawnKey}
                  runCount={plane.runs.length}
                  clock={clock}
                  onReady={(c) => (chart.current = c)}
                  label={`Parameter paths of ${plane.runs.length} runs`}
                  height={460}
                  testId="compare-paths"
                  facts={{ 'data-paths-runs': plane.runs.length, 'data-paths-axes': plane.axes.join(' / ') }}
                />
                <div className="chart-caption" data-testid="paths-caption">
                  <p>
                    Each line is one recorded replicate&apos;s estimate from generation 0 (hollow) to the last (filled), in the plane {plane.axes.join(' × ')}; runs side by side
                    share the plane. Runs record paths with record.paths = K.
                  </p>
                  {plane.withoutPaths.length > 0 && <p className="chart-notes">No paths recorded for {plane.withoutPaths.map((id) => labels.get(id) ?? id).join(', ')}.</p>}
                  {plane.runs.length > MAX_PATH_PANELS && <p className="chart-notes">The first {MAX_PATH_PANELS} runs with paths are drawn.</p>}
                </div>
              </>
            ) : (
              <SweepView
                sweeps={sweeps}
                index={Math.min(sweepIndex, Math.max(0, sweeps.length - 1))}
                onIndex={setSweepIndex}
                option={sweepChart}
                rows={rows}
                metric={tools.metric}
                windowLabel={windowLabel}
                drawnKey={drawnKey}
                clock={clock}
                onReady={(c) => (chart.current = c)}
                stored={stored.list}
                onOpenStored={stored.openSweep}
                opening={stored.opening}
              />
            )}
            {styles.length > 0 && (
              <>
                <h2>Config: what differs</h2>
                <ConfigTable runs={styles.map((s) => ({ ...s, config: series.runs.get(s.id)!.config }))} provenance={provenance.byId} />
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
