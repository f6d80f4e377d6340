/**
 * The webgpu step of the backend chain (issue 17) on the adapter this machine has: in CI and on
 * the build machines that is Mesa's software OpenGL (llvmpipe), which tests the whole path
 * (Dawn, tfjs-backend-webgpu, every kernel of FilterNet's loss and of Adam) but measures nothing.
 * Where no adapter loads at all (no Mesa, no Vulkan), every test here skips with the reason.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTf, type BackendName } from '../../main/engine-host';
import { REPO_ROOT } from '../cli/cli-driver';
import { FIXTURE_CONFIG, webgpuTrainingFixture } from './webgpu-fixture';

const probe = await loadTf({ prefer: 'webgpu', calibration: null });
const gpuReason = probe.report.backend === 'webgpu' ? undefined : `no WebGPU adapter loads here: ${probe.report.chain.find((a) => a.name === 'webgpu')?.reason}`;

/**
 * The float32 tolerance. Every backend but `fused` computes in float32, unit roundoff
 * u = 2^-24 = 6.0e-8. A loss at equal weights is a chain of sums: the input layer (at most 8
 * features), the hidden layer (16 units) and the sums over a batch's candidates (2 groups x 100),
 * each summed in an order of the backend's choosing; a sum of k terms carries a relative error
 * of at most k u, so the loss at most (8 + 16 + 200) u = 1.3e-5. The contraction loss is a ratio
 * of two such sums (x 2), and either side may err (x 2): rtol = 4 (8 + 16 + 200) u = 5.4e-5.
 * The weights: Adam moves each by at most lr = 1e-3 a step, scaled by m / sqrt(v), whose relative
 * error is that of the gradient (the same bound, 2.7e-5 for the ratio); over s = 6 steps, plus a
 * rounding of each stored weight (|w| < 1) per step: atol = s (lr 2.7e-5 + u) = 5.2e-7.
 * The fused float64 kernels err far less than float32, so the same bounds hold against them.
 */
const U = 2 ** -24;
const SUM_TERMS = 8 + 16 + 2 * 100;
const LOSS_RTOL = 4 * SUM_TERMS * U;
const STEPS = 3 * 2;
const WEIGHT_ATOL = STEPS * (1e-3 * 2 * SUM_TERMS * U + U);

describe('the webgpu step on this machine', () => {
  it('reports the adapter, and says when it is a software one', (ctx) => {
    if (gpuReason) ctx.skip(gpuReason);
    const { report } = probe;
    expect(report.tfBackend).toBe('webgpu');
    expect(report.adapter).toBeDefined();
    const adapter = report.adapter!;
    expect(report.chain.at(-1)).toEqual({ name: 'webgpu', ok: true, reason: expect.stringMatching(/^WebGPU on /) });
    // Mesa's llvmpipe is a CPU rasteriser: reported as software, and named in the device.
    if (/llvmpipe/.test(adapter.device)) {
      expect(adapter).toMatchObject({ dawnBackend: 'opengl', software: true, featureLevel: 'compatibility' });
      expect(report.device).toBe(`software GPU (${adapter.device})`);
    }
  });

  it('refuses a software adapter when not asked for by name (the CVAE chain, where the GPU comes second)', async (ctx) => {
    if (gpuReason) ctx.skip(gpuReason);
    if (!probe.report.adapter?.software) ctx.skip('the adapter here is a real GPU: nothing to refuse');
    const { report } = await loadTf({ workload: 'cvae', calibration: null });
    const step = report.chain.find((a) => a.name === 'webgpu');
    expect(step).toMatchObject({ ok: false, reason: expect.stringMatching(/^only a software adapter, .*used only when COLLAPSE_LAB_TF_BACKEND=webgpu asks$/) });
    expect(report.backend).not.toBe('webgpu');
    expect(report.adapter?.software).toBe(true);
  });

  it('trains FilterNet to the numbers of cpu, wasm and the fused kernels, within the float32 tolerance, leaking no tensor', async (ctx) => {
    if (gpuReason) ctx.skip(gpuReason);
    const runs = new Map<BackendName, Awaited<ReturnType<typeof webgpuTrainingFixture>>>();
    for (const backend of ['webgpu', 'cpu', 'wasm', 'fused'] as const) runs.set(backend, await webgpuTrainingFixture(backend));
    const gpu = runs.get('webgpu')!;
    expect(gpu.report.backend).toBe('webgpu');
    expect(gpu.tensorsLeft).toBe(0);
    expect(gpu.result.history).toHaveLength(FIXTURE_CONFIG.filter.training!.epochs!);
    for (const backend of ['cpu', 'wasm', 'fused'] as const) {
      const other = runs.get(backend)!;
      expect(other.report.backend).toBe(backend);
      gpu.result.history.forEach((epoch, i) => {
        const ref = other.result.history[i];
        for (const key of ['clsLoss', 'contrLoss', 'essLoss'] as const) {
          expect(Math.abs(epoch[key] - ref[key]), `${backend} epoch ${epoch.epoch} ${key}`).toBeLessThanOrEqual(LOSS_RTOL * Math.abs(ref[key]));
        }
        // Accuracy at 0.5 over the held-out group's 100 candidates: a logit within rounding of 0
        // could flip one, 1/100; none did when this was written, but that is the honest bound.
        expect(Math.abs(epoch.accuracy - ref.accuracy)).toBeLessThanOrEqual(1 / 100 + 1e-6);
      });
      const w = gpu.result.model.weights;
      const r = other.result.model.weights;
      const diffs = [...w.w1.map((x, i) => x - r.w1[i]), ...w.b1.map((x, i) => x - r.b1[i]), ...w.w2.map((x, i) => x - r.w2[i]), w.b2 - r.b2];
      expect(Math.max(...diffs.map(Math.abs)), `weights against ${backend}`).toBeLessThanOrEqual(WEIGHT_ATOL);
      expect(gpu.result.bestEpoch).toBe(other.result.bestEpoch);
    }
  });

  /** The child trains on webgpu and ends its script; it must then exit by itself. */
  const child = (mode: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/neural/webgpu-child.ts'), ...mode], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 45_000 });

  it('a process that trained on webgpu exits by itself, with status 0, released or not', (ctx) => {
    if (gpuReason) ctx.skip(gpuReason);
    for (const mode of [[], ['release']]) {
      const r = child(mode);
      // spawnSync's timeout kills the child with SIGTERM: a hang shows as that signal.
      expect(r.signal, `${mode} stderr: ${String(r.stderr).slice(-500)}`).toBeNull();
      expect(r.status).toBe(0);
      const out = JSON.parse(String(r.stdout).trim().split('\n').at(-1)!) as { backend: string; epochs: number; tensorsLeft: number; gpuLeft: boolean };
      expect(out).toEqual({ backend: 'webgpu', epochs: 3, tensorsLeft: 0, gpuLeft: mode.length === 0 });
    }
  }, 100_000);
});
