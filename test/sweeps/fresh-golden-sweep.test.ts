/**
 * Issue 6's acceptance: `sweep --preset fresh-golden --grid data.realWeight=0.2:0.78:0.02
 * --window 150:200` reproduces seed 003's weight curve (docs/experiments.md section 3) with its
 * minimum at w* = 1/phi = 0.618.
 *
 * Full size, as the issue states it: 30 runs of R = 200, T = 200. It takes about 7 s on the
 * 2-core build machine (each run ~0.25 s in this thread), so nothing is scaled down.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshOptimalWeight, freshStationaryVariance } from '../../engine/index';
import type { SweepPointResult, SweepVertex } from '../../main/services';
import { cli, tempDir } from '../cli/cli-driver';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface SweepJson {
  sweepId: string;
  status: string;
  points: SweepPointResult[];
  best: { point: Record<string, number>; mse: number; mseSe: number };
  vertex?: SweepVertex;
}

describe('fresh-golden weight sweep (seed 003, k = 1)', () => {
  it('reproduces V(w) at every weight and finds its minimum at 1/phi', { timeout: 300_000 }, async () => {
    const db = join(tmp.dir, 'sweep.sqlite');
    const r = await cli(['sweep', '--preset', 'fresh-golden', '--grid', 'data.realWeight=0.2:0.78:0.02', '--window', '150:200', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(out.status).toBe('completed');
    expect(out.points).toHaveLength(30);

    // d = 2 coordinates, n_real = n_syn = 100 (k = 1), sigma = 1: E||e||^2 = 2 V(w).
    for (const p of out.points) {
      const w = p.point['data.realWeight'];
      const expected = 2 * freshStationaryVariance(w, 100, 100);
      expect(p.status).toBe('completed');
      expect(p.window).toEqual([150, 200]);
      // The engine's own theory column has converged to the stationary value by t = 150.
      expect(p.theory! / expected - 1).toBeLessThan(1e-9);
      // Each point within 4 of its standard errors (windowMean: autocorrelation included) of
      // the closed form. The points share their random numbers, so their deviations are
      // correlated: this is a few independent checks, not 30, and 4 SE keeps the chance of a
      // false alarm small even though the SE of a 50-generation window is itself uncertain.
      expect(Math.abs(p.mse! - expected), `w = ${w}: mse ${p.mse} vs 2 V(w) = ${expected}`).toBeLessThan(4 * p.mseSe!);
    }
    // docs/experiments.md's reference numbers, summed over the 2 coordinates.
    const at = (w: number): SweepPointResult => out.points.find((p) => p.point['data.realWeight'] === w)!;
    for (const [w, v] of [
      [0.3, 0.02275],
      [0.5, 0.01333],
    ] as const) {
      expect(Math.abs(at(w).mse! - v)).toBeLessThan(4 * at(w).mseSe!);
    }

    // The argmin. The asserted estimate is the parabola vertex: least squares over the 7 points
    // around the lowest mse, a continuous estimate that uses the curve's shape rather than one
    // grid value. Over seeds 1..17 it ranged 0.609..0.626 (sd about 0.005), so 0.02 is about 4
    // of its standard deviations. That is also thanks to common random numbers: every point
    // draws the same numbers (one seed), so the noise in the mse is nearly the same at
    // neighbouring weights and largely cancels from the curve's shape, although each point's
    // level carries its full SE (about 1.3%, while V(w) changes by only 0.2% between 0.60 and
    // 0.64). With independent seeds per point the lowest grid value would be a coin toss among
    // a dozen weights.
    const wStar = freshOptimalWeight(1);
    expect(wStar).toBeCloseTo(0.618034, 6);
    expect(out.vertex).toBeDefined();
    expect(out.vertex!.fitted).toEqual([0.56, 0.58, 0.6, 0.62, 0.64, 0.66, 0.68]);
    expect(Math.abs(out.vertex!.value - wStar)).toBeLessThanOrEqual(0.02);
    // The raw minimum, a grid value, as the issue states it: 0.62 +- 0.02 (it is 0.60 or 0.62
    // for every seed tried).
    expect(Math.abs(out.best.point['data.realWeight'] - 0.62)).toBeLessThanOrEqual(0.02 + 1e-12);
    expect(out.best.mse).toBe(Math.min(...out.points.map((p) => p.mse!)));

    // The stored sweep lists with its 30 runs.
    const list = JSON.parse((await cli(['sweeps', '--json', '--db', db])).stdout) as { id: string; runs: number; points: number; status: string }[];
    expect(list).toEqual([expect.objectContaining({ id: out.sweepId, runs: 30, points: 30, status: 'completed' })]);
  });
});
