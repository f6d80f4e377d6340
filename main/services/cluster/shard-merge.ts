import { existsSync } from 'node:fs';
import { isStoreError, openStore, type RunStore, type SweepPoint } from '../../store';
import { BundleError, BundleImportConflict, exportBundle, importBundle, oneLine, parseBundle } from '../bundle';

/** A run in a shard and the grid point it was made for. */
export interface ShardRun {
  runId: string;
  point: SweepPoint;
}

export type MergeOutcome = { merged: number; skipped: number } | { refused: string };

/**
 * Merges the given runs of one task's shard into the main store through the bundle path, as
 * `export --bundle` on the shard followed by `import` into the store would: the shard is
 * opened as a store (a damaged file, or one written by a newer Collapse Lab, is refused there),
 * its runs are exported and checked as a bundle file would be, then written in one
 * transaction, all or nothing, ids kept, an identical id skipped (so a shard merged twice, by
 * a second `--resume` say, changes nothing). The shard's runs were made by a plain `run`, in no
 * sweep; the only change on the way is the link to the sweep and its point, which the
 * collector knows and the task did not. Every refusal is one line naming the shard.
 */
export function mergeShard(store: RunStore, sweepId: string, shardFile: string, runs: readonly ShardRun[]): MergeOutcome {
  if (runs.length === 0) return { merged: 0, skipped: 0 };
  const refuse = (reason: string): MergeOutcome => ({ refused: oneLine(`shard ${shardFile} refused: ${reason}; nothing of it was merged`) });
  if (!existsSync(shardFile)) return refuse('the file is missing');
  let shard: RunStore;
  try {
    shard = openStore(shardFile);
  } catch (error) {
    if (isStoreError(error)) return refuse(error.message);
    throw error;
  }
  try {
    const { document } = exportBundle(shard, runs.map((r) => r.runId));
    const { contents } = parseBundle(JSON.stringify(document));
    const pointOf = new Map(runs.map((r) => [r.runId, r.point]));
    for (const entry of contents.runs) {
      entry.row.sweep_id = sweepId;
      entry.row.sweep_point = JSON.stringify(pointOf.get(entry.row.id));
    }
    const summary = importBundle(store, contents);
    return { merged: summary.added.runs, skipped: summary.skipped.runs };
  } catch (error) {
    if (error instanceof BundleError || error instanceof BundleImportConflict || isStoreError(error)) return refuse(error.message);
    throw error;
  } finally {
    shard.close();
  }
}
