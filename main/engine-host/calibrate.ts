import { machineKey, orderByFigures, type Calibration, type CalibrationFigure } from './calibration';
import { loadTf, type Importer } from './tf-backend';
import { WORKLOADS, type WorkloadName } from './workloads';

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Times the workload's probe on every step of its chain that loads here (issue 17, item 2):
 * one untimed run first (shader compilation on a GPU, JIT and first allocations elsewhere), then
 * `repeat` timed runs; the figure is the median time of one training step. A software WebGPU
 * adapter is measured too, so its figure shows how slow it is, but training still refuses it
 * unless asked. A workload without a probe yet (the CVAE) gets no figures and keeps its prior.
 */
export async function calibrate(workload: WorkloadName, options: { repeat?: number; importer?: Importer; onFigure?: (f: CalibrationFigure) => void } = {}): Promise<Calibration> {
  const profile = WORKLOADS[workload];
  const repeat = Math.max(1, options.repeat ?? 2);
  const figures: CalibrationFigure[] = [];
  const add = (f: CalibrationFigure): void => {
    figures.push(f);
    options.onFigure?.(f);
  };
  for (const backend of profile.prior) {
    if (!profile.probe) {
      add({ backend, ok: false, reason: `${workload} has no calibration probe yet` });
      continue;
    }
    const loaded = await loadTf({ prefer: backend, workload, calibration: null, importer: options.importer });
    if (loaded.report.backend !== backend) {
      add({ backend, ok: false, reason: loaded.report.chain.find((a) => a.name === backend)?.reason ?? 'did not load' });
      continue;
    }
    await profile.probe(loaded.trainer);
    const runs: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const start = performance.now();
      const { steps } = await profile.probe(loaded.trainer);
      runs.push((performance.now() - start) / steps);
    }
    add({ backend, ok: true, reason: loaded.report.device, msPerStep: median(runs), runs });
  }
  return { workload, at: new Date().toISOString(), machine: machineKey(), figures, order: orderByFigures(profile.prior, figures) };
}
