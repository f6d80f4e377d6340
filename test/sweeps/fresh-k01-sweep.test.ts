/**
 * Issue 6: w* for k = 0.1 found as the minimum of a sweep (docs/experiments.md section 3: with
 * n_real = 100 and n_syn = 1000, w* = (sqrt(k^2 + 4k) - k)/2 = 0.2702 and V(w*) = 0.00540 over d = 2).
 *
 * Scaled down from the preset (R = 200) to R = 100 and a 13-point grid around the optimum
 * (0.16..0.40): each run draws 1,100 samples a generation, so the preset's full 21-point grid
 * takes about a minute here; the curve's shape near its minimum, which is what the vertex
 * reads, is the same. The grid points share their random numbers (one seed), so the curve's
 * shape is much less noisy than each point's level (see fresh-golden-sweep.test.ts).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshOptimalWeight, freshStationaryVariance } from '../../engine/index';
import type { SweepPointResult, SweepVertex } from '../../main/services';
import { cli, tempDir } from '../cli/cli-driver';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('fresh-k0.1 weight sweep (seed 003, k = 0.1)', () => {
  it('reproduces V(w) and finds its minimum at w* = 0.2702', { timeout: 300_000 }, async () => {
    const db = join(tmp.dir, 'sweep.sqlite');
    const r = await cli([
      'sweep', '--preset', 'fresh-k0.1', '--set', 'replicates=100',
      '--grid', 'data.realWeight=0.16:0.40:0.02', '--window', '150:200', '--json', '--db', db,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; points: SweepPointResult[]; vertex?: SweepVertex };
    expect(out.status).toBe('completed');
    expect(out.points).toHaveLength(13);
    const wStar = freshOptimalWeight(0.1);
    expect(wStar).toBeCloseTo(0.2702, 4);
    expect(2 * freshStationaryVariance(wStar, 100, 1000)).toBeCloseTo(0.0054, 5);
    for (const p of out.points) {
      const w = p.point['data.realWeight'];
      const expected = 2 * freshStationaryVariance(w, 100, 1000);
      // Within 4 of its autocorrelation-aware standard errors, as in the k = 1 sweep.
      expect(Math.abs(p.mse! - expected), `w = ${w}: mse ${p.mse} vs 2 V(w) = ${expected}`).toBeLessThan(4 * p.mseSe!);
    }
    // The parabola vertex around the lowest point (the steadier estimate of the argmin; the raw
    // grid minimum can only be a grid value). Measured over seeds 1..5 at this size: 0.2774,
    // 0.2769, 0.2772, 0.2804, 0.2797, all 0.007-0.010 above w*. That offset is the fit's, not
    // noise: V(w) rises faster below w* than above (the 1/w in it), so a symmetric parabola
    // through 7 points leans toward the flatter side. 0.02, one grid step, is the issue's own
    // tolerance for k = 1 and covers it; the raw grid minimum was 0.28 for every seed.
    expect(out.vertex).toBeDefined();
    expect(Math.abs(out.vertex!.value - wStar), `vertex ${out.vertex!.value}`).toBeLessThanOrEqual(0.02);
  });
});
