import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { readStoreContents, writeStoreContents, type ImportCounts, type StoreContents } from '../store/bundle-io';
import type { RunStore } from '../store';
import { BundleError, oneLine } from '../store/value-checks';
import { toBundleDocument, type BundleDocument } from './bundle-document';
import { validateBundle } from './bundle-validate';

/**
 * Export and import of bundles (bundle-document.ts describes the file). Import is all or
 * nothing: the file is read and checked whole before the store is touched, then written in one
 * transaction in which an id the store already holds is skipped when identical and refuses the
 * whole import when it differs (merging two versions of one run has no right answer).
 */

export { BundleError, oneLine } from '../store/value-checks';
export { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleDocument } from './bundle-document';
export { BundleImportConflict } from '../store/bundle-io';

/**
 * Bigger than any store this app makes in practice, and below V8's longest string (about
 * 512 MiB), past which reading the file as text would throw.
 */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** How many of each the bundle holds (export) or the import added and skipped. */
export interface BundleCounts {
  runs: number;
  generations: number;
  labelSets: number;
  labels: number;
  filters: number;
  sweeps: number;
}

export interface ImportSummary {
  added: Record<keyof ImportCounts, number>;
  /** Already in the store, identical: left as they were. */
  skipped: Record<keyof ImportCounts, number>;
}

export function countContents(contents: StoreContents): BundleCounts {
  return {
    runs: contents.runs.length,
    generations: contents.runs.reduce((n, r) => n + r.generations.length, 0),
    labelSets: contents.labelSets.length,
    labels: contents.labelSets.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.labels.length, 0), 0),
    filters: contents.filters.length,
    sweeps: contents.sweeps.length,
  };
}

/**
 * The bundle of the whole store, or of `runIds` with the filters, label sets and sweeps they
 * reference. Checked as import would check it, so a store holding something a bundle cannot
 * carry fails here, not on the other machine. Throws StoreError RUN_NOT_FOUND for an unknown id.
 */
export function exportBundle(store: RunStore, runIds?: readonly string[], now: Date = new Date()): { document: BundleDocument; counts: BundleCounts } {
  const contents = readStoreContents(store, runIds);
  const document = toBundleDocument(contents, now.toISOString());
  try {
    validateBundle(JSON.parse(JSON.stringify(document)));
  } catch (error) {
    if (error instanceof BundleError) throw new BundleError(error.path, `${error.reason} (in ${store.file}; cannot export it)`);
    throw error;
  }
  return { document, counts: countContents(contents) };
}

/** Parses bundle text and checks all of it; throws BundleError naming the first problem. */
export function parseBundle(text: string): { contents: StoreContents; counts: BundleCounts } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    // V8's message names the position ("Unexpected end of JSON input", "... at position 12").
    throw new BundleError('', `not JSON (${oneLine(error instanceof Error ? error.message : String(error))})`);
  }
  const { contents } = validateBundle(doc);
  return { contents, counts: countContents(contents) };
}

/** Writes checked contents into the store in one transaction (see the top of this file). */
export function importBundle(store: RunStore, contents: StoreContents): ImportSummary {
  const counts = writeStoreContents(store, contents);
  const pick = (key: 'added' | 'skipped'): Record<keyof ImportCounts, number> => ({
    runs: counts.runs[key],
    labelSets: counts.labelSets[key],
    filters: counts.filters[key],
    sweeps: counts.sweeps[key],
  });
  return { added: pick('added'), skipped: pick('skipped') };
}

/** The file's text; a file that cannot be read, or is too big, is a BundleError. */
export function readBundleFile(file: string): string {
  try {
    const size = statSync(file).size;
    if (size > MAX_BUNDLE_BYTES) throw new BundleError('', `${size} bytes is more than the ${MAX_BUNDLE_BYTES} a bundle may hold`);
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof BundleError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleError('', `cannot read it (${reason})`);
  }
}

/**
 * Writes a bundle's text (`bundles:export`'s content) to `file` through a temporary file in the
 * same folder, renamed over it once complete: a failed or interrupted export never leaves half
 * a bundle under that name. Returns the bytes written.
 */
export function writeBundleFile(file: string, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  const temp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'w');
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
    return bytes.byteLength;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
}
