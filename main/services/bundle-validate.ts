import type {
  FilterEntry,
  GenerationTableRow,
  LabelGroupEntry,
  LabelSetEntry,
  LabelTableRow,
  RunEntry,
  StoreContents,
  SweepEntry,
  TrainingEpochTableRow,
} from '../store/bundle-io';
import { checkSweepGrid, checkSweepWindow } from '../store/sweep-row-mapping';
import {
  array,
  base64,
  child,
  fail,
  finite,
  id,
  integer,
  isPlainObject,
  item,
  jsonObject,
  jsonValue,
  nonEmptyString,
  nullableFinite,
  nullableId,
  nullableInteger,
  nullableString,
  nullableTimestamp,
  oneOf,
  record,
  show,
  string,
  timestamp,
} from './bundle-checks';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from './bundle-document';

/**
 * Reads a parsed bundle (bundle-document.ts) into store rows, checking everything first: the
 * first problem throws BundleError naming its path, so nothing reaches the store unless the
 * whole file is sound. Beyond types, it checks what the store itself would refuse or could not
 * read back (a generation missing from the sequence, a `completed` run with generations
 * missing, candidates that are not count x dim finite doubles, a label past the group's end,
 * ids repeated, a reference to a filter, label set or sweep the bundle does not carry).
 *
 * Configs (a run's, a sweep's base) are kept as stored, not re-validated: a bundle from an
 * older Collapse Lab keeps its runs even where today's checks would refuse the config, and a
 * rerun validates it again anyway.
 *
 * What was 'running' (a run, a sweep) or 'training' (a filter) when exported is imported as
 * 'interrupted': no process in the target store is writing it. Its error says so (unless it had
 * one) and finishedAt becomes the export time (unless it had one); nothing else changes.
 */

const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
const FILTER_STATUSES = ['training', 'ready', 'failed', 'interrupted'] as const;
const LABEL_KINDS = ['machine', 'human'] as const;
/** A generation's own keys, which `extra` must not shadow (the export document spreads extra into the entry). */
const GENERATION_KEYS = ['t', 'sampleSize', 'error', 'diversity', 'kept', 'testError', 'theory', 'extra'] as const;

export interface ValidatedBundle {
  contents: StoreContents;
  exportedAt: string;
  engineVersion: string;
}

function interruptedNote(what: string, exportedAt: string): string {
  return `interrupted: the ${what} was still going when the bundle was exported (${exportedAt}); imported as interrupted`;
}

function generation(value: unknown, path: string, index: number): GenerationTableRow {
  const g = record(value, path, GENERATION_KEYS);
  const t = integer(g.t, child(path, 't'), 0);
  if (t !== index) fail(child(path, 't'), `expected ${index} (generations are stored in order from t = 0), got ${t}`);
  const errorPath = child(path, 'error');
  const error = record(g.error, errorPath, ['mean', 'rms', 'median', 'q25', 'q75']);
  let diversity: { mean: number | null; median: number | null } = { mean: null, median: null };
  if (g.diversity !== null) {
    const d = record(g.diversity, child(path, 'diversity'), ['mean', 'median']);
    diversity = { mean: nullableFinite(d.mean, child(child(path, 'diversity'), 'mean')), median: nullableFinite(d.median, child(child(path, 'diversity'), 'median')) };
  }
  const kept = record(g.kept, child(path, 'kept'), ['mean']);
  const testError = g.testError === null ? null : record(g.testError, child(path, 'testError'), ['mean']);
  const theory = record(g.theory, child(path, 'theory'), ['errorMeanSq', 'testError']);
  return {
    t,
    sample_size: integer(g.sampleSize, child(path, 'sampleSize'), 0),
    error_mean: finite(error.mean, child(errorPath, 'mean')),
    error_rms: finite(error.rms, child(errorPath, 'rms')),
    error_median: finite(error.median, child(errorPath, 'median')),
    error_q25: finite(error.q25, child(errorPath, 'q25')),
    error_q75: finite(error.q75, child(errorPath, 'q75')),
    diversity_mean: diversity.mean,
    diversity_median: diversity.median,
    kept_mean: finite(kept.mean, child(child(path, 'kept'), 'mean')),
    test_error_mean: testError === null ? null : finite(testError.mean, child(child(path, 'testError'), 'mean')),
    theory_error_mean_sq: nullableFinite(theory.errorMeanSq, child(child(path, 'theory'), 'errorMeanSq')),
    theory_test_error: nullableFinite(theory.testError, child(child(path, 'theory'), 'testError')),
    extra: g.extra === null ? null : JSON.stringify(extra(g.extra, child(path, 'extra'))),
  };
}

