import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FAMILIES, FAMILY_SPECS } from '../../engine';
import { CHANNELS, EVENTS, isChannel, isEventName, type ServerFrame } from '../../preload/contract';
import { startServer, type RunningServer } from '../../main/server';
import { createInMemoryBridge, RemoteError, Workbench, workerSimulator } from '../../main/services';
import { loadTf } from '../../main/engine-host';
import { openStore, type RunStore } from '../../main/store';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function makeWorkbench(store: RunStore): Workbench {
  return new Workbench({ store, loadTf: () => loadTf({ prefer: 'cpu' }), simulatorFor: () => workerSimulator(0), threads: 1, progressIntervalMs: 0 });
}

describe('the contract (preload/contract.ts)', () => {
  it('every channel has a handler, and the lists hold each channel and event once', () => {
    const store = openStore(':memory:');
    const wb = makeWorkbench(store);
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(new Set(EVENTS).size).toBe(EVENTS.length);
    expect(Object.keys(wb.handlers).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(typeof wb.handlers[c]).toBe('function');
    expect(isChannel('runs:list')).toBe(true);
    expect(isChannel('runs:drop-table')).toBe(false);
    expect(isEventName('run:progress')).toBe(true);
    expect(isEventName('shell:exec')).toBe(false);
    store.close();
  });
});

describe('a round trip over the in-memory transport (JSON on the way, as on the wire)', () => {
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

  it('starts a run, streams its progress in order, finishes it, and reads it back on every channel', async () => {
    const bridge = createInMemoryBridge(wb);
    const progress: number[] = [];
    const finished = new Promise<{ status: string }>((resolve) => bridge.on('run:finished', resolve));
    bridge.on('run:progress', (p) => progress.push(p.done));
    const { runId } = await bridge.invoke('runs:start', { preset: 'xu-fixed-n', overrides: ['replicates=10', 'generations=30'] });
    expect((await finished).status).toBe('completed');
    expect(progress.length).toBeGreaterThan(0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress); // in order
    expect(progress[progress.length - 1]).toBe(31);

    const list = await bridge.invoke('runs:list', undefined);
    expect(list.map((r) => r.id)).toContain(runId);
    const detail = await bridge.invoke('runs:get', { id: runId });
    expect(detail.generations).toHaveLength(31);
    expect(detail.config.replicates).toBe(10);
    const csv = await bridge.invoke('runs:export', { id: runId, format: 'csv' });
    expect(csv.filename).toMatch(/\.csv$/);
    expect(csv.content.trimEnd().split('\n')).toHaveLength(32);
    const series = await bridge.invoke('compare:series', { runIds: [runId] });
    expect(series[0].generations[30].theory.errorMeanSq).toBeCloseTo((31 * 2) / 100, 12);
    expect((await bridge.invoke('presets:list', undefined)).map((p) => p.name)).toContain('oracle-ball');
    const fields = await bridge.invoke('config:fields', undefined);
    expect(fields.find((f) => f.path === 'replicates')).toMatchObject({ kind: 'integer', label: 'Replicates R', default: 200, min: 1 });
    // What the forms read: applies-when rules and the labellable families cross the bridge too.
    expect(fields.find((f) => f.path === 'filter.keepFraction')?.appliesWhen).toEqual([{ path: 'filter.kind', is: ['oracle'] }]);
    const labelable = fields.find((f) => f.path === 'model.family')?.labelable;
    expect(labelable).toEqual(FAMILIES.filter((f) => FAMILY_SPECS[f].labelable));
    expect(labelable).toContain('gaussian');
    expect(labelable).not.toContain('linear-regression');
    expect(await bridge.invoke('config:validate', { preset: 'xu-fixed-n', overrides: ['replicates=-5'] })).toEqual({
      ok: false,
      path: 'replicates',
      message: 'expected a positive integer up to 1000000, got -5',
    });
    expect((await bridge.invoke('runs:delete', { id: runId })).deleted).toBe(true);
    bridge.dispose();
  });

  it('labels and filters: create a set, read a generation, save labels, train, list, read history', async () => {
    const bridge = createInMemoryBridge(wb);
    const set = await bridge.invoke('labels:create', { request: { overrides: ['filter.labels.generations=3', 'filter.labels.candidates=50'] }, kind: 'human', name: 'by hand', labeler: 'Ada' });
    expect(set.counts).toEqual({ groups: 3, candidates: 150, labelled: 0, good: 0 });
    const group = await bridge.invoke('labels:candidates', { labelSetId: set.id, generation: 1 });
    expect(group.generations).toEqual([1, 2, 3]);
    expect(group.candidates).toHaveLength(100);
    expect(group.labels.every((l) => l === -1)).toBe(true);
    const entries = group.labels.map((_, idx) => ({ generation: 1, idx, label: (idx % 3 === 0 ? 0 : 1) as 0 | 1 }));
    expect(await bridge.invoke('labels:save', { labelSetId: set.id, labeler: 'Ada', entries })).toEqual({ saved: 50 });
    const epochs: number[] = [];
    const done = new Promise<{ status: string }>((resolve) => bridge.on('training:finished', resolve));
    bridge.on('training:epoch', (e) => epochs.push(e.epoch.epoch));
    const { filterId } = await bridge.invoke('filters:train', { labelSetId: set.id, overrides: ['filter.training.epochs=3', 'filter.training.hidden=8'] });
    expect((await done).status).toBe('ready');
    expect(epochs).toEqual([1, 2, 3]);
    expect((await bridge.invoke('filters:history', { filterId })).map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect((await bridge.invoke('filters:list', undefined))[0].id).toBe(filterId);
    const system = await bridge.invoke('system:backend', undefined);
    expect(system.backend).toBe('cpu');
    expect(system.chain.map((c) => c.name)).toEqual(['tfjs-node-gpu', 'tfjs-node', 'fused', 'webgpu', 'wasm', 'cpu']);
    bridge.dispose();
  });

  it('errors cross as {name, code, message}', async () => {
    const bridge = createInMemoryBridge(wb);
    const error = await bridge.invoke('runs:get', { id: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).code).toBe('RUN_NOT_FOUND');
    const bad = await bridge.invoke('runs:start', { preset: 'xu-fixed-n', overrides: ['model.dimm=3'] }).catch((e: unknown) => e);
    expect((bad as RemoteError).code).toBe('INVALID_CONFIG');
    expect((bad as RemoteError).message).toBe('model.dimm: unknown config field (did you mean model.dim?)');
    expect(store.listRuns()).toHaveLength(0); // nothing written on rejection
  });

  it('unsubscribing leaves no listener behind', () => {
    const before = wb.events.listenerCount();
    const bridge = createInMemoryBridge(wb);
    const off = bridge.on('run:progress', () => undefined);
    bridge.on('store:changed', () => undefined);
    off();
    bridge.dispose();
    expect(wb.events.listenerCount()).toBe(before);
  });
});

/** Whether a TCP connection to address:port is accepted or refused (anything else fails the test). */
function tcpConnect(address: string, port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // EADDRNOTAVAIL: a machine without IPv6 loopback cannot reach ::1 at all.
      if (error.code === 'ECONNREFUSED' || error.code === 'EADDRNOTAVAIL') resolve('refused');
      else reject(error);
    });
    socket.once('timeout', () => reject(new Error(`no answer from ${address}:${port}`)));
  });
}

