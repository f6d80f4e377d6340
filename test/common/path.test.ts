import { describe, expect, it } from 'vitest';
import { getPath } from '../../common/path';

describe('getPath', () => {
  it('walks a dotted path through plain objects', () => {
    const o = { filter: { neural: { tau: 0.5 } }, seed: 7 };
    expect(getPath(o, 'filter.neural.tau')).toBe(0.5);
    expect(getPath(o, 'seed')).toBe(7);
    expect(getPath(o, 'filter.neural')).toEqual({ tau: 0.5 });
  });

  it('answers undefined where a step is missing or is not a plain object', () => {
    const o = { a: { b: 1 }, list: [{ c: 2 }], none: null };
    expect(getPath(o, 'a.x.c')).toBeUndefined();
    expect(getPath(o, 'a.b.c')).toBeUndefined();
    // Arrays are data, not steps: configs name fields, never indices.
    expect(getPath(o, 'list.0.c')).toBeUndefined();
    expect(getPath(o, 'none.c')).toBeUndefined();
    expect(getPath(undefined, 'a')).toBeUndefined();
  });
});
