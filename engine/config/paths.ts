/**
 * Writing dotted config paths ("filter.training.lambda"). Reading them is common/path.ts's
 * getPath, the one the page runs too.
 */
import { isPlainObject } from '../../common/path';

/** Writes a dotted path into a nested object, creating intermediate objects. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(cur[key])) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = value;
}
