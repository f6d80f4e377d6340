import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import type { RunStore } from './run-store';

/**
 * Whole-store reads and writes for bundles (`export --bundle`, `import`): every column of
 * every row, exactly as SQLite holds it (JSON columns as their text, blobs as bytes, ownership
 * included), which the typed queries of RunStore deliberately do not expose. What the bundle
 * file looks like is the services' business (main/services/bundle-document.ts); this file only
 * moves rows.
 *
 * Each table's columns are listed once below; test/bundle/round-trip.test.ts checks the lists
 * against `PRAGMA table_info`, so a migration that adds a column fails that test until bundles
 * carry it.
 */

export const RUN_COLUMNS = [
  'id', 'name', 'preset', 'status', 'config', 'seed', 'engine_version', 'backend', 'created_at',
  'started_at', 'finished_at', 'updated_at', 'error', 'generations_total', 'generations_done',
  'owner_pid', 'owner_host', 'filter_id', 'sweep_id', 'sweep_point',
] as const;
/** Without run_id: a generation row travels inside its run. */
export const GENERATION_COLUMNS = [
  't', 'sample_size', 'error_mean', 'error_rms', 'error_median', 'error_q25', 'error_q75',
  'diversity_mean', 'diversity_median', 'kept_mean', 'test_error_mean', 'theory_error_mean_sq',
  'theory_test_error', 'extra',
] as const;
export const LABEL_SET_COLUMNS = ['id', 'name', 'kind', 'labeler', 'source', 'created_at', 'updated_at'] as const;
/** Without label_set_id. */
export const LABEL_GROUP_COLUMNS = ['generation', 'dim', 'count', 'estimate', 'candidates'] as const;
/** Without label_set_id and generation: a label travels inside its group. */
export const LABEL_COLUMNS = ['idx', 'label', 'labeled_by', 'labeled_at'] as const;
export const FILTER_COLUMNS = [
  'id', 'name', 'label_set_id', 'settings', 'model', 'backend', 'metrics', 'status', 'error',
  'created_at', 'finished_at', 'owner_pid', 'owner_host',
] as const;
/** Without filter_id. */
export const TRAINING_EPOCH_COLUMNS = [
  'epoch', 'cls_loss', 'contr_loss', 'ess_loss', 'accuracy', 'contraction_satisfied',
] as const;
export const SWEEP_COLUMNS = [
  'id', 'name', 'preset', 'base', 'grid', 'window', 'status', 'created_at', 'finished_at',
  'owner_pid', 'owner_host',
] as const;

type Row<C extends readonly string[]> = { [K in C[number]]: string | number | Buffer | null };

export interface RunTableRow {
  id: string;
  name: string;
  preset: string | null;
  status: string;
  config: string;
  seed: number;
  engine_version: string;
  backend: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string | null;
  error: string | null;
  generations_total: number;
  generations_done: number;
  owner_pid: number | null;
  owner_host: string | null;
  filter_id: string | null;
  sweep_id: string | null;
  sweep_point: string | null;
}

export interface GenerationTableRow {
  t: number;
  sample_size: number;
  error_mean: number;
  error_rms: number;
  error_median: number;
  error_q25: number;
  error_q75: number;
  diversity_mean: number | null;
  diversity_median: number | null;
  kept_mean: number;
  test_error_mean: number | null;
  theory_error_mean_sq: number | null;
  theory_test_error: number | null;
  extra: string | null;
}

