/**
 * The boundary checks of services/channel-args.ts: every channel's arguments are checked from
 * one table before any handler runs, over every transport (here the in-memory bridge, which
 * passes JSON as IPC and the WebSocket do, and the WebSocket itself). One wrong argument per
 * kind of channel is refused with BAD_REQUEST (or the code the domain already used) and a
 * message that starts with the field's name. Then the channels the CLI had alone (sweeps,
 * bundle import) are driven through the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../preload/contract';
import { CHANNEL_ARGS, createInMemoryBridge, RemoteError, Workbench, workerSimulator } from '../../main/services';
import { loadTf } from '../../main/engine-host';
import { openStore, type RunStore } from '../../main/store';

function makeWorkbench(store: RunStore): Workbench {
  return new Workbench({ store, loadTf: () => loadTf({ prefer: 'cpu' }), simulatorFor: () => workerSimulator(0), threads: 1, progressIntervalMs: 0 });
}

async function refusal(bridge: ReturnType<typeof createInMemoryBridge>, channel: Channel, args: unknown): Promise<RemoteError> {
  try {
    await bridge.invoke(channel, args as never);
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteError);
    return error as RemoteError;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(args)}`);
}

describe('every channel has an argument check', () => {
  it('the table names exactly the channels', () => {
    expect(Object.keys(CHANNEL_ARGS).sort()).toEqual([...CHANNELS].sort());
  });
});

describe('a wrong argument is refused at the boundary, naming the field', () => {
  let store: RunStore;
  let wb: Workbench;
  let bridge: ReturnType<typeof createInMemoryBridge>;
  beforeAll(() => {
    store = openStore(':memory:');
    wb = makeWorkbench(store);
    bridge = createInMemoryBridge(wb);
  });
  afterAll(async () => {
    bridge.dispose();
    await wb.shutdown();
    store.close();
  });

  // One case per kind of argument: none, an id, an enum, an integer, an optional integer, a
  // list of ids, a run request, a sweep request, a label payload, text.
  const cases: [Channel, unknown, string, RegExp][] = [
    ['runs:list', { unexpected: 1 }, 'BAD_REQUEST', /^args: expected nothing, got/],
    ['runs:get', { id: 42 }, 'BAD_REQUEST', /^id: expected a non-empty string, got 42$/],
    ['runs:get', 'abc', 'BAD_REQUEST', /^args: expected an object \{id\}, got "abc"$/],
    ['runs:export', { id: 'x', format: 'xml' }, 'BAD_REQUEST', /^format: expected json or csv, got "xml"$/],
    ['runs:tag', { id: 'x', add: ['ok', 'two words'] }, 'BAD_REQUEST', /^add\[1\]: expected a tag name \(a tag cannot contain whitespace or control characters\), got "two words"$/],
    ['runs:tag', { id: 'x', remove: 'one' }, 'BAD_REQUEST', /^remove: expected an array of tag names, got "one"$/],
    ['runs:tag', { id: 'x', add: ['ok'] }, 'RUN_NOT_FOUND', /^no run 'x'$/],
    ['runs:note', { id: 'x', note: 3 }, 'BAD_REQUEST', /^note: expected a string or null, got 3$/],
    ['runs:note', { id: 'x' }, 'BAD_REQUEST', /^note: expected a string or null, got nothing$/],
    ['labels:candidates', { labelSetId: 's', generation: 1.5 }, 'BAD_REQUEST', /^generation: expected a whole number >= 0, got 1\.5$/],
    ['filters:heatmap', { filterId: 'f', labelSetId: 's', size: -3 }, 'BAD_REQUEST', /^size: expected a whole number >= 0, got -3$/],
    ['compare:series', { runIds: ['a', 7] }, 'BAD_REQUEST', /^runIds\[1\]: expected a non-empty string, got 7$/],
    ['filters:provenance', { filterIds: 'f1' }, 'BAD_REQUEST', /^filterIds: expected an array of strings, got "f1"$/],
    ['filters:train', { labelSetId: 's', overrides: 'filter.training.epochs=3' }, 'BAD_REQUEST', /^overrides: expected an array of strings/],
    ['runs:start', { preset: 3 }, 'UNKNOWN_PRESET', /^preset: expected a preset name, got 3$/],
    ['runs:start', { overrides: 'replicates=5' }, 'INVALID_CONFIG', /^overrides: expected an array of PATH=VALUE strings/],
    ['sweeps:start', { preset: 'fresh-golden', grid: [{ path: 'data.realWeight', values: ['0.5'] }] }, 'BAD_REQUEST', /^grid\[0\]\.values: expected an array of finite numbers/],
    ['sweeps:start', { preset: 'fresh-golden', grid: [] }, 'BAD_REQUEST', /^grid: expected a non-empty array/],
    ['sweeps:start', { preset: 'fresh-golden', grid: [{ path: 'seed', values: [1] }], window: [1] }, 'BAD_REQUEST', /^window: expected a pair/],
    ['labels:save', { labelSetId: 's', labeler: 'Ada', entries: [{ generation: 1, idx: 0, label: 2 }] }, 'BAD_REQUEST', /^entries\[0\]\.label: /],
    ['labels:create', { request: {}, kind: 'robot', name: 'x' }, 'BAD_REQUEST', /^kind: expected machine or human/],
    ['bundles:import', { text: { format: 'collapse-lab-bundle' } }, 'BAD_REQUEST', /^text: expected the bundle file's text, got/],
    ['bundles:export', { runIds: [''] }, 'BAD_REQUEST', /^runIds\[0\]: expected a non-empty string/],
  ];
  it.each(cases)('%s %j', async (channel, args, code, message) => {
    const before = store.listRuns().length + store.listSweeps().length + store.listLabelSets().length + store.listFilters().length;
    const error = await refusal(bridge, channel, args);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message.includes('\n')).toBe(false);
    // Nothing was written on the way to the refusal.
    expect(store.listRuns().length + store.listSweeps().length + store.listLabelSets().length + store.listFilters().length).toBe(before);
  });

  it('the handlers a transport holds are the checked ones', async () => {
    await expect(Promise.resolve().then(() => wb.handlers['runs:cancel']({ id: null } as never))).rejects.toThrow(/^id: expected a non-empty string, got null$/);
  });
});

describe('sweeps and bundle import through the contract', () => {
  let store: RunStore;
  let wb: Workbench;
  beforeAll(() => {
    store = openStore(':memory:');
    wb = makeWorkbench(store);
  });
  afterAll(async () => {
    await wb.shutdown();
    store.close();
  });

  it('sweeps:start runs every grid point as a stored run and reports the sweep finished', async () => {
    const bridge = createInMemoryBridge(wb);
    const finished = new Promise<{ sweepId: string; status: string }>((resolve) => bridge.on('sweep:finished', resolve));
    const { sweepId } = await bridge.invoke('sweeps:start', {
      preset: 'xu-fixed-n',
      overrides: ['replicates=8', 'generations=12'],
      grid: [{ path: 'seed', values: [1, 2, 3] }],
      window: [6, 13],
    });
    expect(await finished).toEqual({ sweepId, status: 'completed' });
    const detail = await bridge.invoke('sweeps:get', { id: sweepId });
    expect(detail.status).toBe('completed');
    expect(detail.points.map((p) => p.point)).toEqual([{ seed: 1 }, { seed: 2 }, { seed: 3 }]);
    expect(detail.points.every((p) => p.status === 'completed' && p.runId !== null)).toBe(true);
    expect((await bridge.invoke('sweeps:list', undefined)).map((s) => s.id)).toContain(sweepId);
    // A sweep that cannot start (a point past the window) writes nothing and answers the request.
    const refused = bridge.invoke('sweeps:start', { preset: 'xu-fixed-n', overrides: ['generations=4'], grid: [{ path: 'seed', values: [1] }], window: [0, 9] });
    await expect(refused).rejects.toThrow(/--window 0:9: the run has generations 0\.\.4/);
    expect(store.listSweeps()).toHaveLength(1);
    bridge.dispose();
  });

  it('bundles:export then bundles:import into another store gives the same runs; a damaged file is BAD_BUNDLE naming its path', async () => {
    const bridge = createInMemoryBridge(wb);
    const exported = await bridge.invoke('bundles:export', {});
    expect(exported.counts).toMatchObject({ runs: 3, sweeps: 1 });

    const other = openStore(':memory:');
    const otherWb = makeWorkbench(other);
    const otherBridge = createInMemoryBridge(otherWb);
    const changed: string[] = [];
    otherBridge.on('store:changed', ({ what }) => changed.push(what));
    expect(await otherBridge.invoke('bundles:import', { text: exported.content })).toEqual({
      added: { runs: 3, labelSets: 0, filters: 0, sweeps: 1 },
      skipped: { runs: 0, labelSets: 0, filters: 0, sweeps: 0 },
    });
    expect(changed).toContain('runs');
    const ids = (s: RunStore) => s.listRuns().map((r) => r.id).sort();
    expect(ids(other)).toEqual(ids(store));
    for (const id of ids(store)) expect(other.getGenerations(id)).toEqual(store.getGenerations(id));
    // Importing it again skips what is already there, identical.
    expect((await otherBridge.invoke('bundles:import', { text: exported.content })).skipped).toEqual({ runs: 3, labelSets: 0, filters: 0, sweeps: 1 });

    const damaged = JSON.parse(exported.content) as { runs: { seed: unknown }[] };
    damaged.runs[0].seed = 'seven';
    const error = await refusal(otherBridge, 'bundles:import', { text: JSON.stringify(damaged) });
    expect(error.code).toBe('BAD_BUNDLE');
    expect(error.message).toMatch(/^runs\[0\]\.seed: /);
    otherBridge.dispose();
    await otherWb.shutdown();
    other.close();
    bridge.dispose();
  });
});