describe('the WebSocket transport of the browser mode', () => {
  let store: RunStore;
  let wb: Workbench;
  let server: RunningServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-ws-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    store = openStore(':memory:');
    wb = makeWorkbench(store);
    server = await startServer({ workbench: wb, staticDir: dir, port: 0, token: 'the-token' });
  });
  afterAll(async () => {
    await server.close();
    await wb.shutdown();
    store.close();
  });

  function connect(path: string, headers: Record<string, string>): Promise<{ status?: number; ws?: WebSocket }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
      ws.on('open', () => resolve({ ws }));
      ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    });
  }
  const own = (): Record<string, string> => ({ Origin: `http://127.0.0.1:${server.port}` });

  it('answers a request with the right token and Origin', async () => {
    const { ws } = await connect('/ws?token=the-token', own());
    const reply = await new Promise<ServerFrame>((resolve) => {
      ws!.on('message', (d) => resolve(JSON.parse(String(d)) as ServerFrame));
      ws!.send(JSON.stringify({ id: 7, channel: 'presets:list', args: null }));
    });
    expect(reply).toMatchObject({ id: 7, ok: true });
    ws!.close();
  });

  it('refuses a wrong or missing token, a foreign Origin and a DNS-rebinding Host (403)', async () => {
    expect((await connect('/ws?token=wrong', own())).status).toBe(403);
    expect((await connect('/ws', own())).status).toBe(403);
    expect((await connect('/ws?token=the-token', { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await connect('/ws?token=the-token', {})).status).toBe(403);
    expect((await connect('/ws?token=the-token', { Origin: `http://attacker.example:${server.port}`, Host: `attacker.example:${server.port}` })).status).toBe(403);
  });

  it('checks Host and Origin each on its own (issue 8, item 6)', async () => {
    // DNS rebinding with a forged-looking Origin: the Host check alone must refuse it.
    expect((await connect('/ws?token=the-token', { ...own(), Host: `attacker.example:${server.port}` })).status).toBe(403);
    // Another web page on this machine (another port), a file:// or sandboxed page ("null"),
    // and our own address over https are all other origins.
    for (const origin of [`http://127.0.0.1:${server.port + 1}`, `http://localhost:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port}.evil.example`]) {
      expect((await connect('/ws?token=the-token', { Origin: origin })).status, origin).toBe(403);
    }
    // Every loopback name of ours is accepted, so the refusals above are not a blanket 403.
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`]) {
      const { ws, status } = await connect('/ws?token=the-token', { Host: host, Origin: `http://${host}` });
      expect(status, host).toBeUndefined();
      ws!.close();
    }
  });

  it("binds to loopback only: the machine's other addresses refuse the connection (issue 8, item 6)", async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    // ::1 is loopback too, but the server listens on 127.0.0.1 alone; a wildcard bind ('::' or
    // 0.0.0.0) would accept on it and on every address below.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80'))
      .map((a) => a!.address);
    for (const address of ['::1', ...others]) {
      expect(await tcpConnect(address, server.port), address).toBe('refused');
    }
  });

  it('answers an unknown channel with an error instead of dispatching it', async () => {
    const { ws } = await connect('/ws?token=the-token', own());
    const reply = await new Promise<ServerFrame>((resolve) => {
      ws!.on('message', (d) => resolve(JSON.parse(String(d)) as ServerFrame));
      ws!.send(JSON.stringify({ id: 1, channel: 'constructor', args: null }));
    });
    expect(reply).toMatchObject({ id: 1, ok: false, error: { code: 'BAD_REQUEST' } });
    ws!.close();
  });

  it('serves pages only to loopback Host names and never outside the UI folder', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`http://127.0.0.1:${server.port}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    const rebound = await new Promise<number>((resolve) => {
      void import('node:http').then(({ get }) =>
        get({ host: '127.0.0.1', port: server.port, path: '/', headers: { Host: `attacker.example:${server.port}` } }, (res) => resolve(res.statusCode ?? 0)),
      );
    });
    expect(rebound).toBe(421);
  });
});

describe('event delivery', () => {
  it('a listener that throws is reported and does not stop the others or the run', async () => {
    const store = openStore(':memory:');
    const wb = makeWorkbench(store);
    const failures: string[] = [];
    wb.events.onListenerError = (event) => failures.push(event);
    wb.events.on('run:progress', () => {
      throw new Error('a broken window');
    });
    const finished = new Promise<{ status: string }>((resolve) => wb.events.on('run:finished', resolve));
    await wb.handlers['runs:start']({ preset: 'xu-fixed-n', overrides: ['replicates=4', 'generations=5'] });
    expect((await finished).status).toBe('completed');
    expect(failures.length).toBeGreaterThan(0);
    await wb.shutdown();
    store.close();
  });
});

describe('label view, machine suggestion and filter heat map', () => {
  it('projects candidates into a plane fixed per label set, suggests machine labels, maps a filter', async () => {
    const store = openStore(':memory:');
    const wb = makeWorkbench(store);
    const bridge = createInMemoryBridge(wb);
    // d = 3: the plane is PC1/PC2 of the whole pool, with their explained variance.
    const set = await bridge.invoke('labels:create', { request: { overrides: ['model.dim=3', 'filter.labels.generations=3', 'filter.labels.candidates=60'] }, kind: 'machine', name: 'm' });
    const g1 = await bridge.invoke('labels:candidates', { labelSetId: set.id, generation: 1 });
    const g2 = await bridge.invoke('labels:candidates', { labelSetId: set.id, generation: 2 });
    expect(g1.view.axisNames).toEqual(['PC1', 'PC2']);
    expect(g1.view.explained![0]).toBeGreaterThanOrEqual(g1.view.explained![1]);
    expect(g1.view.explained![0] + g1.view.explained![1]).toBeLessThanOrEqual(1 + 1e-12);
    expect(g1.view.x).toHaveLength(60);
    expect(g1.view.range).toEqual(g2.view.range); // one plane for the whole set
    // The machine rule's suggestion is exactly the stored machine labels of the same group.
    const suggestion = await bridge.invoke('labels:suggest', { labelSetId: set.id, generation: 1 });
    expect(suggestion.labels).toEqual(g1.labels);
    const { filterId } = await bridge.invoke('filters:train', { labelSetId: set.id, overrides: ['filter.training.epochs=2', 'filter.training.hidden=4'] });
    await new Promise((resolve) => bridge.on('training:finished', resolve));
    const map = await bridge.invoke('filters:heatmap', { filterId, labelSetId: set.id, size: 10 });
    expect(map.weights).toHaveLength(100);
    expect(map.weights.every((w) => w > 0 && w < 1)).toBe(true);
    expect(map.points.labels.length).toBeGreaterThan(0);
    bridge.dispose();
    await wb.shutdown();
    store.close();
  });
});

describe('hostile WebSocket frames', () => {
  it('null, arrays, numbers and garbage are answered or ignored; the server keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-ws-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
    const store = openStore(':memory:');
    const wb = makeWorkbench(store);
    // A relative folder name works too (it is resolved once against the working directory).
    const server = await startServer({ workbench: wb, staticDir: relative(process.cwd(), dir), port: 0, token: '' });
    expect(server.token.length).toBeGreaterThanOrEqual(16); // an empty token is replaced, never accepted
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
    await new Promise((resolve) => ws.on('open', resolve));
    const replies: ServerFrame[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(String(d)) as ServerFrame));
    for (const frame of ['null', '[]', '42', '"text"', '{"id":1}', 'not json', '{"id":2,"channel":"__proto__"}']) ws.send(frame);
    ws.send(JSON.stringify({ id: 3, channel: 'presets:list', args: null }));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (replies.some((r) => 'id' in r && r.id === 3)) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(replies.find((r) => 'id' in r && r.id === 3)).toMatchObject({ ok: true });
    expect(replies.filter((r) => 'ok' in r && !r.ok).length).toBeGreaterThanOrEqual(5);
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(200);
    ws.close();
    await server.close();
    await wb.shutdown();
    store.close();
  });
});