function extra(value: unknown, path: string): Record<string, unknown> {
  const e = jsonObject(value, path);
  for (const key of Object.keys(e)) {
    if ((GENERATION_KEYS as readonly string[]).includes(key)) fail(child(path, key), `would replace the generation's own ${key}`);
  }
  if (Object.hasOwn(e, 'contraction')) {
    const c = record(e.contraction, child(path, 'contraction'), ['median', 'geometricMean']);
    nullableFinite(c.median, child(child(path, 'contraction'), 'median'));
    finite(c.geometricMean, child(child(path, 'contraction'), 'geometricMean'));
  }
  return e;
}

function sweepPoint(value: unknown, path: string): string | null {
  if (value === null) return null;
  if (!isPlainObject(value)) fail(path, `expected an object of numbers or null, got ${show(value)}`);
  for (const [key, v] of Object.entries(value)) finite(v, child(path, key));
  return JSON.stringify(value);
}

function run(value: unknown, path: string, exportedAt: string): RunEntry {
  const r = record(value, path, [
    'id', 'name', 'preset', 'status', 'config', 'seed', 'engine', 'createdAt', 'startedAt', 'finishedAt',
    'updatedAt', 'error', 'generationsTotal', 'generationsDone', 'filterId', 'sweepId', 'sweepPoint',
    'ownerPid', 'ownerHost', 'ownerStart', 'generations',
  ]);
  const engine = record(r.engine, child(path, 'engine'), ['version', 'backend']);
  const status = oneOf(r.status, child(path, 'status'), RUN_STATUSES);
  const total = integer(r.generationsTotal, child(path, 'generationsTotal'), 0);
  const done = integer(r.generationsDone, child(path, 'generationsDone'), 0);
  const generations = array(r.generations, child(path, 'generations')).map((g, i) => generation(g, item(child(path, 'generations'), i), i));
  if (done !== generations.length) {
    fail(child(path, 'generationsDone'), `is ${done} but the run carries ${generations.length} generations`);
  }
  if (done > total) fail(child(path, 'generationsDone'), `is ${done}, more than generationsTotal ${total}`);
  if (status === 'completed' && done !== total) {
    fail(child(path, 'status'), `is completed, but only ${done} of ${total} generations are stored`);
  }
  const running = status === 'running';
  const error = nullableString(r.error, child(path, 'error'));
  const finishedAt = nullableTimestamp(r.finishedAt, child(path, 'finishedAt'));
  return {
    row: {
      id: id(r.id, child(path, 'id')),
      name: string(r.name, child(path, 'name')),
      preset: nullableString(r.preset, child(path, 'preset')),
      status: running ? 'interrupted' : status,
      config: JSON.stringify(jsonObject(r.config, child(path, 'config'))),
      seed: integer(r.seed, child(path, 'seed')),
      engine_version: string(engine.version, child(child(path, 'engine'), 'version')),
      backend: string(engine.backend, child(child(path, 'engine'), 'backend')),
      created_at: timestamp(r.createdAt, child(path, 'createdAt')),
      started_at: nullableTimestamp(r.startedAt, child(path, 'startedAt')),
      finished_at: running ? (finishedAt ?? exportedAt) : finishedAt,
      updated_at: nullableTimestamp(r.updatedAt, child(path, 'updatedAt')),
      error: running ? (error ?? interruptedNote('run', exportedAt)) : error,
      generations_total: total,
      generations_done: done,
      owner_pid: nullableInteger(r.ownerPid, child(path, 'ownerPid'), 0),
      owner_host: nullableString(r.ownerHost, child(path, 'ownerHost')),
      owner_start: nullableInteger(r.ownerStart, child(path, 'ownerStart'), 0),
      filter_id: nullableId(r.filterId, child(path, 'filterId')),
      sweep_id: nullableId(r.sweepId, child(path, 'sweepId')),
      sweep_point: sweepPoint(r.sweepPoint, child(path, 'sweepPoint')),
    },
    generations,
  };
}

