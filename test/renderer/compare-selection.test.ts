import { describe, expect, it } from 'vitest';
import { RUN_PALETTE } from '../../renderer/compare/run-palette';
import { filterRuns } from '../../renderer/compare/run-filter';
import { addRuns, baselineOf, colourOf, EMPTY_SELECTION, orderedIds, pinBaseline, retainRuns, runLabels, slotOf, toggleRun } from '../../renderer/compare/selection';
import { SeriesCache } from '../../renderer/compare/series-cache';
import { columns, summary } from './compare-fixtures';

describe('selection', () => {
  it('chooses and unchooses in order; the first chosen is the baseline until one is pinned', () => {
    let s = toggleRun(EMPTY_SELECTION, 'a');
    s = toggleRun(s, 'b');
    s = toggleRun(s, 'c');
    expect(s.ids).toEqual(['a', 'b', 'c']);
    expect(baselineOf(s)).toBe('a');
    expect(orderedIds(s)).toEqual(['a', 'b', 'c']);
    s = pinBaseline(s, 'c');
    expect(baselineOf(s)).toBe('c');
    expect(orderedIds(s)).toEqual(['c', 'a', 'b']);
    s = toggleRun(s, 'a');
    expect(orderedIds(s)).toEqual(['c', 'b']);
    // Pinning the pinned run unpins it.
    s = pinBaseline(s, 'c');
    expect(s.pinned).toBeNull();
    expect(baselineOf(s)).toBe('b');
    expect(baselineOf(EMPTY_SELECTION)).toBeNull();
  });

  it('pinning a run not chosen chooses it; unchoosing the pinned run unpins it', () => {
    let s = pinBaseline(toggleRun(EMPTY_SELECTION, 'a'), 'z');
    expect(s.ids).toEqual(['a', 'z']);
    expect(baselineOf(s)).toBe('z');
    s = toggleRun(s, 'z');
    expect(s.pinned).toBeNull();
  });

  it('keeps each run colour while it stays chosen and reuses freed slots', () => {
    let s = addRuns(EMPTY_SELECTION, ['a', 'b', 'c']);
    expect([slotOf(s, 'a'), slotOf(s, 'b'), slotOf(s, 'c')]).toEqual([0, 1, 2]);
    s = toggleRun(s, 'b');
    s = pinBaseline(s, 'c');
    expect(slotOf(s, 'c')).toBe(2);
    s = toggleRun(s, 'd');
    expect(slotOf(s, 'd')).toBe(1);
    expect(colourOf(s, 'd')).toBe(RUN_PALETTE[1]);
    s = addRuns(s, ['a', 'e']);
    expect(s.ids).toEqual(['a', 'c', 'd', 'e']);
    expect(slotOf(s, 'e')).toBe(3);
  });

  it('twenty runs get twenty different colours', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
    const s = addRuns(EMPTY_SELECTION, ids);
    expect(new Set(ids.map((id) => colourOf(s, id))).size).toBe(20);
  });

  it('drops runs that no longer exist, keeping the same object when nothing changed', () => {
    const s = pinBaseline(addRuns(EMPTY_SELECTION, ['a', 'b']), 'b');
    expect(retainRuns(s, new Set(['a', 'b']))).toBe(s);
    const kept = retainRuns(s, new Set(['a']));
    expect(kept.ids).toEqual(['a']);
    expect(kept.pinned).toBeNull();
  });

  it('labels runs by name, adding the id when two share one', () => {
    const labels = runLabels([
      { id: 'x1', name: 'walk' },
      { id: 'x2', name: 'walk' },
      { id: 'y', name: 'oracle' },
    ]);
    expect([...labels.values()]).toEqual(['walk · x1', 'walk · x2', 'oracle']);
  });
});

describe('filterRuns', () => {
  const runs = [
    summary('aa11', { name: 'oracle ball', preset: 'oracle-ball', createdAt: '2026-11-21T20:00:00.000Z' }),
    summary('bb22', { name: 'long walk 01', preset: 'xu-fixed-n', status: 'failed', createdAt: '2026-10-02T08:00:00.000Z' }),
    summary('cc33', { name: 'custom thing', preset: null, status: 'running' }),
  ];

  it('matches every word against name, preset, id, status and date', () => {
    const ids = (text: string, status: 'all' | 'failed' | 'running' = 'all') => filterRuns(runs, { text, status }, { timeZone: 'UTC' }).map((r) => r.id);
    expect(ids('')).toEqual(['aa11', 'bb22', 'cc33']);
    expect(ids('ORACLE')).toEqual(['aa11']);
    expect(ids('xu-fixed-n')).toEqual(['bb22']);
    expect(ids('walk 2026-10')).toEqual(['bb22']);
    expect(ids('oct 2026')).toEqual(['bb22']);
    expect(ids('custom')).toEqual(['cc33']);
    expect(ids('bb22')).toEqual(['bb22']);
    expect(ids('walk oracle')).toEqual([]);
    expect(ids('', 'failed')).toEqual(['bb22']);
    expect(ids('running')).toEqual(['cc33']);
  });
});

describe('SeriesCache', () => {
  it('keeps finished runs, evicts the least recently used, never keeps a running run', () => {
    const cache = new SeriesCache(2);
    const a = columns('a', [1]);
    const b = columns('b', [1]);
    const c = columns('c', [1]);
    cache.put(a);
    cache.put(b);
    expect(cache.get('a')).toBe(a);
    cache.put(c);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.size).toBe(2);
    const running = { ...columns('r', [1]), summary: summary('r', { status: 'running' }) };
    cache.put(running);
    expect(cache.has('r')).toBe(false);
    cache.delete('a');
    expect(cache.has('a')).toBe(false);
  });
});
