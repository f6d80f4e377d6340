/**
 * Every stored table as one descriptor (table-descriptor.ts): from these come the row types
 * (bundle-rows.ts), the bundle's column lists, its documents and the checks of its import
 * (services/bundle-document.ts, bundle-validate.ts), and for runs the RunRecord the store hands
 * out and the columns its queries select. A new column is a migration plus one entry here.
 * Entries are in the bundle file's key order.
 */
import type { RunConfig } from '../../engine/config/types';
import * as c from './codecs';
import { checkSweepGrid, checkSweepWindow } from './sweep-row-mapping';
import type { SweepAxis } from './sweep-types';
import { array, child, fail, finite, integer, item, nonEmptyString, record, show } from './value-checks';
import { column, defineTable, internalColumn, type RecordOfTable, type RowOf } from './table-descriptor';

import { FILTER_STATUSES, LABEL_SET_KINDS, RUN_STATUSES } from './statuses';

export { FILTER_STATUSES, LABEL_SET_KINDS, RUN_STATUSES } from './statuses';

/** The process writing a row (liveness.ts): kept in the table and the bundle, not in records. */
const owner = [
  internalColumn('owner_pid', 'ownerPid', c.nullableInt(0)),
  internalColumn('owner_host', 'ownerHost', c.nullableText),
  /** When the owner process started (clock ticks since boot); null where unknown (migration 0004). */
  internalColumn('owner_start', 'ownerStart', c.nullableInt(0)),
] as const;

export const RUNS_TABLE = defineTable('runs', [
  column('id', 'id', c.idText),
  column('name', 'name', c.text),
  column('preset', 'preset', c.nullableText),
  column('status', 'status', c.oneOf(RUN_STATUSES)),
  // Written by createRun from a RunConfig; neither the store nor a bundle re-validates it.
  column('config', 'config', c.jsonObjectOf<RunConfig>()),
  column('seed', 'seed', c.int()),
  column('engine_version', 'engine.version', c.text),
  column('backend', 'engine.backend', c.text),
  /** ISO 8601 UTC with milliseconds, e.g. 2025-01-31T12:00:00.000Z. */
  column('created_at', 'createdAt', c.timestamp),
  column('started_at', 'startedAt', c.nullableTimestampText),
  column('finished_at', 'finishedAt', c.nullableTimestampText),
  /** When generations were last appended (or the run finished); null before the first write. */
  column('updated_at', 'updatedAt', c.nullableTimestampText),
  column('error', 'error', c.nullableText),
  /** T + 1. A run is only ever 'completed' with generationsDone === generationsTotal. */
  column('generations_total', 'generationsTotal', c.int(0)),
  /** Generations stored so far: highest stored t + 1. */
  column('generations_done', 'generationsDone', c.int(0)),
  /** The trained filter the run used; null without one, or once that filter was deleted. */
  column('filter_id', 'filterId', c.nullableIdText),
  /** The sweep that made the run; null outside a sweep, or once that sweep was deleted. */
  column('sweep_id', 'sweepId', c.nullableIdText),
  /** Where on its sweep's grid the run was made (kept when the sweep is deleted). */
  column('sweep_point', 'sweepPoint', c.nullableJson(c.numberRecord)),
  /** The researcher's note (plain text or Markdown); null for none (migration 0005). */
  column('note', 'note', c.nullableText),
  /** The run's tags in the order they were added (common/run-tags.ts); [] for none. */
  column('tags', 'tags', c.json<string[]>(c.tagList)),
  ...owner,
]);

export const LABEL_SETS_TABLE = defineTable('label_sets', [
  column('id', 'id', c.idText),
  column('name', 'name', c.text),
  column('kind', 'kind', c.oneOf(LABEL_SET_KINDS)),
  column('labeler', 'labeler', c.text),
  column('source', 'source', c.json()),
  column('created_at', 'createdAt', c.timestamp),
  column('updated_at', 'updatedAt', c.timestamp),
]);

export const FILTERS_TABLE = defineTable('filters', [
  column('id', 'id', c.idText),
  column('name', 'name', c.text),
  column('label_set_id', 'labelSetId', c.nullableIdText),
  column('settings', 'settings', c.json()),
  column('model', 'model', c.json()),
  column('backend', 'backend', c.text),
  column('metrics', 'metrics', c.json()),
  column('status', 'status', c.oneOf(FILTER_STATUSES)),
  column('error', 'error', c.nullableText),
  column('created_at', 'createdAt', c.timestamp),
  column('finished_at', 'finishedAt', c.nullableTimestampText),
  ...owner,
]);

/** Without filter_id: an epoch travels inside its filter. */
export const TRAINING_EPOCHS_TABLE = defineTable('training_epochs', [
  column('epoch', 'epoch', c.int(0)),
  column('cls_loss', 'clsLoss', c.real),
  column('contr_loss', 'contrLoss', c.real),
  column('ess_loss', 'essLoss', c.real),
  column('accuracy', 'accuracy', c.real),
  column('contraction_satisfied', 'contractionSatisfied', c.real),
]);

/** A sweep's axes: each a dotted path and distinct finite values; then what checkSweepGrid names. */
function sweepGrid(value: unknown, path: string): SweepAxis[] {
  const grid = array(value, path).map((v, i) => {
    const p = item(path, i);
    const a = record(v, p, ['path', 'values']);
    const values = array(a.values, child(p, 'values')).map((x, j) => finite(x, item(child(p, 'values'), j)));
    const repeated = values.findIndex((x, j) => values.indexOf(x) !== j);
    if (repeated >= 0) fail(item(child(p, 'values'), repeated), `repeats the value ${values[repeated]}`);
    return { path: nonEmptyString(a.path, child(p, 'path')), values };
  });
  // Names what the per-axis checks above leave (no axes, an empty axis, a path given twice).
  const problem = checkSweepGrid(grid);
  if (problem) fail(path, problem);
  return grid;
}

function sweepWindow(value: unknown, path: string): [number, number] {
  const pair = array(value, path);
  if (pair.length !== 2) fail(path, `expected [from, to], got ${show(pair)}`);
  const window: [number, number] = [integer(pair[0], item(path, 0), 0), integer(pair[1], item(path, 1), 0)];
  const problem = checkSweepWindow(window);
  if (problem) fail(path, problem);
  return window;
}

export const SWEEPS_TABLE = defineTable('sweeps', [
  column('id', 'id', c.idText),
  column('name', 'name', c.text),
  column('preset', 'preset', c.nullableText),
  column('base', 'base', c.jsonObjectOf<RunConfig>()),
  column('grid', 'grid', c.json<SweepAxis[]>(sweepGrid)),
  column('window', 'window', c.nullableJson(sweepWindow)),
  column('status', 'status', c.oneOf(RUN_STATUSES)),
  column('created_at', 'createdAt', c.timestamp),
  column('finished_at', 'finishedAt', c.nullableTimestampText),
  ...owner,
]);

/** Every column of `runs`, as SQLite returns it. */
export type RunTableRow = RowOf<typeof RUNS_TABLE>;
/** A stored run as the rest of the app sees it (camelCase, config parsed, no ownership). */
export type RunTableRecord = RecordOfTable<typeof RUNS_TABLE>;