/** Checks every candidate is a finite double (the store never holds NaN or infinities there). */
function candidates(value: unknown, path: string, count: number, dim: number): Buffer {
  const bytes = base64(value, path);
  const expected = count * dim * Float64Array.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== expected) {
    fail(path, `holds ${bytes.byteLength} bytes; count ${count} x dim ${dim} float64s are ${expected}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count * dim; i++) {
    const v = view.getFloat64(i * 8, true);
    if (!Number.isFinite(v)) fail(path, `value ${i} is ${v}; expected a finite number`);
  }
  return bytes;
}

function labelGroup(value: unknown, path: string, previous: number): LabelGroupEntry {
  const g = record(value, path, ['generation', 'dim', 'count', 'estimate', 'candidates', 'labels']);
  const gen = integer(g.generation, child(path, 'generation'), 0);
  if (gen <= previous) fail(child(path, 'generation'), `expected more than ${previous} (groups are in generation order, each once), got ${gen}`);
  const dim = integer(g.dim, child(path, 'dim'), 1);
  const count = integer(g.count, child(path, 'count'), 0);
  const estimate = array(g.estimate, child(path, 'estimate')).map((v, i) => finite(v, item(child(path, 'estimate'), i)));
  const blob = candidates(g.candidates, child(path, 'candidates'), count, dim);
  let lastIdx = -1;
  const labels = array(g.labels, child(path, 'labels')).map((v, i): LabelTableRow => {
    const p = item(child(path, 'labels'), i);
    const l = record(v, p, ['idx', 'label', 'labeledBy', 'labeledAt']);
    const idx = integer(l.idx, child(p, 'idx'), 0);
    if (idx <= lastIdx) fail(child(p, 'idx'), `expected more than ${lastIdx} (labels are in idx order, each once), got ${idx}`);
    if (idx >= count) fail(child(p, 'idx'), `is ${idx}, past the group's ${count} candidates`);
    lastIdx = idx;
    return {
      idx,
      label: integer(l.label, child(p, 'label'), 0, 1),
      labeled_by: nonEmptyString(l.labeledBy, child(p, 'labeledBy')),
      labeled_at: timestamp(l.labeledAt, child(p, 'labeledAt')),
    };
  });
  return { row: { generation: gen, dim, count, estimate: JSON.stringify(estimate), candidates: blob }, labels };
}

function labelSet(value: unknown, path: string): LabelSetEntry {
  const s = record(value, path, ['id', 'name', 'kind', 'labeler', 'source', 'createdAt', 'updatedAt', 'groups']);
  let previous = -1;
  const groups = array(s.groups, child(path, 'groups')).map((g, i) => {
    const group = labelGroup(g, item(child(path, 'groups'), i), previous);
    previous = group.row.generation;
    return group;
  });
  return {
    row: {
      id: id(s.id, child(path, 'id')),
      name: string(s.name, child(path, 'name')),
      kind: oneOf(s.kind, child(path, 'kind'), LABEL_KINDS),
      labeler: string(s.labeler, child(path, 'labeler')),
      source: JSON.stringify(jsonValue(s.source, child(path, 'source'))),
      created_at: timestamp(s.createdAt, child(path, 'createdAt')),
      updated_at: timestamp(s.updatedAt, child(path, 'updatedAt')),
    },
    groups,
  };
}

