import { adapterLabel, calibrate, figureLine, loadTf, probeSteps, releaseBackends, saveCalibration, type BackendName } from '../../engine-host';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { storePath } from '../store-access';

/**
 * `doctor [--json] [--bench]`: the backend chain FilterNet's training would use, with the reason
 * for each skip; every step tried on its own (with the WebGPU adapter's details); with `--bench`,
 * the calibration: a short timed training on every step that loads, stored for later trainings.
 */
export async function doctorCommand(options: CliOptions, io: CliIo): Promise<number> {
  let report;
  try {
    ({ report } = await loadTf({ prefer: io.env.COLLAPSE_LAB_TF_BACKEND as BackendName | undefined }));
  } catch (error) {
    // A mistyped $COLLAPSE_LAB_TF_BACKEND is the user's to fix: one line, status 2.
    if (error instanceof RangeError) throw new UsageError(`COLLAPSE_LAB_TF_BACKEND: ${error.message}`);
    throw error;
  }
  try {
    const steps = await probeSteps();
    const bench = options.bench ? await calibrate(report.workload) : undefined;
    const savedTo = bench ? saveCalibration(bench, io.env) : undefined;
    const store = storePath(options, io);
    if (options.json) {
      const { backend, tfBackend, device, chain, workload, orderedBy, calibration, adapter } = report;
      const out = { backend, tfBackend, device, chain, workload, orderedBy, calibration, adapter, steps, bench, calibrationFile: savedTo, node: process.version, store };
      io.stdout(`${JSON.stringify(out)}\n`);
      return EXIT_OK;
    }
    const lines = [`tfjs backend in use: ${report.backend}, ${report.device}`, `backend chain for ${report.workload} (${report.orderedBy === 'calibration' ? 'order measured by the stored calibration' : 'prior order'}):`];
    for (const a of report.chain) lines.push(`  ${a.ok ? 'used   ' : 'skipped'}  ${a.name.padEnd(14)} ${a.reason}`);
    lines.push('every step on its own:');
    for (const s of steps) lines.push(`  ${s.loads ? 'loads  ' : 'fails  '}  ${s.name.padEnd(14)} ${s.reason}`);
    const adapter = steps.find((s) => s.adapter)?.adapter;
    if (adapter) lines.push(`webgpu adapter: ${adapterLabel(adapter)}; vendor "${adapter.vendor}", architecture "${adapter.architecture}", ${adapter.description}, feature level ${adapter.featureLevel}`);
    if (bench) {
      lines.push(`calibration for ${bench.workload} (median ms of one training step):`);
      for (const f of bench.figures) lines.push(`  ${figureLine(f)}`);
      lines.push(`  order: ${bench.order.join(' > ')}${savedTo ? ` (stored in ${savedTo})` : ' (not stored: COLLAPSE_LAB_CALIBRATION=off)'}`);
    }
    lines.push(`node ${process.version}`, `store ${store}`);
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  } finally {
    releaseBackends();
  }
}
