import type { CliOptions } from '../args';
import { EXIT_OK, type CliIo } from '../io';
import { openListingStore } from '../store-access';
import { formatTable } from '../table';

/** `filters [--json]`: stored neural filters, newest first. */
export function filtersCommand(options: CliOptions, io: CliIo): number {
  const { store, file } = openListingStore(options, io);
  try {
    const filters = store?.listFilters() ?? [];
    if (options.json) {
      io.stdout(`${JSON.stringify(filters.map((f) => ({ id: f.id, name: f.name, status: f.status, labelSetId: f.labelSetId, backend: f.backend, metrics: f.metrics, createdAt: f.createdAt })))}\n`);
    } else if (filters.length === 0) {
      io.stdout(`no filters in ${file} yet: try \`npm run cli -- label --machine\` then \`train-filter --labels ID\`\n`);
    } else {
      const rows = filters.map((f) => {
        const m = (f.metrics ?? {}) as { heldOutAccuracy?: number; heldOutContraction?: number };
        return [f.id, f.status, f.labelSetId ?? '-', m.heldOutAccuracy?.toFixed(3) ?? '-', m.heldOutContraction !== undefined ? `${(m.heldOutContraction * 100).toFixed(0)}%` : '-', f.backend, f.name];
      });
      io.stdout(formatTable(['id', 'status', 'labels', 'accuracy', 'contraction ok', 'backend', 'name'], rows));
    }
    return EXIT_OK;
  } finally {
    store?.close();
  }
}
