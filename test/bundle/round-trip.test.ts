/**
 * `export --bundle` and `import` (issue 8, item 5): a store with one of everything is exported,
 * imported into a fresh store, and every row of every table is compared value by value (blobs
 * byte for byte, numbers with Object.is), as is each run's export document (docs/cli.md).
 * Then: re-import is idempotent, a differing id refuses the whole import, a partial export
 * carries what its runs reference, and the real command (`npm run --silent cli`) does the same.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_TABLE_COLUMNS } from '../../main/store/bundle-io';
import { openStore } from '../../main/store';
import { cli, npmCli, tempDir } from '../cli/cli-driver';
import { buildRichStore, type RichStore } from './fixture';
import { DUMPED_TABLES, dumpTables, firstDifference, rowCounts, type TableDump } from './table-dump';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const path = (name: string): string => join(tmp.dir, name);

const source = path('source.sqlite');
const target = path('target.sqlite');
const bundle = path('all.bundle.json');

let made: RichStore;
let sourceDump: TableDump;
let exportedAt: string;

interface ImportJson {
  file: string;
  store: string;
  added: Record<'runs' | 'labelSets' | 'filters' | 'sweeps', number>;
  skipped: Record<'runs' | 'labelSets' | 'filters' | 'sweeps', number>;
}

/** Exit 2, nothing on stdout, exactly one line on stderr, matching `line`. */
function expectRefused(r: { code: number; stdout: string; stderr: string }, line: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
}

/**
 * The source's rows as import must write them: what was 'running' or 'training' becomes
 * 'interrupted', finished at the export time, with an error saying why; nothing else changes.
 */
function expectedAfterImport(dump: TableDump): TableDump {
  const note = (what: string): string => `interrupted: the ${what} was still going when the bundle was exported (${exportedAt}); imported as interrupted`;
  const out = structuredClone(dump);
  for (const row of out.runs) {
    if (row.status === 'running') Object.assign(row, { status: 'interrupted', finished_at: exportedAt, error: note('run') });
  }
  for (const row of out.filters) {
    if (row.status === 'training') Object.assign(row, { status: 'interrupted', finished_at: exportedAt, error: note('training') });
  }
  return out;
}

beforeAll(async () => {
  made = await buildRichStore(source);
  sourceDump = dumpTables(source);
  const r = await cli(['export', '--bundle', bundle, '--db', source, '--json']);
  expect(r.code, r.stderr).toBe(0);
  exportedAt = (JSON.parse(readFileSync(bundle, 'utf8')) as { exportedAt: string }).exportedAt;
}, 120_000);

describe('the bundle carries every table and column', () => {
  it('the column lists match the schema (a migration adding a table or column fails here)', () => {
    const db = new Database(source, { readonly: true });
    try {
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]);
      expect(tables).toEqual(Object.keys(BUNDLE_TABLE_COLUMNS).sort());
      expect(Object.keys(DUMPED_TABLES).sort()).toEqual(tables);
      for (const table of tables) {
        const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).sort();
        expect(columns, table).toEqual([...BUNDLE_TABLE_COLUMNS[table]].sort());
      }
    } finally {
      db.close();
    }
  });

  it('the source store holds every kind of row the test means to carry', () => {
    expect(rowCounts(sourceDump)).toEqual({
      runs: 8, // completed, regression, neural, 2 sweep points, failed, interrupted, running
      generations: 5 + 5 + 5 + 3 + 3 + 3 + 2 + 2,
      label_sets: 3, // machine, human, exact (the doomed one was deleted)
      label_groups: 4 + 4 + 1,
      labels: 4 * 60 + 3 + 1, // the machine set labels every candidate
      filters: 3,
      training_epochs: 2 + 2 + 1,
      sweeps: 1,
    });
    const statuses = sourceDump.runs.map((r) => r.status);
    for (const s of ['completed', 'failed', 'interrupted', 'running']) expect(statuses).toContain(s);
    // The neural run points at its filter, the filter at its label set, the sweep's runs at it.
    const byId = new Map(sourceDump.runs.map((r) => [r.id, r]));
    expect(byId.get(made.neural)!.filter_id).toBe(made.filter);
    expect(sourceDump.filters.find((f) => f.id === made.filter)!.label_set_id).toBe(made.machineSet);
    expect(sourceDump.filters.find((f) => f.id === made.orphanFilter)!.label_set_id).toBeNull();
    for (const id of made.sweepRuns) expect(byId.get(id)!.sweep_id).toBe(made.sweep);
    // Regression runs have a test error; neural runs a contraction in `extra`.
    expect(sourceDump.generations.some((g) => g.run_id === made.regression && g.test_error_mean !== null)).toBe(true);
    expect(sourceDump.generations.some((g) => g.run_id === made.neural && typeof g.extra === 'string' && g.extra.includes('contraction'))).toBe(true);
  });
});

