import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FilterHeatmap } from '../../preload/contract';
import { CURVES, curvePatch, curveTooltip, epochAxisMax, lineDotClass, niceCeil } from '../../renderer/training/curve-options';
import { EpochSeries } from '../../renderer/training/epoch-series';
import { axisTitle, gridExtent, heatCells, heatmapOption, pointsByLabel } from '../../renderer/training/heatmap-option';

const contr = CURVES.find((c) => c.id === 'contr')!;
const heldout = CURVES.find((c) => c.id === 'heldout')!;

function series(contrLoss: number[]): EpochSeries {
  const s = new EpochSeries();
  contrLoss.forEach((v, i) => s.add({ epoch: i + 1, clsLoss: 0.7 - i * 0.01, contrLoss: v, essLoss: 0, accuracy: 0.8, contractionSatisfied: 1 }));
  return s;
}

type Patch = { series: { id: string; data: [number, number | null][]; markLine?: { data: unknown[] } }[]; yAxis?: { min: number | null }; xAxis: { max: number } };

describe('live curve patches', () => {
  it('carry every point on a linear axis, zeros included', () => {
    const { patch, floor } = curvePatch(contr, series([2e-4, 0, 5e-6]), { log: false, epochsTotal: 40, bestEpoch: null, running: true });
    const p = patch as unknown as Patch;
    expect(floor).toBeNull();
    expect(p.series[0].data).toEqual([
      [1, 2e-4],
      [2, 0],
      [3, 5e-6],
    ]);
    expect(p.yAxis).toBeUndefined();
  });

  it('on a log axis, draw the zeros on a floor the axis starts at, and count them', () => {
    const { patch, floor, onFloor } = curvePatch(contr, series([2e-4, 0, 5e-6, 0]), { log: true, epochsTotal: 40, bestEpoch: 3, running: false });
    const p = patch as unknown as Patch;
    expect(floor).toBeCloseTo(1e-7, 20);
    expect(onFloor).toBe(2);
    expect(p.yAxis!.min).toBe(floor);
    expect(p.series[0].data.map(([, v]) => v)).toEqual([2e-4, floor, 5e-6, floor]);
    // The best epoch and the floor are marked.
    expect(p.series[0].markLine!.data).toHaveLength(2);
    // Finished: the axis ends at the last epoch.
    expect(p.xAxis.max).toBe(4);
  });

  it('leave the fractions chart linear even with the log toggle on', () => {
    const { floor } = curvePatch(heldout, series([0, 0]), { log: true, epochsTotal: 40, bestEpoch: null, running: true });
    expect(floor).toBeNull();
  });

  it('run the x axis a little ahead of training, never past the epochs asked for', () => {
    expect(niceCeil(12.5)).toBe(20);
    expect(niceCeil(10)).toBe(10);
    expect(niceCeil(51)).toBe(100);
    expect(niceCeil(0.3)).toBeCloseTo(0.5, 12);
    expect(epochAxisMax(0, 5000, true)).toBe(10);
    expect(epochAxisMax(40, 5000, true)).toBe(50);
    expect(epochAxisMax(45, 60, true)).toBe(60);
    expect(epochAxisMax(1500, 5000, true)).toBe(2000);
    expect(epochAxisMax(19, 5000, false)).toBe(19);
    expect(epochAxisMax(0, 200, false)).toBe(200);
  });

  it('show the true values in the tooltip, 0 stays 0', () => {
    const s = series([2e-4, 0]);
    const html = curveTooltip(contr, s, [{ dataIndex: 1, seriesId: 'contrLoss', marker: '<span style="color:red"></span>' }]);
    expect(html).toBe('epoch 2<br/><span class="tt-dot tt-line-contrLoss"></span>L_contr: <b>0</b>');
    expect(curveTooltip(heldout, s, [{ dataIndex: 0 }])).toContain('accuracy: <b>80.0%</b>');
    expect(curveTooltip(contr, s, [])).toBe('');
  });

  it('colour the tooltip dots by class, never an inline style (the CSP refuses those)', () => {
    const css = readFileSync(join(import.meta.dirname, '../../renderer/styles/chart-tooltips.css'), 'utf8');
    const s = series([0.5, 0.25]);
    for (const def of CURVES) {
      const html = curveTooltip(def, s, [{ dataIndex: 0 }]);
      expect(html).not.toMatch(/style\s*=/i);
      for (const line of def.lines) {
        expect(html).toContain(lineDotClass(line.metric));
        // The class gives the dot the line's own colour.
        const rule = new RegExp(`\\.${lineDotClass(line.metric)}\\s*\\{\\s*background:\\s*${line.color}\\s*;`, 'i');
        expect(css, `chart-tooltips.css: .${lineDotClass(line.metric)} { background: ${line.color}; }`).toMatch(rule);
      }
    }
  });
});

describe('the filter heat map', () => {
  const h: FilterHeatmap = {
    x: [-1, 0, 1],
    y: [10, 20],
    weights: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
    axisNames: ['PC1', 'PC2'],
    explained: [0.714, 0.201],
    points: { x: [0, 0.5, -0.5], y: [15, 12, 18], labels: [1, 0, 1] },
  };

  it('names PCA axes with their explained variance, other axes plainly', () => {
    expect(axisTitle('PC1', 0.714)).toBe('PC1 · 71.4% of variance');
    expect(axisTitle('x1', null)).toBe('x1');
  });

  it('lays cells row by row from the bottom-left, and points over the cells outer edges', () => {
    expect(heatCells(h)).toEqual([
      [0, 0, 0.1],
      [1, 0, 0.2],
      [2, 0, 0.3],
      [0, 1, 0.4],
      [1, 1, 0.5],
      [2, 1, 0.6],
    ]);
    expect(gridExtent(h.x)).toEqual([-1.5, 1.5]);
    expect(gridExtent(h.y)).toEqual([5, 25]);
    expect(pointsByLabel(h.points)).toEqual({ good: [[0, 15], [-0.5, 18]], bad: [[0.5, 12]] });
  });

  it('builds one option: weights on the hidden category grid, points on the value grid over it', () => {
    const o = heatmapOption(h) as unknown as {
      xAxis: { type: string; min?: number; max?: number; name?: string }[];
      yAxis: { name?: string }[];
      series: { type: string; data: unknown[] }[];
    };
    expect(o.xAxis.map((a) => a.type)).toEqual(['category', 'value']);
    expect(o.xAxis[1]).toMatchObject({ min: -1.5, max: 1.5, name: 'PC1 · 71.4% of variance' });
    expect(o.yAxis[1].name).toBe('PC2 · 20.1% of variance');
    expect(o.series.map((s) => [s.type, s.data.length])).toEqual([
      ['heatmap', 6],
      ['scatter', 2],
      ['scatter', 1],
    ]);
    const hidden = heatmapOption(h, { showPoints: false }) as unknown as { series: { data: unknown[] }[] };
    expect(hidden.series[1].data).toHaveLength(0);
  });
});