function filter(value: unknown, path: string, exportedAt: string): FilterEntry {
  const f = record(value, path, [
    'id', 'name', 'labelSetId', 'settings', 'model', 'backend', 'metrics', 'status', 'error', 'createdAt',
    'finishedAt', 'ownerPid', 'ownerHost', 'ownerStart', 'training',
  ]);
  const status = oneOf(f.status, child(path, 'status'), FILTER_STATUSES);
  let lastEpoch = -1;
  const epochs = array(f.training, child(path, 'training')).map((v, i): TrainingEpochTableRow => {
    const p = item(child(path, 'training'), i);
    const e = record(v, p, ['epoch', 'clsLoss', 'contrLoss', 'essLoss', 'accuracy', 'contractionSatisfied']);
    const epoch = integer(e.epoch, child(p, 'epoch'), 0);
    if (epoch <= lastEpoch) fail(child(p, 'epoch'), `expected more than ${lastEpoch} (epochs are in order, each once), got ${epoch}`);
    lastEpoch = epoch;
    return {
      epoch,
      cls_loss: finite(e.clsLoss, child(p, 'clsLoss')),
      contr_loss: finite(e.contrLoss, child(p, 'contrLoss')),
      ess_loss: finite(e.essLoss, child(p, 'essLoss')),
      accuracy: finite(e.accuracy, child(p, 'accuracy')),
      contraction_satisfied: finite(e.contractionSatisfied, child(p, 'contractionSatisfied')),
    };
  });
  const training = status === 'training';
  const error = nullableString(f.error, child(path, 'error'));
  const finishedAt = nullableTimestamp(f.finishedAt, child(path, 'finishedAt'));
  return {
    row: {
      id: id(f.id, child(path, 'id')),
      name: string(f.name, child(path, 'name')),
      label_set_id: nullableId(f.labelSetId, child(path, 'labelSetId')),
      settings: JSON.stringify(jsonValue(f.settings, child(path, 'settings'))),
      model: JSON.stringify(jsonValue(f.model, child(path, 'model'))),
      backend: string(f.backend, child(path, 'backend')),
      metrics: JSON.stringify(jsonValue(f.metrics, child(path, 'metrics'))),
      status: training ? 'interrupted' : status,
      error: training ? (error ?? interruptedNote('training', exportedAt)) : error,
      created_at: timestamp(f.createdAt, child(path, 'createdAt')),
      finished_at: training ? (finishedAt ?? exportedAt) : finishedAt,
      owner_pid: nullableInteger(f.ownerPid, child(path, 'ownerPid'), 0),
      owner_host: nullableString(f.ownerHost, child(path, 'ownerHost')),
      owner_start: nullableInteger(f.ownerStart, child(path, 'ownerStart'), 0),
    },
    epochs,
  };
}

function sweep(value: unknown, path: string, exportedAt: string): SweepEntry {
  const w = record(value, path, ['id', 'name', 'preset', 'base', 'grid', 'window', 'status', 'createdAt', 'finishedAt', 'ownerPid', 'ownerHost', 'ownerStart']);
  const grid = array(w.grid, child(path, 'grid')).map((v, i) => {
    const p = item(child(path, 'grid'), i);
    const a = record(v, p, ['path', 'values']);
    const values = array(a.values, child(p, 'values')).map((x, j) => finite(x, item(child(p, 'values'), j)));
    const repeated = values.findIndex((x, j) => values.indexOf(x) !== j);
    if (repeated >= 0) fail(item(child(p, 'values'), repeated), `repeats the value ${values[repeated]}`);
    return { path: nonEmptyString(a.path, child(p, 'path')), values };
  });
  // Names what the per-axis checks above leave (no axes, an empty axis, a path given twice).
  const gridProblem = checkSweepGrid(grid);
  if (gridProblem) fail(child(path, 'grid'), gridProblem);
  let window: [number, number] | null = null;
  if (w.window !== null) {
    const pair = array(w.window, child(path, 'window'));
    if (pair.length !== 2) fail(child(path, 'window'), `expected [from, to], got ${show(pair)}`);
    window = [integer(pair[0], item(child(path, 'window'), 0), 0), integer(pair[1], item(child(path, 'window'), 1), 0)];
    const windowProblem = checkSweepWindow(window);
    if (windowProblem) fail(child(path, 'window'), windowProblem);
  }
  const status = oneOf(w.status, child(path, 'status'), RUN_STATUSES);
  const finishedAt = nullableTimestamp(w.finishedAt, child(path, 'finishedAt'));
  return {
    row: {
      id: id(w.id, child(path, 'id')),
      name: string(w.name, child(path, 'name')),
      preset: nullableString(w.preset, child(path, 'preset')),
      base: JSON.stringify(jsonObject(w.base, child(path, 'base'))),
      grid: JSON.stringify(grid),
      window: window === null ? null : JSON.stringify(window),
      status: status === 'running' ? 'interrupted' : status,
      created_at: timestamp(w.createdAt, child(path, 'createdAt')),
      finished_at: status === 'running' ? (finishedAt ?? exportedAt) : finishedAt,
      owner_pid: nullableInteger(w.ownerPid, child(path, 'ownerPid'), 0),
      owner_host: nullableString(w.ownerHost, child(path, 'ownerHost')),
      owner_start: nullableInteger(w.ownerStart, child(path, 'ownerStart'), 0),
    },
  };
}

