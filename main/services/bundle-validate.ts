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
import { jsonToRow } from '../store/table-descriptor';
import { FILTERS_TABLE, LABEL_SETS_TABLE, RUNS_TABLE, SWEEPS_TABLE, TRAINING_EPOCHS_TABLE } from '../store/tables';
import {
  array,
  base64,
  child,
  fail,
  finite,
  integer,
  isPlainObject,
  item,
  jsonObject,
  nonEmptyString,
  nullableFinite,
  record,
  show,
  string,
  timestamp,
} from '../store/value-checks';
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
    // `slope` (issue 22) is written from t = 1 on; files from before it have none.
    const hasSlope = isPlainObject(e.contraction) && Object.hasOwn(e.contraction, 'slope');
    const c = record(e.contraction, child(path, 'contraction'), hasSlope ? ['median', 'geometricMean', 'slope'] : ['median', 'geometricMean']);
    nullableFinite(c.median, child(child(path, 'contraction'), 'median'));
    finite(c.geometricMean, child(child(path, 'contraction'), 'geometricMean'));
    if (hasSlope) finite(c.slope, child(child(path, 'contraction'), 'slope'));
  }
  return e;
}

function run(value: unknown, path: string, exportedAt: string): RunEntry {
  // Every column checked by its descriptor (store/tables.ts), in the file's key order.
  const { row, entry } = jsonToRow(RUNS_TABLE, value, path, ['generations']);
  const generations = array(entry.generations, child(path, 'generations')).map((g, i) => generation(g, item(child(path, 'generations'), i), i));
  const { status, generations_total: total, generations_done: done } = row;
  if (done !== generations.length) {
    fail(child(path, 'generationsDone'), `is ${done} but the run carries ${generations.length} generations`);
  }
  if (done > total) fail(child(path, 'generationsDone'), `is ${done}, more than generationsTotal ${total}`);
  if (status === 'completed' && done !== total) {
    fail(child(path, 'status'), `is completed, but only ${done} of ${total} generations are stored`);
  }
  if (status === 'running') {
    row.status = 'interrupted';
    row.finished_at ??= exportedAt;
    row.error ??= interruptedNote('run', exportedAt);
  }
  return { row, generations };
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
  const { row, entry } = jsonToRow(LABEL_SETS_TABLE, value, path, ['groups']);
  let previous = -1;
  const groups = array(entry.groups, child(path, 'groups')).map((g, i) => {
    const group = labelGroup(g, item(child(path, 'groups'), i), previous);
    previous = group.row.generation;
    return group;
  });
  return { row, groups };
}

function filter(value: unknown, path: string, exportedAt: string): FilterEntry {
  const { row, entry } = jsonToRow(FILTERS_TABLE, value, path, ['training']);
  let lastEpoch = -1;
  const epochs = array(entry.training, child(path, 'training')).map((v, i): TrainingEpochTableRow => {
    const p = item(child(path, 'training'), i);
    const epoch = jsonToRow(TRAINING_EPOCHS_TABLE, v, p).row;
    if (epoch.epoch <= lastEpoch) fail(child(p, 'epoch'), `expected more than ${lastEpoch} (epochs are in order, each once), got ${epoch.epoch}`);
    lastEpoch = epoch.epoch;
    return epoch;
  });
  if (row.status === 'training') {
    row.status = 'interrupted';
    row.finished_at ??= exportedAt;
    row.error ??= interruptedNote('training', exportedAt);
  }
  return { row, epochs };
}

function sweep(value: unknown, path: string, exportedAt: string): SweepEntry {
  const { row } = jsonToRow(SWEEPS_TABLE, value, path);
  if (row.status === 'running') {
    row.status = 'interrupted';
    row.finished_at ??= exportedAt;
  }
  return { row };
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

/** Each row of `rows` (when it is an array of objects) with `fill`'s keys it lacks. */
function withDefaults(rows: unknown, fill: Record<string, unknown>): unknown {
  return Array.isArray(rows) ? rows.map((row) => (isPlainObject(row) ? { ...fill, ...row } : row)) : rows;
}

/**
 * Version 1 bundles were written before runs, filters and sweeps recorded their writer's
 * process start time: their rows get `ownerStart: null`, what the store's migration 0004 gives
 * rows of that age. Any other difference is still refused by the checks that follow.
 */
function upgradeFromVersion1(doc: Record<string, unknown>): Record<string, unknown> {
  const fill = { ownerStart: null };
  return { ...doc, version: 2, runs: withDefaults(doc.runs, fill), filters: withDefaults(doc.filters, fill), sweeps: withDefaults(doc.sweeps, fill) };
}

/** Version 2 runs have no note and no tags: `note: null, tags: []`, as migration 0005 gives stored rows. */
function upgradeFromVersion2(doc: Record<string, unknown>): Record<string, unknown> {
  return { ...doc, version: 3, runs: withDefaults(doc.runs, { note: null, tags: [] }) };
}

/** Each step takes a document of its version to the next; the last reaches BUNDLE_VERSION. */
const UPGRADES: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = { 1: upgradeFromVersion1, 2: upgradeFromVersion2 };

function upgrade(input: unknown, version: number): unknown {
  let doc = input as Record<string, unknown>;
  for (let v = version; v < BUNDLE_VERSION; v += 1) doc = UPGRADES[v]!(doc);
  return doc;
}

/** A parsed bundle as store rows; throws BundleError naming the first problem. */
export function validateBundle(input: unknown): ValidatedBundle {
  const version = header(input);
  const doc = upgrade(input, version);
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
