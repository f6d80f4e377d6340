/** Dotted paths (`filter.neural.tau`) into plain nested objects, as configs and forms name fields. */

/** A JSON object (not null, not an array): the only thing a dotted path steps into. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a dotted path from a nested object; undefined where a step is missing or not an object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}
