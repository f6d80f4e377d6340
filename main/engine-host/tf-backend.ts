import { FUSED_KERNELS, type Tf } from '../../engine';

/** One step of the backend chain, with why it was used or skipped. */
export interface BackendAttempt {
  readonly name: BackendName;
  readonly ok: boolean;
  readonly reason: string;
}

export type BackendName = 'tfjs-node-gpu' | 'tfjs-node' | 'fused' | 'wasm' | 'cpu';

/** The chain, fastest first, as measured for FilterNet's training (bench B4). */
export const BACKEND_ORDER: readonly BackendName[] = ['tfjs-node-gpu', 'tfjs-node', 'fused', 'wasm', 'cpu'];

/** What `doctor` prints and every run stores: the backend in use and the whole chain. */
export interface BackendReport {
  /** The chosen step of the chain. */
  readonly backend: BackendName;
  /** tfjs's own name for it (`tensorflow`, `wasm`, `cpu`); `none` for the fused kernels. */
  readonly tfBackend: string;
  /** Where the work runs: `CUDA GPU`, `CPU (native TensorFlow)`, `CPU (fused JS kernels, float64)`, `CPU (WebAssembly)`, `CPU (JavaScript)`. */
  readonly device: string;
  readonly chain: readonly BackendAttempt[];
}

/**
 * The chosen step: tfjs with that backend set, or the fused kernels, for which tfjs is not even
 * imported (its import alone costs 0.5-0.9 s here, a sixth of the filter-constant-n preset).
 */
export type LoadedTf =
  | { readonly tf: Tf; readonly trainer: Tf; readonly report: BackendReport }
  | { readonly tf?: undefined; readonly trainer: typeof FUSED_KERNELS; readonly report: BackendReport };

/** Imports a module by name; injectable so tests can simulate packages that fail to load. */
export type Importer = (specifier: string) => Promise<unknown>;

const defaultImporter: Importer = (specifier) => import(specifier);

/** Turns a failed import or backend start into one line a researcher can act on. */
export function explainLoadFailure(pkg: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find (package|module)/i.test(message) && message.includes(pkg)) {
    return `not installed (${pkg} is an optional dependency whose install downloads libtensorflow; it did not install here)`;
  }
  if (/libcudart|libcudnn|libcublas|CUDA/i.test(message)) {
    return `installed but the CUDA 11.2 / cuDNN 8.1 libraries it needs did not load: ${message.split('\n')[0]}`;
  }
  return `failed to load: ${message.split('\n')[0]}`;
}

/** loadTf for callers that need tfjs itself (tests, figures on a tfjs backend): refuses the fused step. */
export async function loadTfjs(options: { prefer?: Exclude<BackendName, 'fused'>; importer?: Importer } = {}): Promise<{ tf: Tf; report: BackendReport }> {
  const loaded = await loadTf(options);
  if (!loaded.tf) throw new Error(`loadTfjs: a tfjs backend was needed, but the chain chose ${loaded.report.backend}`);
  return { tf: loaded.tf, report: loaded.report };
}

/**
 * Picks the fastest training backend that loads (docs/architecture.md "Backends are chosen, reported
 * and stored"): tfjs-node-gpu (CUDA), tfjs-node (native CPU), the fused float64 JS kernels
 * (engine/neural/fused-kernel.ts: about 5x tfjs's wasm backend on FilterNet, bench B4), then
 * tfjs's wasm (XNNPACK) and pure-JS backends, recording why each faster one was skipped. `prefer` (or $COLLAPSE_LAB_TF_BACKEND) starts the
 * chain lower, e.g. `cpu` for reproducing a figure on the pure-JS backend.
 */
export async function loadTf(options: { prefer?: BackendName; importer?: Importer } = {}): Promise<LoadedTf> {
  const importer = options.importer ?? defaultImporter;
  let tfjs: Tf | undefined;
  const getTf = async (): Promise<Tf> => (tfjs ??= (await importer('@tensorflow/tfjs')) as Tf);
  const order = BACKEND_ORDER;
  const start = options.prefer ? order.indexOf(options.prefer) : 0;
  // An unknown name (a typo in $COLLAPSE_LAB_TF_BACKEND) would otherwise skip every step but
  // the last and report them as "asked for": refuse it instead.
  if (start < 0) throw new BackendChoiceError(`tfjs backend: expected one of ${order.join(', ')}, got "${options.prefer}"`);
  const chain: BackendAttempt[] = order.slice(0, start).map((name) => ({ name, ok: false, reason: `skipped: ${options.prefer} was asked for` }));

  for (const name of order.slice(start)) {
    const attempt = await tryBackend(getTf, name, importer);
    chain.push(attempt.result);
    if (attempt.result.ok) {
      if (name === 'fused') return { trainer: FUSED_KERNELS, report: { backend: name, tfBackend: 'none', device: attempt.device, chain } };
      const tf = await getTf();
      return { tf, trainer: tf, report: { backend: name, tfBackend: tf.getBackend(), device: attempt.device, chain } };
    }
  }
  throw new Error('no tfjs backend loaded, not even the pure-JS one');
}

