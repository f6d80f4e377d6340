import { resolve } from 'node:path';
import { bundleHandlers, ServiceError } from '../../services';
import { BundleError, oneLine, readBundleFile, writeBundleFile, type BundleCounts } from '../../services/bundle';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { cliHandlers } from '../cli-handlers';
import { openCliStore, openExistingStore } from '../store-access';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function describeCounts(c: BundleCounts): string {
  return `${plural(c.runs, 'run')} (${plural(c.generations, 'generation')}), ${plural(c.labelSets, 'label set')} (${plural(c.labels, 'label')}), ${plural(c.filters, 'filter')}, ${plural(c.sweeps, 'sweep')}`;
}

/**
 * `export --bundle FILE [RUN_ID...]`: writes the whole store (no ids), or those runs with the
 * filters, label sets and sweeps they reference, as one bundle file (services/bundle.ts),
 * through the contract's checked `bundles:export` handler, as the UI exports one.
 */
export async function exportBundleCommand(file: string, runIds: readonly string[], options: CliOptions, io: CliIo): Promise<number> {
  if (file === '') throw new UsageError('export --bundle: give the FILE to write');
  if (options.format !== undefined) throw new UsageError('export --bundle: --format does not apply (a bundle is one JSON file)');
  const path = resolve(io.cwd, file);
  // Reads only: a store that is not there is named, not created empty and exported.
  const cli = cliHandlers(bundleHandlers, () => openExistingStore(options, io));
  try {
    let exported;
    try {
      exported = await cli.handlers['bundles:export']({ runIds: runIds.length > 0 ? [...runIds] : undefined });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'RUN_NOT_FOUND') throw new UsageError(`export --bundle: ${error.message} (see \`runs\`); nothing was written`);
      if (error instanceof ServiceError && error.code === 'BAD_BUNDLE') throw new UsageError(`export --bundle: ${error.message}`);
      throw error;
    }
    let bytes: number;
    try {
      bytes = writeBundleFile(path, exported.content);
    } catch (error) {
      throw new UsageError(`export --bundle: cannot write ${file} (${error instanceof Error ? error.message : String(error)})`);
    }
    io.stdout(
      options.json
        ? `${JSON.stringify({ file: path, bytes, ...exported.counts })}\n`
        : `wrote ${file}: ${describeCounts(exported.counts)}\n`,
    );
    return EXIT_OK;
  } finally {
    cli.close();
  }
}

/**
 * `import FILE [--db FILE]`: reads a bundle into the store, all or nothing. The file is checked
 * whole before the store is even opened; entries whose ids the store holds identically are
 * skipped, and one that differs refuses the import. Every refusal is one line and exit 2.
 */
export async function importCommand(positionals: readonly string[], options: CliOptions, io: CliIo): Promise<number> {
  const [file, extra] = positionals;
  if (!file || extra !== undefined) throw new UsageError('import: give exactly one bundle FILE (see `export --bundle`)');
  // oneLine: the file name and the store's own values come from outside too.
  const refuse = (message: string): UsageError => new UsageError(oneLine(`import ${file}: ${message}; nothing was imported`));
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = readBundleFile(path);
  } catch (error) {
    if (error instanceof BundleError) throw refuse(error.message);
    throw error;
  }
  // The contract's bundles:import, as the UI calls it: the whole file is checked before the store opens.
  const cli = cliHandlers(bundleHandlers, () => openCliStore(options, io));
  try {
    let summary;
    try {
      summary = await cli.handlers['bundles:import']({ text });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'BAD_BUNDLE') throw refuse(error.message);
      throw error;
    }
    const { added, skipped } = summary;
    const store = cli.store();
    if (options.json) {
      io.stdout(`${JSON.stringify({ file: path, store: store.file, added, skipped })}\n`);
    } else {
      const kinds = (c: typeof added): string =>
        `${plural(c.runs, 'run')}, ${plural(c.labelSets, 'label set')}, ${plural(c.filters, 'filter')}, ${plural(c.sweeps, 'sweep')}`;
      const skippedAny = Object.values(skipped).some((n) => n > 0);
      io.stdout(`imported ${kinds(added)} into ${store.file}${skippedAny ? `; already there and identical, left as they were: ${kinds(skipped)}` : ''}\n`);
    }
    return EXIT_OK;
  } finally {
    cli.close();
  }
}
