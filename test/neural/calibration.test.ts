/**
 * The backend per workload (issue 17, item 2): each workload's own chain, the calibration that
 * times a few training steps on every step that loads, its file, and how a stored calibration
 * reorders the chain and shows in the stored backend label. Dawn is kept out (an importer that
 * fails `webgpu`) so that these run the same with or without an adapter.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BackendChoiceError,
  backendLabel,
  calibrate,
  calibrationFile,
  describeAdapter,
  loadTf,
  orderByFigures,
  saveCalibration,
  storedCalibration,
  WORKLOADS,
  type Calibration,
  type Importer,
} from '../../main/engine-host';
import { machineKey } from '../../main/engine-host/calibration';

const NOT_INSTALLED = (pkg: string): Error => new Error(`Cannot find package '${pkg}' imported from x`);
/** The real packages, except the native tfjs ones and Dawn, which "are not installed". */
const noNativeNoGpu: Importer = async (specifier) => {
  if (specifier === '@tensorflow/tfjs-node-gpu' || specifier === '@tensorflow/tfjs-node' || specifier === 'webgpu') throw NOT_INSTALLED(specifier);
  return import(specifier);
};

const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-calibration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function calibrationOf(figures: Calibration['figures'], machine = machineKey()): Calibration {
  return { workload: 'filternet-points', at: '2026-12-01T10:00:00.000Z', machine, figures, order: orderByFigures(WORKLOADS['filternet-points'].prior, figures) };
}