export interface LabelSetTableRow {
  id: string;
  name: string;
  kind: string;
  labeler: string;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface LabelGroupTableRow {
  generation: number;
  dim: number;
  count: number;
  estimate: string;
  candidates: Buffer;
}

export interface LabelTableRow {
  idx: number;
  label: number;
  labeled_by: string;
  labeled_at: string;
}

export interface FilterTableRow {
  id: string;
  name: string;
  label_set_id: string | null;
  settings: string;
  model: string;
  backend: string;
  metrics: string;
  status: string;
  error: string | null;
  created_at: string;
  finished_at: string | null;
  owner_pid: number | null;
  owner_host: string | null;
}

export interface TrainingEpochTableRow {
  epoch: number;
  cls_loss: number;
  contr_loss: number;
  ess_loss: number;
  accuracy: number;
  contraction_satisfied: number;
}

export interface SweepTableRow {
  id: string;
  name: string;
  preset: string | null;
  base: string;
  grid: string;
  window: string | null;
  status: string;
  created_at: string;
  finished_at: string | null;
  owner_pid: number | null;
  owner_host: string | null;
}

export interface RunEntry {
  row: RunTableRow;
  generations: GenerationTableRow[];
}

export interface LabelGroupEntry {
  row: LabelGroupTableRow;
  labels: LabelTableRow[];
}

export interface LabelSetEntry {
  row: LabelSetTableRow;
  groups: LabelGroupEntry[];
}

export interface FilterEntry {
  row: FilterTableRow;
  epochs: TrainingEpochTableRow[];
}

export interface SweepEntry {
  row: SweepTableRow;
}

/**
 * Rows of a store, grouped by what owns them. Each list is in the source store's insertion
 * (rowid) order, and import inserts in list order, so runs created in the same millisecond
 * keep their listing order in the target store.
 */
export interface StoreContents {
  runs: RunEntry[];
  labelSets: LabelSetEntry[];
  filters: FilterEntry[];
  sweeps: SweepEntry[];
}

export type EntityKind = keyof StoreContents;

/** Added and skipped (already present, identical) entries per kind. */
export type ImportCounts = Record<EntityKind, { added: number; skipped: number }>;

/**
 * An entry whose id the target store already holds with different contents (`detail` says
 * which column or row differs), or one the store refused. The import wrote nothing.
 */
export class BundleImportConflict extends Error {
  override readonly name = 'BundleImportConflict';

