import { describe, expect, it } from 'vitest';
import { candidateText } from '../../renderer/labeling/candidate-text';
import { labelHref, parseLabelLocation } from '../../renderer/labeling/label-location';
import { countLabels, entryLabel } from '../../renderer/labeling/label-values';
import { LIGHT_THEME } from '../../renderer/charts/theme';
import { axisTitle, baseScatterOption, paddedRange, scatterSeries, SERIES } from '../../renderer/labeling/scatter-option';
import { describeSource } from '../../renderer/labeling/set-source';
import { spreadStacks } from '../../renderer/labeling/spread';

describe('scatter option', () => {
  it('writes the explained variance on principal axes, and the plain name on the data’s own', () => {
    expect(axisTitle('PC1', 0.7342)).toBe('PC1 · 73.4% of variance');
    expect(axisTitle('x1', null)).toBe('x1');
    const option = baseScatterOption({ axisNames: ['PC1', 'PC2'], explained: [0.61, 0.22], range: { x: [-2, 2], y: [-1, 1] } }, LIGHT_THEME) as {
      xAxis: { name: string; min: number; max: number };
      yAxis: { name: string };
    };
    expect(option.xAxis.name).toBe('PC1 · 61.0% of variance');
    expect(option.yAxis.name).toBe('PC2 · 22.0% of variance');
    expect([option.xAxis.min, option.xAxis.max]).toEqual(paddedRange([-2, 2]));
  });

  it('pads the set’s range, and gives a flat range some width', () => {
    expect(paddedRange([0, 10])).toEqual([-0.6, 10.6]);
    expect(paddedRange([3, 3])).toEqual([2.5, 3.5]);
    expect(paddedRange([NaN, 1])).toEqual([-1, 1]);
  });

  it('splits the candidates by label, keeps their indices, and hides the truth unless asked', () => {
    const view = { x: [0, 1, 2, 3], y: [0, 1, 2, 3], estimate: [1.5, 1.5] as [number, number], truth: [0, 0] as [number, number] };
    const series = scatterSeries({ view, labels: [1, 0, -1, 1], selection: new Set([2]), suggestion: [1, 1, 0, -1], showTruth: false });
    const data = (id: string) => (series.find((s) => s.id === id)!.data as number[][]).map((d) => d[2]);
    expect(data(SERIES.candidates[1])).toEqual([0, 3]);
    expect(data(SERIES.candidates[0])).toEqual([1]);
    expect(data(SERIES.candidates[-1])).toEqual([2]);
    expect(data(SERIES.selection)).toEqual([2]);
    expect(data(SERIES.suggestion[1])).toEqual([0, 1]);
    expect(data(SERIES.suggestion[0])).toEqual([2]);
    expect(data(SERIES.truth)).toEqual([]);
    const shown = scatterSeries({ view, labels: [1, 0, -1, 1], selection: new Set(), suggestion: null, showTruth: true });
    expect(shown.find((s) => s.id === SERIES.truth)!.data).toEqual([[0, 0, -1]]);
    expect(shown.find((s) => s.id === SERIES.suggestion[1])!.data).toEqual([]);
  });
});

describe('labels and counts', () => {
  it('counts each label and saves unlabelled as null', () => {
    expect(countLabels([1, 0, -1, 1, -1])).toEqual({ total: 5, good: 2, bad: 1, unlabelled: 2, labelled: 3 });
    expect([1, 0, -1].map((l) => entryLabel(l as 1 | 0 | -1))).toEqual([1, 0, null]);
  });
});

describe('label location', () => {
  it('round-trips a set and generation through the URL fragment', () => {
    expect(parseLabelLocation('#/label')).toEqual({ setId: null, generation: null });
    expect(parseLabelLocation('#/runs/abc')).toEqual({ setId: null, generation: null });
    expect(parseLabelLocation(labelHref('ab c', 3))).toEqual({ setId: 'ab c', generation: 3 });
    expect(parseLabelLocation('#/label/xyz')).toEqual({ setId: 'xyz', generation: null });
    expect(parseLabelLocation('#/label/xyz/two')).toEqual({ setId: 'xyz', generation: null });
    expect(labelHref(null)).toBe('#/label');
  });
});

describe('set source', () => {
  it('describes a set from its stored source, and one whose source the services could not read (null)', () => {
    const source = { family: 'gaussian', dim: 3, generations: 5, candidates: 200, contamination: 0.3, seed: 1, truth: null, sigma: 1, n0: 100 };
    expect(describeSource({ source, counts: { groups: 5, candidates: 1000, labelled: 0, good: 0 } })).toBe(
      'gaussian, d = 3 · 5 generations × 200 candidates · machine rule keeps 70%',
    );
    expect(describeSource({ source: null, counts: { groups: 2, candidates: 40, labelled: 0, good: 0 } })).toBe('2 generations, 40 candidates');
  });
});

describe('spreadStacks', () => {
  const range = { x: [0, 1] as [number, number], y: [0, 1] as [number, number] };

  it('leaves candidates alone on their spot where they are (continuous data does not move)', () => {
    const r = spreadStacks([0.1, 0.5, 0.9], [0.2, 0.4, 0.6], range);
    expect(r).toEqual({ x: [0.1, 0.5, 0.9], y: [0.2, 0.4, 0.6], stacked: 0 });
  });

  it('fans a stack out around its value, all apart, the first at the value itself', () => {
    const xs = [...Array(30).fill(1), 0];
    const ys = [...Array(30).fill(0), 0];
    const r = spreadStacks(xs, ys, range);
    expect(r.stacked).toBe(30);
    expect([r.x[0], r.y[0]]).toEqual([1, 0]);
    expect([r.x[30], r.y[30]]).toEqual([0, 0]);
    const keys = new Set(r.x.slice(0, 30).map((x, i) => `${x.toFixed(6)},${r.y[i].toFixed(6)}`));
    expect(keys.size).toBe(30);
    const radius = Math.max(...r.x.slice(0, 30).map((x, i) => Math.hypot(x - 1, r.y[i])));
    expect(radius).toBeGreaterThan(0.03);
    expect(radius).toBeLessThanOrEqual(0.12);
  });

  it('keeps a huge stack within the cap', () => {
    const r = spreadStacks(Array(5000).fill(0), Array(5000).fill(0), range);
    expect(Math.max(...r.x.map((x, i) => Math.hypot(x, r.y[i])))).toBeLessThanOrEqual(0.12 + 1e-12);
  });
});

describe('candidateText', () => {
  it('writes a candidate’s own coordinates, cut after eight', () => {
    expect(candidateText([0, 0, 1.23456, -2, 7, 8], 2, 1)).toBe('(1.235, -2)');
    expect(candidateText(Array.from({ length: 10 }, (_, i) => i), 10, 0)).toBe('(0, 1, 2, 3, 4, 5, 6, 7, … 2 more)');
  });
});

describe('the d = 1 strip', () => {
  it('shows no values on the vertical axis (it only spreads the candidates out)', () => {
    const option = baseScatterOption({ axisNames: ['x', 'candidate'], explained: null, range: { x: [0, 5], y: [0, 1] } }, LIGHT_THEME, undefined, true) as {
      yAxis: { name: string; axisLabel: { show: boolean } };
    };
    expect(option.yAxis.name).toBe('candidates, spread out');
    expect(option.yAxis.axisLabel.show).toBe(false);
  });
});
