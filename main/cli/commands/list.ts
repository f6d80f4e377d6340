import { findRuns, findRunsInMissingStore, listPresets, toRunListEntry, type RunFilter } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { openListingStore } from '../store-access';
import { formatTable } from '../table';

/** `runs --limit N`: a positive integer, checked here since the option arrives as text. */
function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`limit: expected a positive integer, got "${text}"`);
  return n;
}

/** What the filters leave out of the "no runs" line, so an empty answer says what was asked. */
function describeFilter(f: RunFilter): string {
  const parts = [f.preset !== undefined && `preset ${f.preset}`, f.status !== undefined && `status ${f.status}`, f.sweepId !== undefined && `sweep ${f.sweepId}`];
  const named = parts.filter((p): p is string => typeof p === 'string');
  return named.length > 0 ? ` with ${named.join(', ')}` : '';
}

/**
 * `runs [--preset NAME] [--status STATUS] [--sweep SWEEP_ID] [--limit N] [--json]`: stored runs,
 * newest first, narrowed to those matching every filter given (services/find-runs.ts checks
 * each value). On a fresh machine the desktop app's store may not exist yet: an empty list.
 */
export function runsCommand(options: CliOptions, io: CliIo): number {
  const filter: RunFilter = { preset: options.preset, status: options.status, sweepId: options.sweep, limit: parseLimit(options.limit) };
  const { store, file } = openListingStore(options, io);
  try {
    const runs = store ? findRuns(store, filter) : findRunsInMissingStore(file, filter);
    const filtered = describeFilter(filter);
    if (options.json) {
      io.stdout(`${JSON.stringify(runs.map(toRunListEntry))}\n`);
    } else if (runs.length === 0 && filtered) {
      io.stdout(`no runs${filtered} in ${file}\n`);
    } else if (runs.length === 0) {
      io.stdout(`no runs in ${file} yet: try \`npm run cli -- run --preset xu-fixed-n\`\n`);
    } else {
      const rows = runs.map((r) => [r.id, r.status, `${r.generationsDone}/${r.generationsTotal}`, r.preset ?? '-', r.name, r.createdAt.replace('T', ' ').slice(0, 19)]);
      io.stdout(formatTable(['id', 'status', 'gens', 'preset', 'name', 'created (UTC)'], rows));
    }
    return EXIT_OK;
  } finally {
    store?.close();
  }
}

/** `presets [--json]`: the built-in experiments and the papers they reproduce. */
export function presetsCommand(options: CliOptions, io: CliIo): number {
  const presets = listPresets();
  if (options.json) io.stdout(`${JSON.stringify(presets)}\n`);
  else io.stdout(formatTable(['name', 'title', 'source'], presets.map((p) => [p.name, p.title, p.source])));
  return EXIT_OK;
}
