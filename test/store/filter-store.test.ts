import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type NewFilterInput, type RunStore } from '../../main/store';
import { captureStoreError, createRunWith, epochRow, labelSetInput } from './helpers';

const SETTINGS = { hidden: 128, lambda: 1, mu: 0.1, tau: 0.2, c: 0.1, epochs: 200, learningRate: 1e-3 };
const MODEL = { pca: { mean: [0, 0], components: [[1, 0], [0, 1]] }, weights: [[0.1, -0.2], [0.3]], bias: [0] };

function filterInput(labelSetId: string | null, overrides: Partial<NewFilterInput> = {}): NewFilterInput {
  return { name: 'contraction filter', labelSetId, settings: SETTINGS, backend: 'cpu', ...overrides };
}

describe('filters', () => {
  let store: RunStore;
  let clock: number;
  beforeEach(() => {
    clock = Date.parse('2025-05-01T08:00:00.000Z');
    store = openStore(':memory:', { hostname: 'test-host', now: () => new Date(clock) });
  });
  afterEach(() => store.close());

  it('creates a training filter, stores its history, and finishes it ready with a model', () => {
    const set = store.createLabelSet(labelSetInput());
    const filter = store.createFilter(filterInput(set.id));
    expect(filter).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{8}$/),
      name: 'contraction filter',
      labelSetId: set.id,
      settings: SETTINGS,
      backend: 'cpu',
      metrics: {},
      status: 'training',
      error: null,
      createdAt: '2025-05-01T08:00:00.000Z',
      finishedAt: null,
      model: {},
    });

    const epochs = [0, 1, 2, 3, 4].map(epochRow);
    store.appendTrainingEpochs(filter.id, epochs.slice(0, 3));
    store.appendTrainingEpochs(filter.id, epochs.slice(3));
    store.appendTrainingEpochs(filter.id, []);
    const back = store.getTrainingEpochs(filter.id);
    expect(back).toStrictEqual(epochs);
    expect(JSON.stringify(back)).toBe(JSON.stringify(epochs)); // the export's key order

    clock += 5000;
    store.finishFilter(filter.id, 'ready', { model: MODEL, metrics: { heldOutAccuracy: 0.93 } });
    expect(store.getFilter(filter.id)).toMatchObject({
      status: 'ready',
      model: MODEL,
      metrics: { heldOutAccuracy: 0.93 },
      error: null,
      finishedAt: '2025-05-01T08:00:05.000Z',
    });
    expect(store.getTrainingEpochs('nope')).toEqual([]);
    expect(store.getFilter('nope')).toBeUndefined();
  });

  it('writes epochs all or nothing and refuses NaN instead of storing it as null', () => {
    const filter = store.createFilter(filterInput(null));
    store.appendTrainingEpochs(filter.id, [epochRow(0)]);
    expect(() => store.appendTrainingEpochs(filter.id, [epochRow(1), { ...epochRow(2), contrLoss: Number.NaN }])).toThrow(
      `filter ${filter.id}, epoch 2: contrLoss is NaN; expected a finite number`,
    );
    expect(() => store.appendTrainingEpochs(filter.id, [epochRow(1), { ...epochRow(2), accuracy: -Infinity }])).toThrow(/accuracy is -Infinity/);
    expect(() => store.appendTrainingEpochs(filter.id, [epochRow(1), { ...epochRow(2), epoch: 2.5 }])).toThrow(/epoch 2.5; expected an integer >= 0/);
    expect(() => store.appendTrainingEpochs(filter.id, [epochRow(1), epochRow(0)])).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(store.getTrainingEpochs(filter.id)).toStrictEqual([epochRow(0)]);
    expect(() => store.finishFilter(filter.id, 'ready', { model: { w: [Number.NaN] } })).toThrow(`filter ${filter.id} model: '0' is NaN`);
    expect(store.getFilter(filter.id)?.status).toBe('training');
  });

  it('closes a finished filter for good, and needs a model to be ready', () => {
    const filter = store.createFilter(filterInput(null));
    const noModel = captureStoreError(() => store.finishFilter(filter.id, 'ready', { metrics: {} }));
    expect(noModel.code).toBe('FILTER_INCOMPLETE');
    expect(noModel.message).toBe(`:memory:: filter ${filter.id} cannot be marked ready without a model`);

    store.finishFilter(filter.id, 'failed', { error: 'loss diverged' });
    expect(store.getFilter(filter.id)).toMatchObject({ status: 'failed', error: 'loss diverged', model: {}, metrics: {} });
    const late = captureStoreError(() => store.appendTrainingEpochs(filter.id, [epochRow(0)]));
    expect(late.code).toBe('FILTER_FINISHED');
    expect(late.message).toBe(`:memory:: filter ${filter.id} is failed; cannot append training epochs`);
    expect(captureStoreError(() => store.finishFilter(filter.id, 'ready', { model: MODEL })).code).toBe('FILTER_FINISHED');

    expect(captureStoreError(() => store.appendTrainingEpochs('zzzzzzzz', [epochRow(0)])).code).toBe('FILTER_NOT_FOUND');
    expect(captureStoreError(() => store.finishFilter('zzzzzzzz', 'interrupted')).message).toBe(':memory:: no filter with id zzzzzzzz');
    const noSet = captureStoreError(() => store.createFilter(filterInput('zzzzzzzz')));
    expect(noSet.code).toBe('LABEL_SET_NOT_FOUND');
    expect(store.listFilters().map((f) => f.id)).toEqual([filter.id]);
  });

  it('links runs to a filter; deleting either side never deletes the other', () => {
    const set = store.createLabelSet(labelSetInput());
    const filter = store.createFilter(filterInput(set.id));
    store.appendTrainingEpochs(filter.id, [epochRow(0), epochRow(1)]);
    store.finishFilter(filter.id, 'ready', { model: MODEL });
    const run = createRunWith(store, 2);
    expect(run.filterId).toBeNull();
    store.setRunFilter(run.id, filter.id);
    expect(store.getRun(run.id)?.filterId).toBe(filter.id);

    // The label set goes; the filter keeps everything it needs.
    expect(store.deleteLabelSet(set.id)).toBe(true);
    expect(store.getFilter(filter.id)).toMatchObject({ labelSetId: null, status: 'ready', model: MODEL });

    // The filter goes with its history; the run keeps its results.
    expect(store.deleteFilter(filter.id)).toBe(true);
    expect(store.deleteFilter(filter.id)).toBe(false);
    expect(store.getTrainingEpochs(filter.id)).toEqual([]);
    expect(store.getRun(run.id)).toMatchObject({ filterId: null, generationsDone: 2 });
    expect(store.getGenerations(run.id)).toHaveLength(2);

    const other = store.createFilter(filterInput(null));
    store.setRunFilter(run.id, other.id);
    store.setRunFilter(run.id, null);
    expect(store.getRun(run.id)?.filterId).toBeNull();
    expect(captureStoreError(() => store.setRunFilter(run.id, 'zzzzzzzz')).code).toBe('FILTER_NOT_FOUND');
    expect(captureStoreError(() => store.setRunFilter('zzzzzzzz', other.id)).code).toBe('RUN_NOT_FOUND');

    // Deleting the run leaves the filter it used alone.
    store.setRunFilter(run.id, other.id);
    store.deleteRun(run.id);
    expect(store.getFilter(other.id)?.status).toBe('training');
  });

  it('lists filters newest first, without their models', () => {
    const a = store.createFilter(filterInput(null, { name: 'a' }));
    clock += 1000;
    const b = store.createFilter(filterInput(null, { name: 'b' }));
    const c = store.createFilter(filterInput(null, { name: 'c' }));
    store.finishFilter(b.id, 'ready', { model: MODEL });
    const listed = store.listFilters();
    expect(listed.map((f) => f.id)).toEqual([c.id, b.id, a.id]);
    expect(listed.every((f) => !('model' in f))).toBe(true);
    const { model, ...summary } = store.getFilter(b.id) ?? {};
    expect(model).toEqual(MODEL);
    expect(listed[1]).toEqual(summary);
  });
});
