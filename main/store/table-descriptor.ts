/**
 * A stored table described once: each column's SQL name, its key in the bundle file and the
 * store's records (`engine.version` nests), the codec between the SQL value and the JSON
 * value, and the check a bundle's value must pass. The row types, the bundle's column lists,
 * its documents and its validator, and the run records all come from these descriptors
 * (tables.ts), so a new column is a migration plus one entry.
 */
import { child, record } from './value-checks';

export interface Codec<S, J> {
  /** The SQL value as the bundle (and a record) holds it. */
  decode(sql: S): J;
  /** A checked JSON value as SQL stores it. */
  encode(json: J): S;
  /** What a bundle's value must be; throws BundleError naming `path`. */
  check(value: unknown, path: string): J;
}

export interface Column<N extends string = string, K extends string = string, S = unknown, J = unknown, I extends boolean = boolean> {
  readonly column: N;
  readonly key: K;
  readonly codec: Codec<S, J>;
  /** Kept in the table and the bundle, not in the records the store hands out (process ownership). */
  readonly internal: I;
}

// `any` here only lets descriptors of every codec type be passed where any column is accepted.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyColumn = Column<string, string, any, any, boolean>;

/** A column the records carry. */
export function column<N extends string, K extends string, S, J>(name: N, key: K, codec: Codec<S, J>): Column<N, K, S, J, false> {
  return { column: name, key, codec, internal: false };
}

/** A column only the table and the bundle carry. */
export function internalColumn<N extends string, K extends string, S, J>(name: N, key: K, codec: Codec<S, J>): Column<N, K, S, J, true> {
  return { column: name, key, codec, internal: true };
}

export interface Table<C extends AnyColumn> {
  readonly name: string;
  readonly columns: readonly C[];
  /** The SQL column names, in descriptor order. */
  readonly names: readonly C['column'][];
  /** The columns a record carries, as a SELECT list. */
  readonly recordSelect: string;
}

export function defineTable<const C extends readonly AnyColumn[]>(name: string, columns: C): Table<C[number]> {
  return {
    name,
    columns,
    names: columns.map((c) => c.column),
    recordSelect: columns.filter((c) => !c.internal).map((c) => c.column).join(', '),
  };
}

type SqlOf<X> = X extends Column<string, string, infer S, unknown, boolean> ? S : never;
type JsonOf<X> = X extends Column<string, string, unknown, infer J, boolean> ? J : never;
type Head<K extends string> = K extends `${infer H}.${string}` ? H : K;
type Tail<K extends string, H extends string> = K extends `${H}.${infer T}` ? T : never;

/** A table row as SQLite returns it: every column by its SQL name. */
export type RowOf<T> = T extends Table<infer C> ? { [X in C as X['column']]: SqlOf<X> } : never;

/** The columns a record is read from (the internal ones left out), as the record queries select them. */
export type RecordRowOf<T> = T extends Table<infer C> ? { [X in Extract<C, { internal: false }> as X['column']]: SqlOf<X> } : never;

type Shape<C extends AnyColumn> = {
  [H in Head<C['key']>]: H extends C['key'] ? JsonOf<Extract<C, { key: H }>> : { [X in Extract<C, { key: `${H}.${string}` }> as Tail<X['key'], H>]: JsonOf<X> };
};

/** A row as the bundle holds it: JSON keys, nested where a key has a dot, JSON columns parsed. */
export type JsonOfTable<T> = T extends Table<infer C> ? Shape<C> : never;

/** A row as the store's records hold it: the bundle's shape without the internal columns. */
export type RecordOfTable<T> = T extends Table<infer C> ? Shape<Extract<C, { internal: false }>> : never;

function split(key: string): [string, string | null] {
  const dot = key.indexOf('.');
  return dot < 0 ? [key, null] : [key.slice(0, dot), key.slice(dot + 1)];
}

function decode<C extends AnyColumn>(table: Table<C>, row: Record<string, unknown>, internal: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of table.columns) {
    if (c.internal && !internal) continue;
    const [head, tail] = split(c.key);
    const value = c.codec.decode(row[c.column]);
    if (tail === null) out[head] = value;
    else ((out[head] ??= {}) as Record<string, unknown>)[tail] = value;
  }
  return out;
}

/** A stored row as the bundle writes it (every column). */
export function rowToJson<T extends Table<AnyColumn>>(table: T, row: RowOf<T>): JsonOfTable<T> {
  return decode(table, row as Record<string, unknown>, true) as JsonOfTable<T>;
}

/** A stored row as the store's records hold it (internal columns left out). */
export function rowToRecord<T extends Table<AnyColumn>>(table: T, row: RecordRowOf<T>): RecordOfTable<T> {
  return decode(table, row as Record<string, unknown>, false) as RecordOfTable<T>;
}

/**
 * A bundle's entry as a row, every value checked in descriptor order: an object with exactly
 * the table's keys plus `extraKeys` (its children, which the caller reads from `entry`).
 * Throws BundleError naming the first problem's path.
 */
export function jsonToRow<T extends Table<AnyColumn>>(table: T, value: unknown, path: string, extraKeys: readonly string[] = []): { row: RowOf<T>; entry: Record<string, unknown> } {
  const heads = [...new Set(table.columns.map((c) => split(c.key)[0]))];
  const entry = record(value, path, [...heads, ...extraKeys]);
  const nested = new Map<string, Record<string, unknown>>();
  for (const head of heads) {
    const tails = table.columns.map((c) => split(c.key)).filter(([h, t]) => h === head && t !== null).map(([, t]) => t!);
    if (tails.length > 0) nested.set(head, record(entry[head], child(path, head), tails));
  }
  const row: Record<string, unknown> = {};
  for (const c of table.columns) {
    const [head, tail] = split(c.key);
    const raw = tail === null ? entry[head] : nested.get(head)![tail];
    const at = tail === null ? child(path, head) : child(child(path, head), tail);
    row[c.column] = c.codec.encode(c.codec.check(raw, at));
  }
  return { row: row as RowOf<T>, entry };
}
