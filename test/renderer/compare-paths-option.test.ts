import { describe, expect, it } from 'vitest';
import { LIGHT_THEME } from '../../renderer/charts/theme';
import { pathsOption } from '../../renderer/compare/paths-option';
import { projectPaths, topComponents } from '../../renderer/compare/paths-plane';
import { columns, style } from './compare-fixtures';

/** A run of three generations whose replicates' parameter vectors are given per generation. */
const withPaths = (id: string, vectors: (t: number) => number[][]) => columns(id, [1, 2, 3], {}, (t) => ({ paths: vectors(t) }));

describe('the parameter-paths view (seed 000 figures)', () => {
  it('draws a 2-d estimate as it is: one line per replicate, hollow start, filled end', () => {
    const run = withPaths('a', (t) => [[t, 2 * t], [0 - t, 0]]);
    const plane = projectPaths([run]);
    expect(plane.axes).toEqual(['θ₁', 'θ₂']);
    expect(plane.runs[0].paths[1].points).toEqual([[0, 0], [-1, 0], [-2, 0]]);
    const option = pathsOption(plane, [style('a')], LIGHT_THEME) as { series: { id: string; data: unknown[] }[] };
    const lines = option.series.filter((s) => s.id.startsWith('path:'));
    expect(lines.map((s) => s.id)).toEqual(['path:a:0', 'path:a:1']);
    expect(lines[0].data).toEqual([[0, 0], [1, 2], [2, 4]]);
    const end = option.series.find((s) => s.id === 'path-end:a')!;
    expect(end.data.map((d) => (d as { value: number[] }).value)).toEqual([[2, 4], [-2, 0]]);
  });

  it('projects longer vectors on PC1 and PC2 shared by the runs side by side', () => {
    // Every vector lies on the line (1, 1, 5) + s (1, 1, 0): PC1 is (1, 1, 0)/sqrt 2.
    const a = withPaths('a', (t) => [[1 + t, 1 + t, 5]]);
    const b = withPaths('b', (t) => [[1 - t, 1 - t, 5]]);
    const plane = projectPaths([a, b]);
    expect(plane.axes[0]).toMatch(/^PC1 \(\d+%\)$/);
    const pc1 = plane.runs.map((r) => r.paths[0].points.map((p) => p[0]));
    // Along PC1 the generation-0 to generation-2 distance is 2 sqrt 2, in opposite senses for the two runs.
    expect(Math.abs(pc1[0][2] - pc1[0][0])).toBeCloseTo(2 * Math.SQRT2, 6);
    expect(Math.sign(pc1[0][2] - pc1[0][0])).toBe(-Math.sign(pc1[1][2] - pc1[1][0]));
    const option = pathsOption(plane, [style('a', 0), style('b', 1)], LIGHT_THEME) as { grid: unknown[]; xAxis: { min: number; max: number }[] };
    expect(option.grid).toHaveLength(2);
    expect(option.xAxis[0].min).toBe(option.xAxis[1].min); // one scale for both planes
  });

  it('names the runs without recorded paths', () => {
    const plane = projectPaths([columns('plain', [1, 2]), withPaths('a', (t) => [[t, t]])]);
    expect(plane.withoutPaths).toEqual(['plain']);
    expect(plane.runs.map((r) => r.id)).toEqual(['a']);
  });

  it('finds the leading principal direction of a known spread', () => {
    const rows = [[3, 0], [-3, 0], [0, 1], [0, -1]];
    const { vectors, shares } = topComponents(rows, new Float64Array(2), 2);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(1, 9);
    // Variance 18 along x and 2 along y: shares 0.9 and 0.1.
    expect(shares[0]).toBeCloseTo(0.9, 9);
    expect(shares[1]).toBeCloseTo(0.1, 9);
  });
});
