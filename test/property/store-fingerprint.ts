/**
 * What a store holds, for "nothing was written" checks: every row of every table (blobs as hex)
 * read through a second, read-only connection, so the check sees what any other process would.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export interface StoreFingerprint {
  /** Rows per table, by name. */
  counts: Record<string, number>;
  /** SHA-256 over every table's rows in storage order (rowid or primary key: the same for the same content). */
  digest: string;
}

export function fingerprint(file: string): StoreFingerprint {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const counts: Record<string, number> = {};
    const hash = createHash('sha256');
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().all() as unknown[][];
      counts[name] = rows.length;
      hash.update(name);
      for (const row of rows) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
    return { counts, digest: hash.digest('hex') };
  } finally {
    db.close();
  }
}
