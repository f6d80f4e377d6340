/**
 * The codecs columns are described with (table-descriptor.ts): how a SQL value reads as the
 * bundle's JSON value, how a checked JSON value is stored, and what the bundle's value must be.
 */
import { tagListProblem } from '../../common/run-annotations';
import type { Codec } from './table-descriptor';
import {
  finite,
  id,
  integer,
  isPlainObject,
  jsonObject,
  jsonValue,
  nullableId,
  nullableInteger,
  nullableString,
  nullableTimestamp,
  fail,
  array,
  child,
  item,
  oneOf as oneOfCheck,
  show,
  string,
  timestamp as timestampCheck,
} from './value-checks';

const same = <T>(v: T): T => v;

function plain<T>(check: (value: unknown, path: string) => T): Codec<T, T> {
  return { decode: same, encode: same, check };
}

export const text = plain(string);
export const nullableText = plain(nullableString);
export const idText = plain(id);
export const nullableIdText = plain(nullableId);
export const timestamp = plain(timestampCheck);
export const nullableTimestampText = plain(nullableTimestamp);
export const real = plain(finite);

export function int(min?: number, max?: number): Codec<number, number> {
  return plain((v, path) => integer(v, path, min, max));
}

export function nullableInt(min?: number): Codec<number | null, number | null> {
  return plain((v, path) => nullableInteger(v, path, min));
}

/** A TEXT column holding one of `values` (a status, a kind). */
export function oneOf<const T extends string>(values: readonly T[]): Codec<T, T> & { readonly values: readonly T[] } {
  return { ...plain((v, path) => oneOfCheck(v, path, values)), values };
}

/**
 * A TEXT column holding JSON. The store writes it with JSON.stringify, whose output
 * JSON.stringify(JSON.parse(text)) reproduces byte for byte, so a bundle restores the exact text.
 * `T` is what the services read it as; the store keeps it as it came (not re-validated).
 */
export function json<T = unknown>(check: (value: unknown, path: string) => unknown = jsonValue): Codec<string, T> {
  return { decode: (sql) => JSON.parse(sql) as T, encode: (v) => JSON.stringify(v), check: (v, path) => check(v, path) as T };
}

/** A JSON object column (a config, a sweep's base). */
export function jsonObjectOf<T = Record<string, unknown>>(): Codec<string, T> {
  return json<T>(jsonObject);
}

/** A nullable TEXT column holding JSON: SQL NULL is JSON null. */
export function nullableJson<T>(check: (value: unknown, path: string) => T): Codec<string | null, T | null> {
  return {
    decode: (sql) => (sql === null ? null : (JSON.parse(sql) as T)),
    encode: (v) => (v === null ? null : JSON.stringify(v)),
    check: (v, path) => (v === null ? null : check(v, path)),
  };
}

/** `{path: number}` (a sweep point). */
export function numberRecord(value: unknown, path: string): Record<string, number> {
  if (!isPlainObject(value)) fail(path, `expected an object of numbers or null, got ${show(value)}`);
  for (const [key, v] of Object.entries(value)) finite(v, child(path, key));
  return value as Record<string, number>;
}

/** A run's tags (common/run-tags.ts): distinct short names without whitespace, as a JSON array. */
export function tagList(value: unknown, path: string): string[] {
  const tags = array(value, path).map((v, i) => string(v, item(path, i)));
  const problem = tagListProblem(tags);
  if (problem) fail(path, problem);
  return tags;
}
