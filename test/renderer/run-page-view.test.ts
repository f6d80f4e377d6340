/**
 * The run page's address and charts: `#/runs/RUN_ID?view` round trips (issue 18, items 1 and 6),
 * and the chart options drawn from a run's generations.
 */
import { describe, expect, it } from 'vitest';
import { LIGHT_THEME } from '../../renderer/charts/theme';
import { chartHasData, chartPoints, FIXED_AXIS_MAX, RUN_CHARTS, runChartOption, runChartTooltip } from '../../renderer/run-page/run-chart-option';
import { DEFAULT_VIEW, formatRunView, parseRunView } from '../../renderer/run-page/run-location';
import { parseRoute, parseRunRoute, runHref } from '../../renderer/shell/routes';
import { generation } from './compare-fixtures';

describe('a run page address', () => {
  it('names the run and keeps its view state; the plain link is the default view', () => {
    expect(parseRunRoute('#/runs/abc123')).toEqual({ runId: 'abc123', query: '' });
    expect(parseRunRoute(runHref('abc123', 'log=1&config=all'))).toEqual({ runId: 'abc123', query: 'log=1&config=all' });
    expect(parseRunView('')).toEqual(DEFAULT_VIEW);
    expect(formatRunView(DEFAULT_VIEW)).toBe('');
    for (const view of [{ log: true, config: 'diff' }, { log: false, config: 'all' }, { log: true, config: 'all' }] as const) {
      const href = runHref('r1', formatRunView(view));
      expect(parseRunView(parseRunRoute(href)!.query)).toEqual(view);
    }
  });

  it('is still the Runs page for the header, and other addresses are no run page', () => {
    expect(parseRoute('#/runs/abc123?log=1')).toBe('runs');
    for (const hash of ['', '#/runs', '#/runs/', '#/compare?runs=a', '#/runs/a/b', '#/runs/%E0%A4%A']) expect(parseRunRoute(hash), hash).toBeNull();
  });

  it('falls back to the default for values it does not know', () => {
    expect(parseRunView('log=yes&config=some')).toEqual(DEFAULT_VIEW);
  });

  it('encodes an id that needs it, and reads it back', () => {
    expect(runHref('a b/c')).toBe('#/runs/a%20b%2Fc');
    expect(parseRunRoute(runHref('a b/c'))?.runId).toBe('a b/c');
  });
});

describe('the run charts', () => {
  const error = RUN_CHARTS.find((c) => c.id === 'error')!;
  const diversity = RUN_CHARTS.find((c) => c.id === 'diversity')!;
  const gens = [generation(0, 2, { theory: { errorMeanSq: 4, testError: null } }), generation(1, 0, { theory: { errorMeanSq: 0.5, testError: null } }), generation(2, 3, { theory: { errorMeanSq: null, testError: null } })];

  it('draw the MSE (rms squared) beside theory.errorMeanSq, gaps where there is none', () => {
    expect(chartPoints(error, gens, false)).toEqual([
      [[0, 4], [1, 0], [2, 9]],
      [[0, 4], [1, 0.5], [2, null]],
    ]);
    // A log axis cannot draw 0: a gap, not a point at the bottom.
    expect(chartPoints(error, gens, true)[0]).toEqual([[0, 4], [1, null], [2, 9]]);
  });

  it('fix the x axis at 0 .. T so that a live run grows into it', () => {
    const option = runChartOption(error, gens.slice(0, 1), { theme: LIGHT_THEME, log: true, generationsTotal: 51 }) as { xAxis: { max: number }; yAxis: { type: string }; series: { data: unknown[] }[] };
    expect(option.xAxis.max).toBe(50);
    expect(option.yAxis.type).toBe('log');
    expect(option.series.map((s) => s.data.length)).toEqual([1, 1]);
    // A very long run's axis follows the data: fixed at 0 .. 1,000,000 its first generations would be a sliver.
    expect((runChartOption(error, gens, { theme: LIGHT_THEME, log: false, generationsTotal: FIXED_AXIS_MAX + 2 }) as { xAxis: { max: unknown } }).xAxis.max).toBe('dataMax');
    expect((runChartOption(error, gens, { theme: LIGHT_THEME, log: false, generationsTotal: FIXED_AXIS_MAX + 1 }) as { xAxis: { max: unknown } }).xAxis.max).toBe(FIXED_AXIS_MAX);
    // Only the error chart switches to log.
    expect((runChartOption(diversity, gens, { theme: LIGHT_THEME, log: true, generationsTotal: 3 }) as { yAxis: { type: string } }).yAxis.type).toBe('value');
  });

  it('leave out a chart with nothing to draw', () => {
    expect(chartHasData(diversity, gens)).toBe(true);
    expect(chartHasData(diversity, [generation(0, 1, { diversity: null })])).toBe(false);
  });

  it('tooltips escape what they show and colour dots by class', () => {
    const tip = runChartTooltip(error, [{ seriesIndex: 0, value: [1, 0.25] }, { seriesIndex: 1, value: [1, null] }]);
    expect(tip).toContain('t = 1');
    expect(tip).toContain('class="tt-dot tt-c0"');
    expect(tip).toContain('class="tt-dot tt-theory"');
    expect(tip).not.toContain('style=');
  });
});
