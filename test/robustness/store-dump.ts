import Database from 'better-sqlite3';

/** Every table's rows, each serialized exactly, sorted: two dumps are equal iff the data are. */
export type StoreDump = Record<string, string[]>;

/**
 * Serializes one value so that equal strings mean equal bytes: integers read as BigInt (no
 * rounding past 2^53), reals by their IEEE-754 bits (so -0, NaN payloads and the last ulp
 * count), blobs as hex, text as JSON.
 */
function cell(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `i${value}`;
  if (typeof value === 'number') {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return `r${view.getBigUint64(0).toString(16)}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`;
  throw new Error(`unexpected SQLite value ${String(value)}`);
}

export function serializeRow(row: Record<string, unknown>): string {
  return Object.entries(row)
    .map(([k, v]) => `${k}=${cell(v)}`)
    .join('|');
}

/** A read-only connection that reads integers exactly; it never writes, so it recovers nothing. */
export function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(true);
  return db;
}

/**
 * Dumps every table of the store (sqlite_* internals left out), keeping the rows `keep` accepts.
 * Read in one transaction, so the dump is one consistent snapshot.
 */
export function dumpStore(file: string, keep: (table: string, row: Record<string, unknown>) => boolean = () => true): StoreDump {
  const db = openReadOnly(file);
  try {
    return db.transaction(() => {
      const tables = db
        .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all()
        .map((t) => t.name);
      const dump: StoreDump = {};
      for (const table of tables) {
        const rows = db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}"`).all();
        dump[table] = rows.filter((r) => keep(table, r)).map(serializeRow).sort();
      }
      return dump;
    })();
  } finally {
    db.close();
  }
}

/** A run's generation rows in t order, every column but run_id, serialized exactly. */
export function generationRows(db: Database.Database, runId: string): string[] {
  return db
    .prepare<[string], Record<string, unknown>>('SELECT * FROM generations WHERE run_id = ? ORDER BY t')
    .all(runId)
    .map(({ run_id: _runId, ...rest }) => serializeRow(rest));
}

/** `PRAGMA integrity_check` and `foreign_key_check` of the file: 'ok' and no violations when sound. */
export function checkIntegrity(file: string): { integrity: string; foreignKeyViolations: number } {
  const db = openReadOnly(file);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    return { integrity, foreignKeyViolations };
  } finally {
    db.close();
  }
}