describe('workloads', () => {
  it('FilterNet keeps the fused kernels ahead of the GPU; the CVAE hook puts the GPU second and has no fused step', () => {
    expect(WORKLOADS['filternet-points'].prior).toEqual(['tfjs-node-gpu', 'tfjs-node', 'fused', 'webgpu', 'wasm', 'cpu']);
    expect(WORKLOADS.cvae.prior).toEqual(['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'wasm', 'cpu']);
    expect(WORKLOADS.cvae.probe).toBeUndefined();
  });

  it('refuses a step the workload cannot train on', async () => {
    await expect(loadTf({ workload: 'cvae', prefer: 'fused', importer: noNativeNoGpu })).rejects.toThrow(BackendChoiceError);
  });
});

describe('orderByFigures', () => {
  it('puts measured steps fastest first and keeps the prior order among the unmeasured', () => {
    const order = orderByFigures(WORKLOADS['filternet-points'].prior, [
      { backend: 'tfjs-node-gpu', ok: false, reason: 'not installed' },
      { backend: 'fused', ok: true, reason: '', msPerStep: 3 },
      { backend: 'wasm', ok: true, reason: '', msPerStep: 2 },
      { backend: 'cpu', ok: true, reason: '', msPerStep: 20 },
    ]);
    expect(order).toEqual(['wasm', 'fused', 'cpu', 'tfjs-node-gpu', 'tfjs-node', 'webgpu']);
  });
});

describe('the calibration file', () => {
  it('is $COLLAPSE_LAB_CALIBRATION, none for `off`, else under $XDG_CACHE_HOME', () => {
    expect(calibrationFile({ COLLAPSE_LAB_CALIBRATION: '/x/c.json' })).toBe('/x/c.json');
    expect(calibrationFile({ COLLAPSE_LAB_CALIBRATION: 'off' })).toBeUndefined();
    expect(calibrationFile({ XDG_CACHE_HOME: '/cache' })).toBe('/cache/collapse-lab/backend-calibration.json');
  });

  it('round-trips a calibration, and ignores one from another machine or a damaged file', () => {
    const env = { COLLAPSE_LAB_CALIBRATION: join(dir, 'sub', 'cal.json') };
    const mine = calibrationOf([{ backend: 'fused', ok: true, reason: '', msPerStep: 1.5, runs: [1.5] }]);
    expect(saveCalibration(mine, env)).toBe(env.COLLAPSE_LAB_CALIBRATION);
    expect(storedCalibration('filternet-points', env)).toEqual(mine);
    expect(storedCalibration('cvae', env)).toBeUndefined();
    saveCalibration(calibrationOf(mine.figures, 'elsewhere linux-x64 node v0'), env);
    expect(storedCalibration('filternet-points', env)).toBeUndefined();
    writeFileSync(env.COLLAPSE_LAB_CALIBRATION, '{not json');
    expect(storedCalibration('filternet-points', env)).toBeUndefined();
    // Saving over a damaged file starts it afresh.
    saveCalibration(mine, env);
    expect(JSON.parse(readFileSync(env.COLLAPSE_LAB_CALIBRATION, 'utf8'))).toEqual({ 'filternet-points': mine });
  });
});

describe('loadTf ordered by a calibration', () => {
  const wasmFaster = calibrationOf([
    { backend: 'fused', ok: true, reason: '', msPerStep: 4 },
    { backend: 'wasm', ok: true, reason: '', msPerStep: 2.5 },
    { backend: 'cpu', ok: true, reason: '', msPerStep: 30 },
  ]);

  it('tries the measured fastest first and says so in the label a run stores', async () => {
    const { report } = await loadTf({ calibration: wasmFaster, importer: noNativeNoGpu });
    expect(report.backend).toBe('wasm');
    expect(report.orderedBy).toBe('calibration');
    expect(report.chain).toEqual([{ name: 'wasm', ok: true, reason: 'WebAssembly with XNNPACK on the CPU' }]);
    expect(backendLabel(report)).toBe('wasm (CPU (WebAssembly); calibrated for filternet-points 2026-12-01: fused 4.00 ms a step, wasm 2.50 ms a step, cpu 30.00 ms a step)');
  });

  it('a named step is not reordered, and without a calibration the label is the one runs stored before', async () => {
    const { report } = await loadTf({ prefer: 'fused', importer: noNativeNoGpu });
    expect(report.orderedBy).toBe('prior');
    expect(backendLabel(report)).toBe('fused (CPU (fused JS kernels, float64))');
  });
});

describe('calibrate', () => {
  it('times the FilterNet probe on every step that loads and gives the reason for the others', async () => {
    const seen: string[] = [];
    const c = await calibrate('filternet-points', { repeat: 1, importer: noNativeNoGpu, onFigure: (f) => seen.push(f.backend) });
    expect(seen).toEqual(WORKLOADS['filternet-points'].prior);
    const byName = new Map(c.figures.map((f) => [f.backend, f]));
    for (const name of ['fused', 'wasm', 'cpu'] as const) {
      const f = byName.get(name)!;
      expect(f.ok).toBe(true);
      expect(f.msPerStep).toBeGreaterThan(0);
      expect(f.runs).toHaveLength(1);
    }
    for (const name of ['tfjs-node-gpu', 'tfjs-node'] as const) expect(byName.get(name)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not installed/) });
    expect(byName.get('webgpu')).toMatchObject({ ok: false, reason: expect.stringMatching(/webgpu package\) did not load/) });
    // The three measured steps come first, in the order of their figures.
    const measured = c.order.slice(0, 3);
    expect([...measured].sort((a, b) => byName.get(a)!.msPerStep! - byName.get(b)!.msPerStep!)).toEqual(measured);
    expect(c.machine).toBe(machineKey());
  }, 60_000);

  it('a workload without a probe yet (the CVAE) gets no figures and keeps its prior order', async () => {
    const c = await calibrate('cvae', { importer: noNativeNoGpu });
    expect(c.figures.every((f) => !f.ok && f.reason === 'cvae has no calibration probe yet')).toBe(true);
    expect(c.order).toEqual(WORKLOADS.cvae.prior);
  });
});

describe('describeAdapter', () => {
  const route = { dawnBackend: 'vulkan', featureLevel: 'core' } as const;
  it('calls llvmpipe, lavapipe, SwiftShader and marked fallbacks software, and a named GPU not', () => {
    expect(describeAdapter(route, { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H200', description: 'NVIDIA: 570.1' }).software).toBe(false);
    expect(describeAdapter(route, { device: 'llvmpipe (LLVM 15.0.6, 256 bits)' }).software).toBe(true);
    expect(describeAdapter(route, { device: 'x', description: 'Mesa lavapipe' }).software).toBe(true);
    expect(describeAdapter(route, { device: 'SwiftShader Device' }).software).toBe(true);
    expect(describeAdapter(route, { device: 'x', isFallbackAdapter: true }).software).toBe(true);
  });
});
