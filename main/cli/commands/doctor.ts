import { loadTf, type BackendName } from '../../engine-host';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { storePath } from '../store-access';

/** `doctor [--json]`: the tfjs backend chain with the reason for each skip, and where the store is. */
export async function doctorCommand(options: CliOptions, io: CliIo): Promise<number> {
  let report;
  try {
    ({ report } = await loadTf({ prefer: io.env.COLLAPSE_LAB_TF_BACKEND as BackendName | undefined }));
  } catch (error) {
    // A mistyped $COLLAPSE_LAB_TF_BACKEND is the user's to fix: one line, status 2.
    if (error instanceof RangeError) throw new UsageError(`COLLAPSE_LAB_TF_BACKEND: ${error.message}`);
    throw error;
  }
  const store = storePath(options, io);
  if (options.json) {
    io.stdout(`${JSON.stringify({ backend: report.backend, tfBackend: report.tfBackend, device: report.device, chain: report.chain, node: process.version, store })}\n`);
    return EXIT_OK;
  }
  const lines = [`tfjs backend in use: ${report.backend}, ${report.device}`, 'backend chain, fastest first:'];
  for (const a of report.chain) lines.push(`  ${a.ok ? 'used   ' : 'skipped'}  ${a.name.padEnd(14)} ${a.reason}`);
  lines.push(`node ${process.version}`, `store ${store}`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