async function tryBackend(getTf: () => Promise<Tf>, name: BackendName, importer: Importer): Promise<{ result: BackendAttempt; device: string }> {
  const fail = (reason: string): { result: BackendAttempt; device: string } => ({ result: { name, ok: false, reason }, device: '' });
  try {
    if (name === 'tfjs-node-gpu' || name === 'tfjs-node') {
      const pkg = `@tensorflow/${name}`;
      try {
        await importer(pkg);
      } catch (error) {
        return fail(explainLoadFailure(pkg, error));
      }
      // tfjs itself only once a native package is there (the package registers on tfjs-core).
      const tf = await getTf();
      if (!(await tf.setBackend('tensorflow'))) return fail('loaded, but the tensorflow backend did not start');
      await tf.ready();
      if (name === 'tfjs-node-gpu') {
        // tfjs-node-gpu falls back to the CPU quietly when CUDA is missing (tfjs#8362): check.
        const usingGpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
        if (!usingGpu) return fail('loaded, but TensorFlow found no usable CUDA GPU (CUDA 11.2 and cuDNN 8.1 are required)');
        return { result: { name, ok: true, reason: 'CUDA GPU in use' }, device: 'CUDA GPU' };
      }
      return { result: { name, ok: true, reason: 'native TensorFlow on the CPU' }, device: 'CPU (native TensorFlow)' };
    }
    if (name === 'fused') {
      return { result: { name, ok: true, reason: 'hand-fused float64 loops on the CPU, no tfjs ops' }, device: 'CPU (fused JS kernels, float64)' };
    }
    const tf = await getTf();
    if (name === 'wasm') {
      try {
        await importer('@tensorflow/tfjs-backend-wasm');
      } catch (error) {
        return fail(explainLoadFailure('@tensorflow/tfjs-backend-wasm', error));
      }
      if (!(await tf.setBackend('wasm'))) return fail('loaded, but the WebAssembly module did not start');
      await tf.ready();
      return { result: { name, ok: true, reason: 'WebAssembly with XNNPACK on the CPU' }, device: 'CPU (WebAssembly)' };
    }
    if (!(await tf.setBackend('cpu'))) return fail('the pure-JS backend did not start');
    await tf.ready();
    return { result: { name, ok: true, reason: 'pure JavaScript, the slowest' }, device: 'CPU (JavaScript)' };
  } catch (error) {
    return fail(`failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** A short line for stored runs and badges: `wasm (CPU (WebAssembly))`. */
export function backendLabel(report: BackendReport): string {
  return `${report.backend} (${report.device})`;
}

/** A backend name nobody knows (a typo in $COLLAPSE_LAB_TF_BACKEND): the user's to fix, not a crash. */
export class BackendChoiceError extends RangeError {
  override readonly name = 'BackendChoiceError';
}

/**
 * The step $COLLAPSE_LAB_TF_BACKEND asks the chain to start at, or undefined for the top. The
 * same answer for the host and its training workers, so the badge names the backend that trains.
 */
export function preferredBackend(env: NodeJS.ProcessEnv = process.env): BackendName | undefined {
  const value = env['COLLAPSE_LAB_TF_BACKEND'];
  if (!value) return undefined;
  if (!(BACKEND_ORDER as readonly string[]).includes(value)) {
    throw new BackendChoiceError(`COLLAPSE_LAB_TF_BACKEND: expected one of ${BACKEND_ORDER.join(', ')}, got "${value}"`);
  }
  return value as BackendName;
}

let shared: Promise<LoadedTf> | undefined;

/** The process's tfjs, loaded once (backends are process-global in tfjs). */
export function sharedTf(): Promise<LoadedTf> {
  shared ??= (async () => loadTf({ prefer: preferredBackend() }))();
  return shared;
}