/** Refuses a second entry with the same id; returns the ids. */
function uniqueIds(entries: readonly { row: { id: string } }[], path: string): Set<string> {
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const first = seen.get(e.row.id);
    if (first !== undefined) fail(child(item(path, i), 'id'), `${show(e.row.id)} appears twice (also ${item(path, first)})`);
    seen.set(e.row.id, i);
  });
  return new Set(seen.keys());
}

/** Checks the format and version first, so that a foreign or newer file gets that one message. */
function header(doc: unknown): number {
  if (!isPlainObject(doc)) fail('', `expected a JSON object with "format": "${BUNDLE_FORMAT}", got ${show(doc)}`);
  if (doc.format !== BUNDLE_FORMAT) fail('format', `unknown bundle format ${show(doc.format)}; expected "${BUNDLE_FORMAT}"`);
  const version = doc.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > BUNDLE_VERSION) {
    fail('version', `bundle version ${version} is newer than this Collapse Lab reads (${BUNDLE_VERSION}); update the app`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail('version', `unknown bundle version ${show(version)}; expected 1 to ${BUNDLE_VERSION}`);
  }
  return version;
}

/**
 * Version 1 bundles were written before runs, filters and sweeps recorded their writer's
 * process start time: their rows get `ownerStart: null`, what the store's migration 0004 gives
 * rows of that age. Any other difference is still refused by the checks that follow.
 */
function upgradeFromVersion1(doc: Record<string, unknown>): Record<string, unknown> {
  const withOwnerStart = (rows: unknown): unknown =>
    Array.isArray(rows) ? rows.map((row) => (isPlainObject(row) && !('ownerStart' in row) ? { ...row, ownerStart: null } : row)) : rows;
  return { ...doc, version: BUNDLE_VERSION, runs: withOwnerStart(doc.runs), filters: withOwnerStart(doc.filters), sweeps: withOwnerStart(doc.sweeps) };
}

/** A parsed bundle as store rows; throws BundleError naming the first problem. */
export function validateBundle(input: unknown): ValidatedBundle {
  const version = header(input);
  const doc = version === 1 ? upgradeFromVersion1(input as Record<string, unknown>) : input;
  const root = record(doc, '', ['format', 'version', 'engine', 'exportedAt', 'runs', 'labelSets', 'filters', 'sweeps']);
  const engine = record(root.engine, 'engine', ['version']);
  const engineVersion = string(engine.version, 'engine.version');
  const exportedAt = timestamp(root.exportedAt, 'exportedAt');
  const contents: StoreContents = {
    runs: array(root.runs, 'runs').map((r, i) => run(r, item('runs', i), exportedAt)),
    labelSets: array(root.labelSets, 'labelSets').map((s, i) => labelSet(s, item('labelSets', i))),
    filters: array(root.filters, 'filters').map((f, i) => filter(f, item('filters', i), exportedAt)),
    sweeps: array(root.sweeps, 'sweeps').map((w, i) => sweep(w, item('sweeps', i), exportedAt)),
  };
  uniqueIds(contents.runs, 'runs');
  const setIds = uniqueIds(contents.labelSets, 'labelSets');
  const filterIds = uniqueIds(contents.filters, 'filters');
  const sweepIds = uniqueIds(contents.sweeps, 'sweeps');
  // References last, so that a damaged entry is reported as itself, not as a dangling reference.
  contents.filters.forEach((f, i) => {
    const ref = f.row.label_set_id;
    if (ref !== null && !setIds.has(ref)) fail(child(item('filters', i), 'labelSetId'), `label set ${show(ref)} is not in the bundle`);
  });
  contents.runs.forEach((r, i) => {
    if (r.row.filter_id !== null && !filterIds.has(r.row.filter_id)) {
      fail(child(item('runs', i), 'filterId'), `filter ${show(r.row.filter_id)} is not in the bundle`);
    }
    if (r.row.sweep_id !== null && !sweepIds.has(r.row.sweep_id)) {
      fail(child(item('runs', i), 'sweepId'), `sweep ${show(r.row.sweep_id)} is not in the bundle`);
    }
  });
  return { contents, exportedAt, engineVersion };
}