  constructor(
    readonly kind: EntityKind,
    readonly index: number,
    readonly id: string,
    readonly detail: string,
  ) {
    super(`${kind}[${index}] (id ${id}): ${detail}`);
  }
}

const list = (columns: readonly string[]): string => columns.join(', ');
const params = (columns: readonly string[]): string => columns.map((c) => `@${c}`).join(', ');

/** The statements, prepared per call: bundles are rare, and the RunStore owns the hot ones. */
function statements(db: Database.Database) {
  return {
    allRuns: db.prepare<[], RunTableRow>(`SELECT ${list(RUN_COLUMNS)} FROM runs ORDER BY rowid`),
    runById: db.prepare<[string], RunTableRow>(`SELECT ${list(RUN_COLUMNS)} FROM runs WHERE id = ?`),
    runRowid: db.prepare<[string], number>(`SELECT rowid FROM runs WHERE id = ?`).pluck(),
    generations: db.prepare<[string], GenerationTableRow>(
      `SELECT ${list(GENERATION_COLUMNS)} FROM generations WHERE run_id = ? ORDER BY t`,
    ),
    allLabelSets: db.prepare<[], LabelSetTableRow>(`SELECT ${list(LABEL_SET_COLUMNS)} FROM label_sets ORDER BY rowid`),
    labelSetById: db.prepare<[string], LabelSetTableRow>(`SELECT ${list(LABEL_SET_COLUMNS)} FROM label_sets WHERE id = ?`),
    labelSetRowid: db.prepare<[string], number>(`SELECT rowid FROM label_sets WHERE id = ?`).pluck(),
    groups: db.prepare<[string], LabelGroupTableRow>(
      `SELECT ${list(LABEL_GROUP_COLUMNS)} FROM label_groups WHERE label_set_id = ? ORDER BY generation`,
    ),
    labels: db.prepare<[string, number], LabelTableRow>(
      `SELECT ${list(LABEL_COLUMNS)} FROM labels WHERE label_set_id = ? AND generation = ? ORDER BY idx`,
    ),
    allFilters: db.prepare<[], FilterTableRow>(`SELECT ${list(FILTER_COLUMNS)} FROM filters ORDER BY rowid`),
    filterById: db.prepare<[string], FilterTableRow>(`SELECT ${list(FILTER_COLUMNS)} FROM filters WHERE id = ?`),
    filterRowid: db.prepare<[string], number>(`SELECT rowid FROM filters WHERE id = ?`).pluck(),
    epochs: db.prepare<[string], TrainingEpochTableRow>(
      `SELECT ${list(TRAINING_EPOCH_COLUMNS)} FROM training_epochs WHERE filter_id = ? ORDER BY epoch`,
    ),
    allSweeps: db.prepare<[], SweepTableRow>(`SELECT ${list(SWEEP_COLUMNS)} FROM sweeps ORDER BY rowid`),
    sweepById: db.prepare<[string], SweepTableRow>(`SELECT ${list(SWEEP_COLUMNS)} FROM sweeps WHERE id = ?`),
    sweepRowid: db.prepare<[string], number>(`SELECT rowid FROM sweeps WHERE id = ?`).pluck(),

    insertRun: db.prepare<[RunTableRow]>(`INSERT INTO runs (${list(RUN_COLUMNS)}) VALUES (${params(RUN_COLUMNS)})`),
    insertGeneration: db.prepare<[GenerationTableRow & { run_id: string }]>(
      `INSERT INTO generations (run_id, ${list(GENERATION_COLUMNS)}) VALUES (@run_id, ${params(GENERATION_COLUMNS)})`,
    ),
    insertLabelSet: db.prepare<[LabelSetTableRow]>(
      `INSERT INTO label_sets (${list(LABEL_SET_COLUMNS)}) VALUES (${params(LABEL_SET_COLUMNS)})`,
    ),
    insertGroup: db.prepare<[LabelGroupTableRow & { label_set_id: string }]>(
      `INSERT INTO label_groups (label_set_id, ${list(LABEL_GROUP_COLUMNS)}) VALUES (@label_set_id, ${params(LABEL_GROUP_COLUMNS)})`,
    ),
    insertLabel: db.prepare<[LabelTableRow & { label_set_id: string; generation: number }]>(
      `INSERT INTO labels (label_set_id, generation, ${list(LABEL_COLUMNS)}) VALUES (@label_set_id, @generation, ${params(LABEL_COLUMNS)})`,
    ),
    insertFilter: db.prepare<[FilterTableRow]>(`INSERT INTO filters (${list(FILTER_COLUMNS)}) VALUES (${params(FILTER_COLUMNS)})`),
    insertEpoch: db.prepare<[TrainingEpochTableRow & { filter_id: string }]>(
      `INSERT INTO training_epochs (filter_id, ${list(TRAINING_EPOCH_COLUMNS)}) VALUES (@filter_id, ${params(TRAINING_EPOCH_COLUMNS)})`,
    ),
    insertSweep: db.prepare<[SweepTableRow]>(`INSERT INTO sweeps (${list(SWEEP_COLUMNS)}) VALUES (${params(SWEEP_COLUMNS)})`),
  };
}

type Statements = ReturnType<typeof statements>;

function readRun(s: Statements, row: RunTableRow): RunEntry {
  return { row, generations: s.generations.all(row.id) };
}

function readLabelSet(s: Statements, row: LabelSetTableRow): LabelSetEntry {
  const groups = s.groups.all(row.id).map((group) => ({ row: group, labels: s.labels.all(row.id, group.generation) }));
  return { row, groups };
}

function readFilter(s: Statements, row: FilterTableRow): FilterEntry {
  return { row, epochs: s.epochs.all(row.id) };
}

/**
 * Every row of the store, or (with `runIds`) those runs plus the filters, label sets and
 * sweeps they reference, so that the result is self-contained. One read transaction: a run
 * still being written is read as it stood at one moment. Throws StoreError RUN_NOT_FOUND for
 * an unknown id.
 */
export function readStoreContents(store: RunStore, runIds?: readonly string[]): StoreContents {
  const db = store.connection;
  const s = statements(db);
  return db.transaction((): StoreContents => {
    if (runIds === undefined) {
      return {
        runs: s.allRuns.all().map((row) => readRun(s, row)),
        labelSets: s.allLabelSets.all().map((row) => readLabelSet(s, row)),
        filters: s.allFilters.all().map((row) => readFilter(s, row)),
        sweeps: s.allSweeps.all().map((row) => ({ row })),
      };
    }
    const byRowid = <T extends { id: string }>(rows: T[], rowid: Database.Statement<[string], number>): T[] =>
      rows.map((row) => ({ row, at: rowid.get(row.id) ?? 0 })).sort((a, b) => a.at - b.at).map((x) => x.row);
    const runRows = [...new Set(runIds)].map((id) => {
      const row = s.runById.get(id);
      if (!row) throw new StoreError('RUN_NOT_FOUND', store.file, `no run with id ${id}`);
      return row;
    });
    const filterIds = new Set(runRows.flatMap((r) => (r.filter_id === null ? [] : [r.filter_id])));
    const filterRows = [...filterIds].map((id) => s.filterById.get(id)!);
    const setIds = new Set(filterRows.flatMap((f) => (f.label_set_id === null ? [] : [f.label_set_id])));
    const sweepIds = new Set(runRows.flatMap((r) => (r.sweep_id === null ? [] : [r.sweep_id])));
    return {
      runs: byRowid(runRows, s.runRowid).map((row) => readRun(s, row)),
      labelSets: byRowid([...setIds].map((id) => s.labelSetById.get(id)!), s.labelSetRowid).map((row) => readLabelSet(s, row)),
      filters: byRowid(filterRows, s.filterRowid).map((row) => readFilter(s, row)),
      sweeps: byRowid([...sweepIds].map((id) => s.sweepById.get(id)!), s.sweepRowid).map((row) => ({ row })),
    };
  }).deferred();
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return Object.is(a, b);
}

function show(value: unknown): string {
  if (Buffer.isBuffer(value)) return `${value.byteLength} bytes`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The first column where two rows differ, described for a person; undefined when none. */
function rowDifference<R extends object>(what: string, here: R, there: R, columns: readonly (keyof R & string)[]): string | undefined {
  for (const column of columns) {
    if (!sameValue(here[column], there[column])) {
      return `${what}column ${column} is ${show(here[column])} in the store, ${show(there[column])} in the bundle`;
    }
  }
  return undefined;
}

function rowsDifference<R extends object>(
  what: string,
  here: readonly R[],
  there: readonly R[],
  columns: readonly (keyof R & string)[],
  key: (row: R) => string,
): string | undefined {
  if (here.length !== there.length) return `the store holds ${here.length} ${what}, the bundle ${there.length}`;
  for (let i = 0; i < here.length; i++) {
    const d = rowDifference(`${key(here[i])}: `, here[i], there[i], columns);
    if (d) return d;
  }
  return undefined;
}

function runDifference(here: RunEntry, there: RunEntry): string | undefined {
  return (
    rowDifference('', here.row, there.row, RUN_COLUMNS) ??
    rowsDifference('generations', here.generations, there.generations, GENERATION_COLUMNS, (g) => `generation t=${g.t}`)
  );
}

function labelSetDifference(here: LabelSetEntry, there: LabelSetEntry): string | undefined {
  const d =
    rowDifference('', here.row, there.row, LABEL_SET_COLUMNS) ??
    rowsDifference('groups', here.groups.map((g) => g.row), there.groups.map((g) => g.row), LABEL_GROUP_COLUMNS, (g) => `group generation=${g.generation}`);
  if (d) return d;
  for (let i = 0; i < here.groups.length; i++) {
    const g = here.groups[i].row.generation;
    const labels = rowsDifference(`labels in generation ${g}`, here.groups[i].labels, there.groups[i].labels, LABEL_COLUMNS, (l) => `generation ${g} label idx=${l.idx}`);
    if (labels) return labels;
  }
  return undefined;
}

function filterDifference(here: FilterEntry, there: FilterEntry): string | undefined {
  return (
    rowDifference('', here.row, there.row, FILTER_COLUMNS) ??
    rowsDifference('training epochs', here.epochs, there.epochs, TRAINING_EPOCH_COLUMNS, (e) => `epoch ${e.epoch}`)
  );
}

/**
 * Writes `contents` into the store in one IMMEDIATE transaction, keeping every id and column.
 * An entry whose id is already there is skipped when every row of it is identical; when any
 * differs, or the store refuses a row (a constraint), BundleImportConflict is thrown and the
 * transaction rolls back: nothing is written. Parents go first (label sets, filters, sweeps,
 * then runs) so that foreign keys hold at each insert.
 */
export function writeStoreContents(store: RunStore, contents: StoreContents): ImportCounts {
  const db = store.connection;
  const s = statements(db);
  const counts: ImportCounts = {
    runs: { added: 0, skipped: 0 },
    labelSets: { added: 0, skipped: 0 },
    filters: { added: 0, skipped: 0 },
    sweeps: { added: 0, skipped: 0 },
  };

  function each<E extends { row: { id: string } }>(
    kind: EntityKind,
    entries: readonly E[],
    existing: (id: string) => E | undefined,
    difference: (here: E, there: E) => string | undefined,
    insert: (entry: E) => void,
  ): void {
    entries.forEach((entry, index) => {
      const id = entry.row.id;
      const here = existing(id);
      if (here) {
        const d = difference(here, entry);
        if (d) throw new BundleImportConflict(kind, index, id, `already in ${store.file} with different contents (${d})`);
        counts[kind].skipped++;
        return;
      }
      try {
        insert(entry);
      } catch (error) {
        // Validation should leave nothing for SQLite to refuse; if it does, name the entry.
        const reason = error instanceof Error ? error.message : String(error);
        throw new BundleImportConflict(kind, index, id, `the store refused it (${reason})`);
      }
      counts[kind].added++;
    });
  }

  db.transaction(() => {
    each(
      'labelSets',
      contents.labelSets,
      (id) => {
        const row = s.labelSetById.get(id);
        return row ? readLabelSet(s, row) : undefined;
      },
      labelSetDifference,
      (entry) => {
        s.insertLabelSet.run(entry.row);
        for (const group of entry.groups) {
          s.insertGroup.run({ label_set_id: entry.row.id, ...group.row });
          for (const label of group.labels) {
            s.insertLabel.run({ label_set_id: entry.row.id, generation: group.row.generation, ...label });
          }
        }
      },
    );
    each(
      'filters',
      contents.filters,
      (id) => {
        const row = s.filterById.get(id);
        return row ? readFilter(s, row) : undefined;
      },
      filterDifference,
      (entry) => {
        s.insertFilter.run(entry.row);
        for (const epoch of entry.epochs) s.insertEpoch.run({ filter_id: entry.row.id, ...epoch });
      },
    );
    each(
      'sweeps',
      contents.sweeps,
      (id) => {
        const row = s.sweepById.get(id);
        return row ? { row } : undefined;
      },
      (here, there) => rowDifference('', here.row, there.row, SWEEP_COLUMNS),
      (entry) => s.insertSweep.run(entry.row),
    );
    each(
      'runs',
      contents.runs,
      (id) => {
        const row = s.runById.get(id);
        return row ? readRun(s, row) : undefined;
      },
      runDifference,
      (entry) => {
        s.insertRun.run(entry.row);
        for (const g of entry.generations) s.insertGeneration.run({ run_id: entry.row.id, ...g });
      },
    );
  }).immediate();
  return counts;
}

/** Column names per table as the bundle carries them, with each child table's parent key(s). */
export const BUNDLE_TABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  runs: RUN_COLUMNS,
  generations: ['run_id', ...GENERATION_COLUMNS],
  label_sets: LABEL_SET_COLUMNS,
  label_groups: ['label_set_id', ...LABEL_GROUP_COLUMNS],
  labels: ['label_set_id', 'generation', ...LABEL_COLUMNS],
  filters: FILTER_COLUMNS,
  training_epochs: ['filter_id', ...TRAINING_EPOCH_COLUMNS],
  sweeps: SWEEP_COLUMNS,
};

// Keeps the hand-written row types and the column lists from drifting apart at compile time.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameKeys: [
  Same<keyof RunTableRow, keyof Row<typeof RUN_COLUMNS>>,
  Same<keyof GenerationTableRow, keyof Row<typeof GENERATION_COLUMNS>>,
  Same<keyof LabelSetTableRow, keyof Row<typeof LABEL_SET_COLUMNS>>,
  Same<keyof LabelGroupTableRow, keyof Row<typeof LABEL_GROUP_COLUMNS>>,
  Same<keyof LabelTableRow, keyof Row<typeof LABEL_COLUMNS>>,
  Same<keyof FilterTableRow, keyof Row<typeof FILTER_COLUMNS>>,
  Same<keyof TrainingEpochTableRow, keyof Row<typeof TRAINING_EPOCH_COLUMNS>>,
  Same<keyof SweepTableRow, keyof Row<typeof SWEEP_COLUMNS>>,
] = [true, true, true, true, true, true, true, true];
void sameKeys;
