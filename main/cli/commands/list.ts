import { listPresets, listRuns, toRunListEntry } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_OK, type CliIo } from '../io';
import { openCliStore } from '../store-access';
import { formatTable } from '../table';

/** `runs [--json]`: stored runs, newest first. */
export function runsCommand(options: CliOptions, io: CliIo): number {
  const store = openCliStore(options, io);
  try {
    const runs = listRuns(store);
    if (options.json) {
      io.stdout(`${JSON.stringify(runs.map(toRunListEntry))}\n`);
    } else if (runs.length === 0) {
      io.stdout(`no runs in ${store.file} yet: try \`npm run cli -- run --preset xu-fixed-n\`\n`);
    } else {
      const rows = runs.map((r) => [r.id, r.status, `${r.generationsDone}/${r.generationsTotal}`, r.preset ?? '-', r.name, r.createdAt.replace('T', ' ').slice(0, 19)]);
      io.stdout(formatTable(['id', 'status', 'gens', 'preset', 'name', 'created (UTC)'], rows));
    }
    return EXIT_OK;
  } finally {
    store.close();
  }
}

/** `presets [--json]`: the built-in experiments and the papers they reproduce. */
export function presetsCommand(options: CliOptions, io: CliIo): number {
  const presets = listPresets();
  if (options.json) io.stdout(`${JSON.stringify(presets)}\n`);
  else io.stdout(formatTable(['name', 'title', 'source'], presets.map((p) => [p.name, p.title, p.source])));
  return EXIT_OK;
}
