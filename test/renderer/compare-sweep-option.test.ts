import { describe, expect, it } from 'vitest';
import { LIGHT_THEME } from '../../renderer/charts/theme';
import { metricDef } from '../../renderer/compare/metrics';
import { sweepOption } from '../../renderer/compare/sweep-option';
import type { SweepGroup, SweepRow } from '../../renderer/compare/sweep';
import { style } from './compare-fixtures';

const sweep: SweepGroup = { path: 'sampleSize.n0', title: 't', source: 'detected', window: null, members: [] };
const row = (runId: string, x: number, value: number | null, theory: number | null): SweepRow => ({ runId, x, seriesKey: '', value, theory, se: null, window: [7500, 10001] });
const styles = [style('b', 1, true), style('a', 0), style('c', 2)].map((s) => ({ ...s, label: s.id }));

describe('sweepOption', () => {
  it('one point per run in the page order, the mean line and the dashed theory, summary lines first in the legend', () => {
    const rows = [row('a', 10, 4, 5), row('b', 10, 6, 5), row('c', 20, 2, 2.5)];
    const option = sweepOption(sweep, rows, styles, metricDef('mse'), { xLog: false, yLog: false, windowLabel: 'last quarter of generations' }, LIGHT_THEME);
    const series = option.series as { id: string; type: string; data: unknown[]; lineStyle?: { type?: unknown } }[];
    expect(series.map((s) => s.id)).toEqual(['pt:b', 'pt:a', 'pt:c', 'mean:', 'theory:']);
    expect(series[3].data).toEqual([
      [10, 5],
      [20, 2],
    ]);
    expect(series[4].data).toEqual([
      [10, 5],
      [20, 2.5],
    ]);
    expect(series[4].lineStyle?.type).toEqual([6, 4]);
    expect((option.legend as { data: string[] }).data).toEqual(['mean over runs', 'theory, same window', 'b', 'a', 'c']);
    expect(option.yAxis).toMatchObject({ name: 'E‖θₜ − θ*‖²: mean over last quarter of generations', type: 'value' });
  });

  it('on log axes leaves out what they cannot show, and keeps x linear when a swept value is not positive', () => {
    const rows = [row('a', 0, 4, null), row('b', 1, 0, null), row('c', 2, 3, null)];
    const option = sweepOption(sweep, rows, styles, metricDef('mse'), { xLog: true, yLog: true, windowLabel: 'w' }, LIGHT_THEME);
    const series = option.series as { id: string; data: unknown[] }[];
    expect(series.map((s) => s.id)).toEqual(['pt:a', 'pt:c', 'mean:']);
    expect(series[2].data).toEqual([
      [0, 4],
      [1, null],
      [2, 3],
    ]);
    expect(option.xAxis).toMatchObject({ type: 'value' });
    expect(option.yAxis).toMatchObject({ type: 'log' });
  });
});
