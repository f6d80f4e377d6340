import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../main/engine-host';
import { createInMemoryBridge, createLabelSet, prepareRun, RemoteError, Workbench, workerSimulator } from '../../main/services';
import { openStore, type RunStore } from '../../main/store';

// `filters:provenance` (Compare's config table, issue 13): a run's filter.id answered with the
// stored filter and the label set it was trained on. Filters are stored directly (no training:
// the channel only reads rows).
describe('filters:provenance', () => {
  let store: RunStore;
  let wb: Workbench;
  beforeAll(() => {
    store = openStore(':memory:');
    wb = new Workbench({ store, loadTf: () => loadTf({ prefer: 'cpu' }), simulatorFor: () => workerSimulator(0), threads: 1 });
  });
  afterAll(async () => {
    await wb.shutdown();
    store.close();
  });

  it('names the label set, its labeller and its shape, for each id asked (unknown ones null)', async () => {
    const config = prepareRun({ config: { filter: { kind: 'neural' } }, overrides: ['filter.labels.generations=5', 'filter.labels.candidates=200'] });
    const set = createLabelSet(store, config, { name: 'hand labels 5 x 200', kind: 'human', labeler: 'Ada' });
    store.saveLabels(
      set.id,
      Array.from({ length: 30 }, (_, idx) => ({ generation: 1, idx, label: idx % 3 === 0 ? 0 : 1 })),
      'Ada',
    );
    const filter = store.createFilter({ name: 'filter on hand labels', labelSetId: set.id, settings: {}, backend: 'cpu' });
    store.finishFilter(filter.id, 'ready', { model: {}, metrics: {} });
    const orphan = store.createFilter({ name: 'imported without its set', labelSetId: null, settings: {}, backend: 'cpu' });

    const bridge = createInMemoryBridge(wb);
    const answer = await bridge.invoke('filters:provenance', { filterIds: [filter.id, 'no-such-filter', orphan.id, filter.id] });
    expect(answer).toEqual([
      {
        filterId: filter.id,
        filter: { name: 'filter on hand labels', status: 'ready', labelSetId: set.id, createdAt: filter.createdAt },
        labelSet: { id: set.id, name: 'hand labels 5 x 200', kind: 'human', labeler: 'Ada', generations: 5, candidatesPerGeneration: 200, labelled: 30, good: 20 },
      },
      { filterId: 'no-such-filter', filter: null, labelSet: null },
      { filterId: orphan.id, filter: { name: 'imported without its set', status: 'training', labelSetId: null, createdAt: orphan.createdAt }, labelSet: null },
    ]);
    expect(await bridge.invoke('filters:provenance', { filterIds: [] })).toEqual([]);

    // Whatever a page sends is checked.
    const bad = await bridge.invoke('filters:provenance', { filterIds: 'x' as unknown as string[] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RemoteError);
    expect((bad as RemoteError).code).toBe('BAD_REQUEST');
    bridge.dispose();
  });
});
