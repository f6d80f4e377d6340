/**
 * The tfjs backend chain of main/engine-host (docs/architecture.md "Backends are chosen, reported and
 * stored"): tfjs-node-gpu -> tfjs-node -> fused JS kernels -> wasm -> cpu, with the reason each
 * faster one was skipped.
 * Failures of the native packages are simulated with an injected importer; the real tfjs and its
 * wasm and cpu backends load for real. A GPU package that loads but finds no GPU is simulated with
 * a stand-in tfjs namespace (the importer hands it out for '@tensorflow/tfjs'), since the real
 * tensorflow backend cannot be registered without the native package.
 */
import { describe, expect, it } from 'vitest';
import { FUSED_KERNELS } from '../../engine';
import { BackendChoiceError, backendLabel, explainLoadFailure, loadTf, loadTfjs, preferredBackend, type BackendName, type Importer } from '../../main/engine-host';

const realImport: Importer = (specifier) => import(specifier);

/** An importer that fails for the given packages with the given errors and records every call. */
function failing(errors: Record<string, Error>): { importer: Importer; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    importer: async (specifier) => {
      calls.push(specifier);
      if (errors[specifier]) throw errors[specifier];
      return realImport(specifier);
    },
  };
}

const NOT_FOUND_GPU = new Error("Cannot find package '@tensorflow/tfjs-node-gpu' imported from /work/main/main/engine-host/tf-backend.ts");
const CUDART = new Error(
  'libcudart.so.11.0: cannot open shared object file: No such file or directory\n    at Module._extensions..node (node:internal/modules/cjs/loader:1460:18)',
);
const NOT_FOUND_NODE = new Error("Cannot find package '@tensorflow/tfjs-node' imported from /work/main/main/engine-host/tf-backend.ts");

