import { exportRun, generationsCsv } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { openExistingStore } from '../store-access';

/** `export RUN_ID [--format json|csv]`: prints the stored run (docs/cli.md's export document). */
export function exportCommand(positionals: readonly string[], options: CliOptions, io: CliIo): number {
  const [runId, extra] = positionals;
  if (!runId || extra !== undefined) throw new UsageError('export: give exactly one RUN_ID (see `runs`)');
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`format: expected json or csv, got "${format}"`);
  const store = openExistingStore(options, io);
  try {
    const doc = exportRun(store, runId);
    io.stdout(format === 'csv' ? generationsCsv(doc.generations) : `${JSON.stringify(doc, null, 2)}\n`);
    return EXIT_OK;
  } finally {
    store.close();
  }
}
