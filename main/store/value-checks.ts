/**
 * Small checkers for reading a bundle: each takes the value and its path in the document
 * (`runs[3].generations[10].error.rms`) and throws BundleError naming that path, so that the
 * CLI can print one line saying exactly what is wrong and where.
 */

/** A bundle that cannot be imported. `path` is where in the document ('' for the whole). */
export class BundleError extends Error {
  override readonly name = 'BundleError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path === '' ? reason : `${path}: ${reason}`);
  }
}

/**
 * The text with control characters and line separators escaped (`\u000d`), so that a message
 * quoting a hostile file (V8's JSON errors quote the offending character) stays one line.
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function fail(path: string, reason: string): never {
  throw new BundleError(path, reason);
}

/** A key as a path step: `.name`, or `["odd key"]` (quoted, so that a hostile key stays one line). */
export function child(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

export function item(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A short one-line rendering of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly `keys`: a missing one and an unknown one are both named. */
export function record(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, `expected an object, got ${show(value)}`);
  for (const key of keys) if (!Object.hasOwn(value, key)) fail(child(path, key), 'missing');
  for (const key of Object.keys(value)) if (!keys.includes(key)) fail(child(path, key), 'unknown field');
  return value;
}

export function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${show(value)}`);
  return value;
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${show(value)}`);
  return value;
}

export function nonEmptyString(value: unknown, path: string): string {
  const text = string(value, path);
  if (text.trim() === '') fail(path, 'expected a non-empty string');
  return text;
}

export function nullableString(value: unknown, path: string): string | null {
  return value === null ? null : string(value, path);
}

export function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `expected a finite number, got ${show(value)}`);
  return value;
}

export function nullableFinite(value: unknown, path: string): number | null {
  return value === null ? null : finite(value, path);
}

/** A safe integer in [min, max]. */
export function integer(value: unknown, path: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === Number.MIN_SAFE_INTEGER ? '' : ` >= ${min}`) : ` in ${min}..${max}`;
    fail(path, `expected an integer${range}, got ${show(value)}`);
  }
  return value;
}

export function nullableInteger(value: unknown, path: string, min?: number): number | null {
  return value === null ? null : integer(value, path, min);
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(path, `expected one of ${allowed.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}

/** Ids as the store makes them (8 of [0-9a-z]), with room for other schemes but nothing odd. */
export function id(value: unknown, path: string): string {
  const text = string(value, path);
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(text)) fail(path, `expected an id (1 to 64 of 0-9, a-z, A-Z, _ and -), got ${show(text)}`);
  return text;
}

export function nullableId(value: unknown, path: string): string | null {
  return value === null ? null : id(value, path);
}

/** ISO 8601 UTC with milliseconds, as the store writes every timestamp (listings sort by them). */
export function timestamp(value: unknown, path: string): string {
  const text = string(value, path);
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text) && new Date(text).toISOString() === text;
  if (!ok) fail(path, `expected an ISO 8601 UTC time like 2025-01-31T12:00:00.000Z, got ${show(text)}`);
  return text;
}

export function nullableTimestamp(value: unknown, path: string): string | null {
  return value === null ? null : timestamp(value, path);
}

/** Deeper than any config or model the app writes; keeps a hostile file from exhausting the stack. */
const MAX_DEPTH = 64;

/**
 * An opaque JSON value (a config, a model, a label set's source) as JSON.stringify will write
 * it back: JSON.parse turns 1e999 into Infinity, which JSON.stringify would quietly write as
 * null, so non-finite numbers are refused, with the path of the first one.
 */
export function jsonValue(value: unknown, path: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) fail(path, `nested more than ${MAX_DEPTH} levels deep`);
  if (typeof value === 'number') finite(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => jsonValue(v, item(path, i), depth + 1));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) jsonValue(v, child(path, k), depth + 1);
  return value;
}

export function jsonObject(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, `expected an object, got ${show(value)}`);
  jsonValue(value, path);
  return value;
}

/** Strict base64 (the alphabet, padding only at the end): Buffer.from would skip junk silently. */
export function base64(value: unknown, path: string): Buffer {
  const text = string(value, path);
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail(path, 'expected base64 text');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) fail(path, 'expected base64 text');
  return bytes;
}
