import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import {
  FILTER_COLUMNS,
  GENERATION_COLUMNS,
  LABEL_COLUMNS,
  LABEL_GROUP_COLUMNS,
  LABEL_SET_COLUMNS,
  RUN_COLUMNS,
  SWEEP_COLUMNS,
  TRAINING_EPOCH_COLUMNS,
  type FilterEntry,
  type FilterTableRow,
  type GenerationTableRow,
  type LabelGroupTableRow,
  type LabelSetEntry,
  type LabelSetTableRow,
  type LabelTableRow,
  type RunEntry,
  type RunTableRow,
  type StoreContents,
  type SweepTableRow,
  type TrainingEpochTableRow,
} from './bundle-rows';
import type { RunStore } from './run-store';

export * from './bundle-rows';

/**
 * Whole-store reads and writes for bundles (`export --bundle`, `import`): every column of
 * every row, exactly as SQLite holds it (JSON columns as their text, blobs as bytes, ownership
 * included), which the typed queries of RunStore deliberately do not expose. What the bundle
 * file looks like is the services' business (main/services/bundle-document.ts); this file only
 * moves rows.
 * The tables' columns and row types are in bundle-rows.ts.
 */

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

