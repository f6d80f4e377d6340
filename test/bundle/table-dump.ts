import Database from 'better-sqlite3';

/** Every table a bundle carries, with the primary key that orders its dump. */
export const DUMPED_TABLES: Readonly<Record<string, string>> = {
  runs: 'id',
  generations: 'run_id, t',
  label_sets: 'id',
  label_groups: 'label_set_id, generation',
  labels: 'label_set_id, generation, idx',
  filters: 'id',
  training_epochs: 'filter_id, epoch',
  sweeps: 'id',
};

export type TableDump = Record<string, Record<string, unknown>[]>;

/**
 * Every row of every table (`SELECT *`, so a column the bundle forgot shows up as a
 * difference), in primary-key order, read straight from the file without the app's store.
 */
export function dumpTables(file: string): TableDump {
  const db = new Database(file, { readonly: true });
  try {
    const dump: TableDump = {};
    for (const [table, key] of Object.entries(DUMPED_TABLES)) {
      dump[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all() as Record<string, unknown>[];
    }
    return dump;
  } finally {
    db.close();
  }
}

/** Row counts per table. */
export function rowCounts(dump: TableDump): Record<string, number> {
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.length]));
}

/**
 * Compares two dumps value by value: blobs (Buffer, or Uint8Array after structuredClone) byte for byte, numbers with Object.is (so -0 and 0
 * differ), everything else strictly. Returns the first difference, or undefined.
 */
export function firstDifference(a: TableDump, b: TableDump): string | undefined {
  for (const table of Object.keys(DUMPED_TABLES)) {
    const ra = a[table];
    const rb = b[table];
    if (ra.length !== rb.length) return `${table}: ${ra.length} rows vs ${rb.length}`;
    for (let i = 0; i < ra.length; i++) {
      const columns = new Set([...Object.keys(ra[i]), ...Object.keys(rb[i])]);
      for (const column of columns) {
        const va = ra[i][column];
        const vb = rb[i][column];
        const blobs = va instanceof Uint8Array && vb instanceof Uint8Array;
        const same = blobs ? Buffer.from(va.buffer, va.byteOffset, va.byteLength).equals(vb) : Object.is(va, vb);
        if (!same) return `${table} row ${i} column ${column}: ${blobs ? 'bytes differ' : `${String(va)} vs ${String(vb)}`}`;
      }
    }
  }
  return undefined;
}