describe('loadTf', () => {
  it('records tfjs-node-gpu (CUDA libraries missing) and tfjs-node (not installed) as skipped and picks the fused kernels', async () => {
    const { importer, calls } = failing({ '@tensorflow/tfjs-node-gpu': CUDART, '@tensorflow/tfjs-node': NOT_FOUND_NODE });
    const { trainer, report } = await loadTf({ importer });
    expect(report.backend).toBe('fused');
    expect(trainer).toBe(FUSED_KERNELS);
    expect(report.tfBackend).toBe('none');
    expect(report.device).toBe('CPU (fused JS kernels, float64)');
    expect(report.chain).toEqual([
      {
        name: 'tfjs-node-gpu',
        ok: false,
        reason: 'installed but the CUDA 11.2 / cuDNN 8.1 libraries it needs did not load: libcudart.so.11.0: cannot open shared object file: No such file or directory',
      },
      { name: 'tfjs-node', ok: false, reason: 'not installed (@tensorflow/tfjs-node is an optional dependency whose install downloads libtensorflow; it did not install here)' },
      { name: 'fused', ok: true, reason: 'hand-fused float64 loops on the CPU, no tfjs ops' },
    ]);
    // The fused step needs no tfjs: neither tfjs nor the wasm package is imported.
    expect(calls).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(backendLabel(report)).toBe('fused (CPU (fused JS kernels, float64))');
  });

  it("prefer: 'wasm' records the faster ones as skipped and runs tfjs on WebAssembly", async () => {
    const { importer, calls } = failing({});
    const { tf, trainer, report } = await loadTf({ prefer: 'wasm', importer });
    if (!tf) throw new Error('expected tfjs itself on the wasm step');
    expect(report.backend).toBe('wasm');
    expect(trainer).toBe(tf);
    expect(report.tfBackend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.device).toBe('CPU (WebAssembly)');
    expect(report.chain).toEqual([
      { name: 'tfjs-node-gpu', ok: false, reason: 'skipped: wasm was asked for' },
      { name: 'tfjs-node', ok: false, reason: 'skipped: wasm was asked for' },
      { name: 'fused', ok: false, reason: 'skipped: wasm was asked for' },
      { name: 'webgpu', ok: false, reason: 'skipped: wasm was asked for' },
      { name: 'wasm', ok: true, reason: 'WebAssembly with XNNPACK on the CPU' },
    ]);
    expect(calls).toEqual(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']);
    expect(backendLabel(report)).toBe('wasm (CPU (WebAssembly))');
    // The backend really computes.
    expect(Array.from(tf.tidy(() => tf.add(tf.tensor1d([1, 2]), 1).dataSync()))).toEqual([2, 3]);
  });

  it('both native packages missing: both skipped as not installed', async () => {
    const { importer } = failing({ '@tensorflow/tfjs-node-gpu': NOT_FOUND_GPU, '@tensorflow/tfjs-node': NOT_FOUND_NODE });
    const { report } = await loadTf({ importer });
    expect(report.chain.map((a) => [a.name, a.ok])).toEqual([
      ['tfjs-node-gpu', false],
      ['tfjs-node', false],
      ['fused', true],
    ]);
    expect(report.chain[0].reason).toMatch(/^not installed \(@tensorflow\/tfjs-node-gpu is an optional dependency/);
    expect(report.chain[1].reason).toMatch(/^not installed \(@tensorflow\/tfjs-node is an optional dependency/);
  });

  it("prefer: 'cpu' picks the pure-JS backend and records the faster ones as skipped because cpu was asked for", async () => {
    const { importer, calls } = failing({});
    const { tf, report } = await loadTfjs({ prefer: 'cpu', importer });
    expect(report).toEqual({
      backend: 'cpu',
      tfBackend: 'cpu',
      device: 'CPU (JavaScript)',
      workload: 'filternet-points',
      orderedBy: 'prior',
      chain: [
        { name: 'tfjs-node-gpu', ok: false, reason: 'skipped: cpu was asked for' },
        { name: 'tfjs-node', ok: false, reason: 'skipped: cpu was asked for' },
        { name: 'fused', ok: false, reason: 'skipped: cpu was asked for' },
        { name: 'webgpu', ok: false, reason: 'skipped: cpu was asked for' },
        { name: 'wasm', ok: false, reason: 'skipped: cpu was asked for' },
        { name: 'cpu', ok: true, reason: 'pure JavaScript, the slowest' },
      ],
    });
    expect(tf.getBackend()).toBe('cpu');
    // Skipped steps are not even tried.
    expect(calls).toEqual(['@tensorflow/tfjs']);
  });

  it('refuses an unknown preferred backend instead of silently dropping to the slowest one', async () => {
    // e.g. COLLAPSE_LAB_TF_BACKEND=metal: before the fix this skipped three steps "because
    // metal was asked for" and ran on the pure-JS backend.
    const { importer } = failing({});
    await expect(loadTf({ prefer: 'metal' as BackendName, importer })).rejects.toThrow(
      'tfjs backend: expected one of tfjs-node-gpu, webgpu, tfjs-node, fused, wasm, cpu, got "metal"',
    );
  });

  it('falls through to cpu when wasm is asked for and its package does not load', async () => {
    const { importer } = failing({
      '@tensorflow/tfjs-backend-wasm': new Error("Cannot find package '@tensorflow/tfjs-backend-wasm' imported from x"),
    });
    const { report } = await loadTf({ prefer: 'wasm', importer });
    expect(report.backend).toBe('cpu');
    expect(report.chain[4]).toEqual({ name: 'wasm', ok: false, reason: expect.stringMatching(/^not installed \(@tensorflow\/tfjs-backend-wasm/) });
  });

  describe('with a stand-in tfjs whose tensorflow backend starts (the native packages "load")', () => {
    /** Just the calls loadTf makes on the namespace; `gpu` is what the backend reports. */
    function fakeTf(gpu: boolean | undefined, starts: Record<string, boolean> = {}): { importer: Importer; calls: string[] } {
      let current = 'none';
      const tf = {
        setBackend: async (name: string) => {
          const ok = starts[name] ?? true;
          if (ok) current = name;
          return ok;
        },
        ready: async () => undefined,
        getBackend: () => current,
        backend: () => (gpu === undefined ? {} : { isUsingGpuDevice: gpu }),
      };
      const calls: string[] = [];
      return {
        calls,
        importer: async (specifier) => {
          calls.push(specifier);
          return specifier === '@tensorflow/tfjs' ? tf : {};
        },
      };
    }

    it('tfjs-node-gpu that loads but reports no GPU device is skipped with the no-GPU reason; tfjs-node is used', async () => {
      const { report } = await loadTf({ importer: fakeTf(false).importer });
      expect(report.backend).toBe('tfjs-node');
      expect(report.device).toBe('CPU (native TensorFlow)');
      expect(report.tfBackend).toBe('tensorflow');
      expect(report.chain).toEqual([
        { name: 'tfjs-node-gpu', ok: false, reason: 'loaded, but TensorFlow found no usable CUDA GPU (CUDA 11.2 and cuDNN 8.1 are required)' },
        { name: 'tfjs-node', ok: true, reason: 'native TensorFlow on the CPU' },
      ]);
    });

    it('a backend that does not say it uses a GPU counts as no GPU', async () => {
      const { report } = await loadTf({ importer: fakeTf(undefined).importer });
      expect(report.chain[0]).toMatchObject({ name: 'tfjs-node-gpu', ok: false, reason: expect.stringMatching(/no usable CUDA GPU/) });
    });

    it('tfjs-node-gpu on a CUDA device is used', async () => {
      const { report, tf } = await loadTfjs({ importer: fakeTf(true).importer });
      expect(report).toEqual({
        backend: 'tfjs-node-gpu',
        tfBackend: 'tensorflow',
        device: 'CUDA GPU',
        workload: 'filternet-points',
        orderedBy: 'prior',
        chain: [{ name: 'tfjs-node-gpu', ok: true, reason: 'CUDA GPU in use' }],
      });
      expect(tf.getBackend()).toBe('tensorflow');
    });

    it('a package that loads but whose backend does not start is skipped with that reason', async () => {
      const { report } = await loadTf({ importer: fakeTf(true, { tensorflow: false }).importer });
      expect(report.chain.slice(0, 2)).toEqual([
        { name: 'tfjs-node-gpu', ok: false, reason: 'loaded, but the tensorflow backend did not start' },
        { name: 'tfjs-node', ok: false, reason: 'loaded, but the tensorflow backend did not start' },
      ]);
      expect(report.backend).toBe('fused');
    });

    it('throws when no tfjs backend at all starts (wasm asked for, so the fused step is skipped)', async () => {
      const starts = { tensorflow: false, wasm: false, cpu: false };
      await expect(loadTf({ prefer: 'wasm', importer: fakeTf(false, starts).importer })).rejects.toThrow('no tfjs backend loaded, not even the pure-JS one');
    });
  });
});

describe('explainLoadFailure', () => {
  it('says "not installed" only when the missing package is the one asked for', () => {
    expect(explainLoadFailure('@tensorflow/tfjs-node', NOT_FOUND_NODE)).toMatch(/^not installed \(/);
    expect(explainLoadFailure('@tensorflow/tfjs-node', new Error("Cannot find module '@tensorflow/tfjs-node' from x"))).toMatch(/^not installed \(/);
    // A dependency of the package missing is a broken install, not a missing package.
    expect(explainLoadFailure('@tensorflow/tfjs-node', new Error("Cannot find module 'node-pre-gyp'\nRequire stack: ..."))).toBe(
      "failed to load: Cannot find module 'node-pre-gyp'",
    );
  });

  it('recognises the CUDA libraries and keeps only the first line', () => {
    for (const lib of ['libcudart.so.11.0', 'libcudnn.so.8', 'libcublas.so.11']) {
      const reason = explainLoadFailure('@tensorflow/tfjs-node-gpu', new Error(`${lib}: cannot open shared object file\nstack`));
      expect(reason).toBe(`installed but the CUDA 11.2 / cuDNN 8.1 libraries it needs did not load: ${lib}: cannot open shared object file`);
    }
  });

  it('accepts a thrown non-Error', () => {
    expect(explainLoadFailure('@tensorflow/tfjs-node', 'boom')).toBe('failed to load: boom');
  });
});

describe('preferredBackend ($COLLAPSE_LAB_TF_BACKEND)', () => {
  it('is the top of the chain when unset or empty, the named step when valid', () => {
    expect(preferredBackend({})).toBeUndefined();
    expect(preferredBackend({ COLLAPSE_LAB_TF_BACKEND: '' })).toBeUndefined();
    expect(preferredBackend({ COLLAPSE_LAB_TF_BACKEND: 'wasm' })).toBe('wasm');
  });

  it('refuses a name nobody knows with one line naming the variable and the choices', () => {
    expect(() => preferredBackend({ COLLAPSE_LAB_TF_BACKEND: 'gpu' })).toThrow(BackendChoiceError);
    expect(() => preferredBackend({ COLLAPSE_LAB_TF_BACKEND: 'gpu' })).toThrow('COLLAPSE_LAB_TF_BACKEND: expected one of tfjs-node-gpu, webgpu, tfjs-node, fused, wasm, cpu, got "gpu"');
  });
});
