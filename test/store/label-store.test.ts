import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type LabelEntry, type RunStore } from '../../main/store';
import { captureStoreError, labelGroup, labelSetInput, tempDir } from './helpers';

describe('label sets', () => {
  let store: RunStore;
  let clock: number;
  beforeEach(() => {
    clock = Date.parse('2025-04-01T09:00:00.000Z');
    store = openStore(':memory:', { hostname: 'test-host', now: () => new Date(clock) });
  });
  afterEach(() => store.close());

  const temps: Array<ReturnType<typeof tempDir>> = [];
  afterEach(() => temps.splice(0).forEach((t) => t.cleanup()));
  function fileStore() {
    const t = tempDir();
    temps.push(t);
    const file = t.file();
    return { file, store: openStore(file, { hostname: 'test-host' }) };
  }

  it('creates a set with its provenance, counts and groups, generations in order', () => {
    const input = labelSetInput({ groups: [labelGroup(2, 5), labelGroup(0, 10), labelGroup(1, 7)] });
    const set = store.createLabelSet(input);
    expect(set.id).toMatch(/^[0-9a-z]{8}$/);
    expect(set).toEqual({
      id: set.id,
      name: input.name,
      kind: 'machine',
      labeler: 'machine rule (contamination 0.3)',
      source: input.source,
      createdAt: '2025-04-01T09:00:00.000Z',
      updatedAt: '2025-04-01T09:00:00.000Z',
      counts: { groups: 3, candidates: 22, labelled: 0, good: 0 },
    });
    expect(store.getLabelSet(set.id)).toEqual(set);
    expect(store.getLabelGenerations(set.id)).toEqual([0, 1, 2]);

    const group = store.getLabelGroup(set.id, 1);
    expect(group?.generation).toBe(1);
    expect(group?.dim).toBe(2);
    expect(group?.estimate).toEqual(labelGroup(1, 7).estimate);
    expect(group?.candidates).toEqual(labelGroup(1, 7).candidates);
    expect(group?.labels).toEqual(new Int8Array(7).fill(-1));

    expect(store.getLabelSet('nope')).toBeUndefined();
    expect(store.getLabelGroup(set.id, 3)).toBeUndefined();
    expect(store.getLabelGroup('nope', 0)).toBeUndefined();
    expect(store.getLabelGenerations('nope')).toEqual([]);
  });

  it('keeps candidates exact, as little-endian float64 bytes, from any view of an array', () => {
    const special = [-0, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE, 1 / 3, -2.5e-300, 1e308, 0.1];
    const backing = new Float64Array([99, ...special, 99]);
    const view = backing.subarray(1, 1 + special.length); // byteOffset 8: not the whole buffer
    const { file, store: fs } = fileStore();
    const set = fs.createLabelSet(labelSetInput({ groups: [{ generation: 0, estimate: [0, 0], candidates: view, dim: 2 }] }));

    const back = fs.getLabelGroup(set.id, 0)?.candidates;
    expect(back).toBeInstanceOf(Float64Array);
    expect(Array.from(back ?? [])).toEqual(special);
    expect(Object.is(back?.[0], -0)).toBe(true);
    fs.close();

    const expected = Buffer.alloc(special.length * 8);
    special.forEach((v, i) => expected.writeDoubleLE(v, i * 8));
    const raw = new Database(file, { readonly: true });
    const blob = raw.prepare<[string], Buffer>('SELECT candidates FROM label_groups WHERE label_set_id = ?').pluck().get(set.id);
    raw.close();
    expect(blob?.equals(expected)).toBe(true);
  });

  it('reports candidates of the wrong length as a damaged store instead of misreading them', () => {
    const { file, store: fs } = fileStore();
    const set = fs.createLabelSet(labelSetInput());
    fs.close();
    // The schema's CHECK keeps this from being written; only a damaged file can hold it.
    const raw = new Database(file);
    raw.pragma('ignore_check_constraints = ON');
    raw.prepare('UPDATE label_groups SET candidates = zeroblob(8) WHERE label_set_id = ? AND generation = 1').run(set.id);
    raw.close();
    const reopened = openStore(file, { hostname: 'test-host' });
    const error = captureStoreError(() => reopened.getLabelGroup(set.id, 1));
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toBe(`${file}: label set ${set.id}, generation 1: candidates hold 8 bytes, expected 10 x 2 float64s`);
    expect(reopened.getLabelGroup(set.id, 0)?.candidates).toEqual(labelGroup(0).candidates);
    reopened.close();
  });

  it('refuses groups that would not read back as given, storing nothing', () => {
    const bad = (group: Partial<ReturnType<typeof labelGroup>>) => () =>
      store.createLabelSet(labelSetInput({ groups: [labelGroup(0), { ...labelGroup(1), ...group }] }));
    expect(bad({ candidates: new Float64Array(5) })).toThrow('label group generation=1: 5 candidate values are not whole rows of dim 2');
    expect(bad({ candidates: new Float64Array([1, Number.NaN]) })).toThrow(
      'label group generation=1 candidates: value 1 is NaN; expected a finite number',
    );
    expect(bad({ estimate: [0, Infinity] })).toThrow("label group generation=1 estimate: '1' is Infinity; expected a finite number");
    expect(bad({ dim: 0 })).toThrow('expected dim to be an integer >= 1 but got 0');
    expect(bad({ generation: -1 })).toThrow('expected the generation to be an integer >= 0');
    expect(bad({ generation: 0 })).toThrow('label set: generation 0 appears twice');
    expect(() => store.createLabelSet(labelSetInput({ source: undefined }))).toThrow('label set source: expected a JSON value but got undefined');
    expect(() => store.createLabelSet(labelSetInput({ source: { contamination: Number.NaN } }))).toThrow(
      "label set source: 'contamination' is NaN; expected a finite number",
    );
    expect(store.listLabelSets()).toEqual([]);
  });

  it('saves, changes and takes back labels, and counts them', () => {
    const set = store.createLabelSet(labelSetInput());
    clock += 60_000;
    expect(store.saveLabels(set.id, [
      { generation: 0, idx: 0, label: 1 },
      { generation: 0, idx: 3, label: 0 },
      { generation: 2, idx: 9, label: 1 },
      { generation: 1, idx: 4, label: null }, // already unlabelled: nothing to take back
    ], 'Ada')).toEqual({ saved: 4 });
    expect(Array.from(store.getLabelGroup(set.id, 0)?.labels ?? [])).toEqual([1, -1, -1, 0, -1, -1, -1, -1, -1, -1]);
    expect(store.getLabelGroup(set.id, 2)?.labels[9]).toBe(1);
    expect(store.getLabelSet(set.id)).toMatchObject({
      updatedAt: '2025-04-01T09:01:00.000Z',
      createdAt: '2025-04-01T09:00:00.000Z',
      counts: { groups: 3, candidates: 30, labelled: 3, good: 2 },
    });

    // Relabel one, undo another; within one save the later entry for a candidate wins.
    clock += 60_000;
    store.saveLabels(set.id, [
      { generation: 0, idx: 0, label: 0 },
      { generation: 0, idx: 3, label: null },
      { generation: 1, idx: 2, label: 0 },
      { generation: 1, idx: 2, label: 1 },
    ], 'Ada');
    expect(Array.from(store.getLabelGroup(set.id, 0)?.labels ?? []).slice(0, 4)).toEqual([0, -1, -1, -1]);
    expect(store.getLabelGroup(set.id, 1)?.labels[2]).toBe(1);
    expect(store.getLabelSet(set.id)).toMatchObject({
      updatedAt: '2025-04-01T09:02:00.000Z',
      counts: { labelled: 3, good: 2 },
    });
    expect(store.saveLabels(set.id, [], 'Ada')).toEqual({ saved: 0 });
  });

  it('records who labelled each candidate and when', () => {
    const { file, store: fs } = fileStore();
    const set = fs.createLabelSet(labelSetInput({ kind: 'human', labeler: 'Grace' }));
    fs.saveLabels(set.id, [{ generation: 0, idx: 1, label: 1 }], 'machine');
    fs.saveLabels(set.id, [{ generation: 0, idx: 1, label: 0 }, { generation: 0, idx: 2, label: 1 }], 'Grace');
    fs.close();
    const raw = new Database(file, { readonly: true });
    const rows = raw.prepare('SELECT idx, label, labeled_by, labeled_at FROM labels ORDER BY idx').all();
    raw.close();
    expect(rows).toEqual([
      { idx: 1, label: 0, labeled_by: 'Grace', labeled_at: expect.stringMatching(/^\d{4}-.*Z$/) },
      { idx: 2, label: 1, labeled_by: 'Grace', labeled_at: expect.stringMatching(/^\d{4}-.*Z$/) },
    ]);
  });

  it('rejects a save with any invalid entry, naming it, and writes nothing', () => {
    const set = store.createLabelSet(labelSetInput());
    store.saveLabels(set.id, [{ generation: 1, idx: 5, label: 1 }], 'Ada');
    const before = store.getLabelSet(set.id);
    clock += 60_000;
    const attempt = (entry: LabelEntry) =>
      captureStoreError(() => store.saveLabels(set.id, [{ generation: 1, idx: 5, label: null }, { generation: 0, idx: 0, label: 1 }, entry], 'Ada'));

    const error = attempt({ generation: 7, idx: 0, label: 1 });
    expect(error.code).toBe('BAD_LABEL');
    expect(error.message).toBe(`:memory:: label set ${set.id}, entry 2 (generation 7, idx 0): the label set has no such generation; nothing was saved`);
    expect(attempt({ generation: 0, idx: 10, label: 1 }).message).toContain(
      'entry 2 (generation 0, idx 10): idx must be an integer in 0..9 (the group has 10 candidates)',
    );
    expect(attempt({ generation: 0, idx: -1, label: 1 }).code).toBe('BAD_LABEL');
    expect(attempt({ generation: 0, idx: 1.5, label: 1 }).code).toBe('BAD_LABEL');
    expect(attempt({ generation: 0, idx: 1, label: 2 as 1 }).message).toContain('label must be 0, 1 or null, not 2');

    expect(store.getLabelSet(set.id)).toEqual(before);
    expect(store.getLabelGroup(set.id, 1)?.labels[5]).toBe(1);
    expect(store.getLabelGroup(set.id, 0)?.labels[0]).toBe(-1);

    expect(captureStoreError(() => store.saveLabels(set.id, [{ generation: 0, idx: 0, label: 1 }], ' ')).code).toBe('BAD_LABEL');
    const missing = captureStoreError(() => store.saveLabels('zzzzzzzz', [{ generation: 0, idx: 0, label: 1 }], 'Ada'));
    expect(missing.code).toBe('LABEL_SET_NOT_FOUND');
    expect(missing.message).toBe(':memory:: no label set with id zzzzzzzz');
  });

  it('deletes a set with its groups and labels, and nothing else', () => {
    const { file, store: fs } = fileStore();
    const kept = fs.createLabelSet(labelSetInput({ name: 'kept' }));
    const gone = fs.createLabelSet(labelSetInput({ name: 'gone' }));
    for (const set of [kept, gone]) fs.saveLabels(set.id, [{ generation: 0, idx: 0, label: 1 }, { generation: 2, idx: 1, label: 0 }], 'Ada');
    expect(fs.deleteLabelSet(gone.id)).toBe(true);
    expect(fs.deleteLabelSet(gone.id)).toBe(false);
    expect(fs.getLabelSet(gone.id)).toBeUndefined();
    expect(fs.getLabelGenerations(gone.id)).toEqual([]);
    expect(fs.getLabelSet(kept.id)?.counts).toEqual({ groups: 3, candidates: 30, labelled: 2, good: 1 });
    fs.close();

    const raw = new Database(file, { readonly: true });
    const count = (table: string) =>
      raw.prepare<[string], number>(`SELECT count(*) FROM ${table} WHERE label_set_id = ?`).pluck().get(gone.id);
    expect([count('label_groups'), count('labels')]).toEqual([0, 0]);
    raw.close();
  });

  it('lists sets newest first, same-millisecond sets by insertion', () => {
    const a = store.createLabelSet(labelSetInput({ name: 'a' }, 1));
    clock += 1000;
    const b = store.createLabelSet(labelSetInput({ name: 'b' }, 1));
    const c = store.createLabelSet(labelSetInput({ name: 'c' }, 1));
    expect(store.listLabelSets().map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    expect(store.listLabelSets()[0]?.counts).toEqual({ groups: 1, candidates: 10, labelled: 0, good: 0 });
  });

  it('retries a fresh id when one collides, and reads a group inside a snapshot', () => {
    const ids = ['aaaaaaaa', 'aaaaaaaa', 'bbbbbbbb'];
    const colliding = openStore(':memory:', { newRunId: () => ids.shift() ?? 'cccccccc' });
    expect(colliding.createLabelSet(labelSetInput()).id).toBe('aaaaaaaa');
    expect(colliding.createLabelSet(labelSetInput()).id).toBe('bbbbbbbb');
    const seen = colliding.snapshot((read) => ({ set: read.getLabelSet('bbbbbbbb'), group: read.getLabelGroup('bbbbbbbb', 2) }));
    expect(seen.set?.counts.candidates).toBe(30);
    expect(seen.group?.labels).toHaveLength(10);
    colliding.close();
  });
});
