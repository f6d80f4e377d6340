/**
 * `npm run bench -- --sweep [--sweep-sampling auto|samples|statistic]` (issue 21): the sweep
 * preset collapse-or-thrive-gaussian (engine/presets/sweeps.ts), every grid point run in this
 * process on one thread, timed in total and per data mode. Points the engine refuses (a singular
 * covariance fit) are counted, not run; a point whose spread collapses until its covariance is no
 * longer positive definite fails there, as a sweep point does, and counts with its time so far.
 * Figures, not assertions.
 */
import { applyOverrides, ConfigError, resolveConfig, runSimulation, SimulationFailure } from '../engine';
import { SWEEP_PRESETS, sweepPoints } from '../engine/presets/sweeps';

export async function timeSweep(sampling: string, loadAverage: () => string): Promise<void> {
  const preset = SWEEP_PRESETS.find((p) => p.name === 'collapse-or-thrive-gaussian')!;
  const grid = preset.axes.map((a) => `${a.path} ${a.values.join(', ')}`).join(' x ');
  console.log(`\nsweep ${preset.name} (${grid}; R = ${preset.base.replicates}, T = ${preset.base.generations}; engine.sampling = ${sampling}; in-process, one thread; load average ${loadAverage()})`);
  const byMode = new Map<string, { runs: number; refused: number; failed: number; seconds: number }>();
  const start = performance.now();
  for (const point of sweepPoints(preset)) {
    const mode = point[0].split('=')[1];
    const tally = byMode.get(mode) ?? { runs: 0, refused: 0, failed: 0, seconds: 0 };
    byMode.set(mode, tally);
    let config;
    try {
      config = resolveConfig(applyOverrides(preset.base, [...point, `engine.sampling=${sampling}`]));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      tally.refused++;
      continue;
    }
    const t0 = performance.now();
    try {
      await runSimulation(config);
    } catch (e) {
      if (!(e instanceof SimulationFailure)) throw e;
      tally.failed++;
    }
    tally.seconds += (performance.now() - t0) / 1000;
    tally.runs++;
  }
  for (const [mode, t] of byMode) console.log(`sweep  ${mode}: ${t.runs} points in ${t.seconds.toFixed(2)} s (${t.failed} of them collapsed to a singular covariance before T; ${t.refused} refused: n < d + 1)`);
  console.log(`sweep  total ${((performance.now() - start) / 1000).toFixed(2)} s | load ${loadAverage()}`);
}