/**
 * Older bundles: version 1 lacks each owner start time (store migration 0004), versions 1 and
 * 2 lack a run's note and tags (0005). Each imports as the store's migrations would have left
 * those rows, and the same file claiming the current version is refused naming the key.
 */
const OLDER_BUNDLES = [
  { version: 1, dropped: { runs: ['ownerStart', 'note', 'tags'], filters: ['ownerStart'], sweeps: ['ownerStart'] }, missing: /runs\[0\]\.note: missing/ },
  { version: 2, dropped: { runs: ['note', 'tags'], filters: [], sweeps: [] }, missing: /runs\[0\]\.note: missing/ },
] as const;

const DEFAULTS_OF_DROPPED: Record<string, Record<string, unknown>> = { ownerStart: { owner_start: null }, note: { note: null }, tags: { tags: '[]' } };

describe.each(OLDER_BUNDLES)('a version $version bundle (written before some columns were stored)', ({ version, dropped, missing }) => {
  it('imports all or nothing like a current one, each missing column as its migration left it', async () => {
    const doc = JSON.parse(readFileSync(bundle, 'utf8')) as Record<string, unknown> & Record<'runs' | 'filters' | 'sweeps', Record<string, unknown>[]>;
    expect(doc.version).toBe(3);
    // The fixture's note and tags are really there, so dropping them is a real difference.
    expect(doc.runs.some((r) => r.note !== null && (r.tags as string[]).length === 2)).toBe(true);
    for (const key of ['runs', 'filters', 'sweeps'] as const) for (const row of doc[key]) for (const k of dropped[key]) delete row[k];
    const old = path(`version-${version}.bundle.json`);
    writeFileSync(old, JSON.stringify({ ...doc, version }));
    const into = path(`from-version-${version}.sqlite`);
    const r = await cli(['import', old, '--db', into, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const expected = expectedAfterImport(sourceDump);
    for (const table of ['runs', 'filters', 'sweeps'] as const) {
      for (const row of expected[table]!) for (const k of dropped[table]) Object.assign(row, DEFAULTS_OF_DROPPED[k]);
    }
    expect(firstDifference(expected, dumpTables(into))).toBeUndefined();
    // The same file as the current version lacks a required key: refused, naming it.
    writeFileSync(old, JSON.stringify(doc));
    expectRefused(await cli(['import', old, '--db', path(`refused-${version}.sqlite`)]), new RegExp(`^collapse-lab: .*${missing.source}`));
  });
});

describe('export --bundle, then import into a fresh store', () => {
  let imported: ImportJson;

  beforeAll(async () => {
    const r = await cli(['import', bundle, '--db', target, '--json']);
    expect(r.code, r.stderr).toBe(0);
    imported = JSON.parse(r.stdout) as ImportJson;
  });

  it('reports what it added', () => {
    expect(imported).toEqual({
      file: bundle,
      store: target,
      added: { runs: 8, labelSets: 3, filters: 3, sweeps: 1 },
      skipped: { runs: 0, labelSets: 0, filters: 0, sweeps: 0 },
    });
  });

  it('every row of every table is equal, value by value and byte by byte', () => {
    const after = dumpTables(target);
    expect(rowCounts(after)).toEqual(rowCounts(sourceDump));
    expect(firstDifference(after, expectedAfterImport(sourceDump))).toBeUndefined();
    // Spelled out for the values decimal text would lose: -0, the smallest subnormal, the largest double.
    const group = after.label_groups.find((g) => g.label_set_id === made.exactSet)!;
    const values = new Float64Array(new Uint8Array(group.candidates as Buffer).buffer);
    expect(Object.is(values[0], -0)).toBe(true);
    expect([values[1], values[2], values[3]]).toEqual([5e-324, Number.MAX_VALUE, 0.1 + 0.2]);
  });

  it('only what was running or training changed, to interrupted', () => {
    const after = dumpTables(target);
    const run = after.runs.find((r) => r.id === made.running)!;
    expect(run).toMatchObject({ status: 'interrupted', finished_at: exportedAt, generations_done: 2 });
    expect(run.error).toMatch(/still going when the bundle was exported/);
    expect(after.filters.find((f) => f.id === made.trainingFilter)).toMatchObject({ status: 'interrupted', finished_at: exportedAt });
    // Everything else, ownership included, is as the source had it.
    expect(sourceDump.runs.find((r) => r.id === made.running)!.status).toBe('running');
  });

  it("each run's export document is the same (byte for byte for every run that was not running)", async () => {
    for (const run of sourceDump.runs) {
      const id = String(run.id);
      const a = await cli(['export', id, '--db', source]);
      const b = await cli(['export', id, '--db', target]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      if (id === made.running) {
        const docA = JSON.parse(a.stdout) as { run: { status: string } };
        docA.run.status = 'interrupted';
        expect(JSON.parse(b.stdout)).toEqual(docA);
      } else {
        expect(b.stdout).toBe(a.stdout);
      }
      const csvA = await cli(['export', id, '--format', 'csv', '--db', source]);
      expect((await cli(['export', id, '--format', 'csv', '--db', target])).stdout).toBe(csvA.stdout);
    }
    // The neural run's document carries its filter's training epochs.
    const neural = JSON.parse((await cli(['export', made.neural, '--db', target])).stdout) as { training: unknown[] };
    expect(neural.training).toHaveLength(2);
  });

  it('the store lists runs, label sets, filters and sweeps in the same order as the source', () => {
    const a = openStore(source);
    const b = openStore(target);
    try {
      expect(b.listRuns().map((r) => r.id)).toEqual(a.listRuns().map((r) => r.id));
      expect(b.listLabelSets()).toEqual(a.listLabelSets());
      expect(b.listFilters().map((f) => f.id)).toEqual(a.listFilters().map((f) => f.id));
      expect(b.listSweeps()).toEqual(a.listSweeps());
      expect(b.sweepRuns(made.sweep).map((r) => r.id)).toEqual(made.sweepRuns);
      expect(b.getLabelGroup(made.humanSet, 1)).toEqual(a.getLabelGroup(made.humanSet, 1));
      expect(b.getLabelGroup(made.humanSet, 1)!.labels.filter((l) => l >= 0)).toHaveLength(2);
    } finally {
      a.close();
      b.close();
    }
  });

  it('importing the same bundle again adds nothing and changes nothing', async () => {
    const before = dumpTables(target);
    const r = await cli(['import', bundle, '--db', target, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      added: { runs: 0, labelSets: 0, filters: 0, sweeps: 0 },
      skipped: { runs: 8, labelSets: 3, filters: 3, sweeps: 1 },
    });
    expect(firstDifference(dumpTables(target), before)).toBeUndefined();
    const text = await cli(['import', bundle, '--db', target]);
    expect(text.stdout).toMatch(/^imported 0 runs, 0 label sets, 0 filters, 0 sweeps into .*; already there and identical, left as they were: 8 runs, 3 label sets, 3 filters, 1 sweep\n$/);
  });
});

describe('an id the target holds with different contents refuses the whole import', () => {
  it.each([
    { what: 'a run renamed', sql: (m: RichStore) => `UPDATE runs SET name = 'renamed' WHERE id = '${m.completed}'`, line: (m: RichStore) => new RegExp(`runs\\[\\d\\] \\(id ${m.completed}\\): already in .* with different contents \\(column name is "renamed" in the store, "xu-fixed-n" in the bundle\\); nothing was imported$`) },
    { what: 'one label flipped', sql: (m: RichStore) => `UPDATE labels SET label = 1 - label WHERE label_set_id = '${m.humanSet}' AND generation = 1 AND idx = 3`, line: (m: RichStore) => new RegExp(`labelSets\\[\\d\\] \\(id ${m.humanSet}\\): .*generation 1 label idx=3: column label is 0 in the store, 1 in the bundle\\); nothing was imported$`) },
    { what: 'a training epoch missing', sql: (m: RichStore) => `DELETE FROM training_epochs WHERE filter_id = '${m.filter}' AND epoch = 2`, line: (m: RichStore) => new RegExp(`filters\\[\\d\\] \\(id ${m.filter}\\): .*the store holds 1 training epochs, the bundle 2\\); nothing was imported$`) },
  ])('$what', async ({ sql, line }) => {
    const file = path(`conflict-${Math.random().toString(36).slice(2)}.sqlite`);
    // A fresh copy of the source with one entry changed, and one run the bundle lacks.
    expect((await cli(['import', bundle, '--db', file])).code).toBe(0);
    const db = new Database(file);
    db.exec(sql(made));
    db.exec(`DELETE FROM runs WHERE id = '${made.regression}'`);
    db.close();
    const before = dumpTables(file);
    const r = await cli(['import', bundle, '--db', file]);
    expectRefused(r, new RegExp(`^collapse-lab: import ${bundle.replace(/[.]/g, '\\.')}: ${line(made).source}`));
    // The missing run was not added either: all or nothing.
    expect(firstDifference(dumpTables(file), before)).toBeUndefined();
  });
});

describe('export --bundle RUN_ID...: those runs and what they reference', () => {
  it('the neural run brings its filter and that filter\'s label set, and nothing else', async () => {
    const part = path('neural.bundle.json');
    const r = await cli(['export', '--bundle', part, made.neural, '--db', source, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: part, bytes: readFileSync(part).byteLength, runs: 1, generations: 5, labelSets: 1, labels: 240, filters: 1, sweeps: 0 });
    const dst = path('neural.sqlite');
    expect((await cli(['import', part, '--db', dst])).code).toBe(0);
    const after = dumpTables(dst);
    const keep = (table: string, pick: (row: Record<string, unknown>) => boolean): Record<string, unknown>[] => sourceDump[table].filter(pick);
    const expected: TableDump = {
      runs: keep('runs', (r) => r.id === made.neural),
      generations: keep('generations', (g) => g.run_id === made.neural),
      label_sets: keep('label_sets', (s) => s.id === made.machineSet),
      label_groups: keep('label_groups', (g) => g.label_set_id === made.machineSet),
      labels: keep('labels', (l) => l.label_set_id === made.machineSet),
      filters: keep('filters', (f) => f.id === made.filter),
      training_epochs: keep('training_epochs', (e) => e.filter_id === made.filter),
      sweeps: [],
    };
    expect(firstDifference(after, expected)).toBeUndefined();
  });

  it('a sweep point brings its sweep; an id given twice is exported once', async () => {
    const part = path('sweep.bundle.json');
    const r = await cli(['export', '--bundle', part, made.sweepRuns[1], made.sweepRuns[1], '--db', source, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ runs: 1, labelSets: 0, filters: 0, sweeps: 1 });
  });

  it('an unknown run id: exit 2, one line, no file written', async () => {
    const part = path('none.bundle.json');
    expectRefused(await cli(['export', '--bundle', part, made.completed, 'nosuchrun', '--db', source]), /^collapse-lab: export --bundle: .*no run with id nosuchrun \(see `runs`\); nothing was written$/);
    expect(existsSync(part)).toBe(false);
  });

  it('plain `export RUN_ID` is unchanged, and --format does not go with --bundle', async () => {
    expectRefused(await cli(['export', '--bundle', path('x.json'), '--format', 'csv', '--db', source]), /^collapse-lab: export --bundle: --format does not apply/);
    expectRefused(await cli(['export', '--db', source]), /^collapse-lab: export: give exactly one RUN_ID \(see `runs`\)$/);
    expectRefused(await cli(['import', '--db', source]), /^collapse-lab: import: give exactly one bundle FILE/);
  });
});

describe('the real command', () => {
  it('npm run --silent cli -- export --bundle FILE, then import FILE, gives the same rows', async () => {
    const file = path('npm.bundle.json');
    const dst = path('npm.sqlite');
    const e = await npmCli(['export', '--bundle', file, '--db', source]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toBe(`wrote ${file}: 8 runs (28 generations), 3 label sets (244 labels), 3 filters, 1 sweep\n`);
    const i = await npmCli(['import', file, '--db', dst, '--json']);
    expect(i.code, i.stderr).toBe(0);
    expect(JSON.parse(i.stdout)).toMatchObject({ added: { runs: 8, labelSets: 3, filters: 3, sweeps: 1 } });
    // This export ran later than the first, so the running run's finish time is its own.
    const npmExportedAt = (JSON.parse(readFileSync(file, 'utf8')) as { exportedAt: string }).exportedAt;
    const expected = expectedAfterImport(sourceDump);
    for (const row of [...expected.runs, ...expected.filters]) {
      if (row.finished_at === exportedAt) {
        row.finished_at = npmExportedAt;
        row.error = String(row.error).replace(exportedAt, npmExportedAt);
      }
    }
    expect(firstDifference(dumpTables(dst), expected)).toBeUndefined();
  }, 60_000);
});
