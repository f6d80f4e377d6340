import { FUSED_KERNELS, type Tf } from '../../engine';
import { BACKEND_ORDER, type BackendName } from './backend-names';
import { orderByFigures, storedCalibration, type Calibration } from './calibration';
import { releaseWebgpu, startWebgpu, webgpuInUse, type AdapterReport } from './webgpu-step';
import { DEFAULT_WORKLOAD, WORKLOADS, type WorkloadName } from './workloads';

export { BACKEND_ORDER, type BackendName };

/** One step of the backend chain, with why it was used or skipped. */
export interface BackendAttempt {
  readonly name: BackendName;
  readonly ok: boolean;
  readonly reason: string;
}

/** What `doctor` prints and every run stores: the backend in use and the whole chain. */
export interface BackendReport {
  /** The chosen step of the chain. */
  readonly backend: BackendName;
  /** tfjs's own name for it (`tensorflow`, `wasm`, `cpu`); `none` for the fused kernels. */
  readonly tfBackend: string;
  /** Where the work runs: `CUDA GPU`, `CPU (native TensorFlow)`, `CPU (fused JS kernels, float64)`, `CPU (WebAssembly)`, `CPU (JavaScript)`. */
  readonly device: string;
  readonly chain: readonly BackendAttempt[];
  /** The workload the chain was ordered for, and by what: its prior order or a stored calibration. */
  readonly workload: WorkloadName;
  readonly orderedBy: 'prior' | 'calibration';
  /** The calibration that ordered it, with its figures. */
  readonly calibration?: Calibration;
  /** The WebGPU adapter Dawn found, when the webgpu step was tried and found one (used or refused). */
  readonly adapter?: AdapterReport;
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
export async function loadTfjs(options: LoadOptions & { prefer?: Exclude<BackendName, 'fused'> } = {}): Promise<{ tf: Tf; report: BackendReport }> {
  const loaded = await loadTf(options);
  if (!loaded.tf) throw new Error(`loadTfjs: a tfjs backend was needed, but the chain chose ${loaded.report.backend}`);
  return { tf: loaded.tf, report: loaded.report };
}

/** What loadTf is asked: where to start, for which workload, and how to import (tests inject failures). */
export interface LoadOptions {
  prefer?: BackendName;
  importer?: Importer;
  /** Default filternet-points, the only training there is today. */
  workload?: WorkloadName;
  /** Order by this calibration, or by none (`null`); default the stored one when nothing is preferred. */
  calibration?: Calibration | null;
}

/**
 * Picks the fastest training backend that loads for the workload (docs/architecture.md "Backends
 * are chosen, reported and stored"; docs/training-backends.md): the workload's steps in the order
 * its stored calibration measured on this machine, or else its prior order (for FilterNet:
 * tfjs-node-gpu, tfjs-node, the fused float64 kernels of engine/neural/fused-kernel.ts, WebGPU,
 * tfjs's wasm, tfjs's pure JS), recording why each earlier one was skipped. `prefer` (or
 * $COLLAPSE_LAB_TF_BACKEND) starts the chain at that step, e.g. `cpu` for reproducing a figure on
 * the pure-JS backend; only then is a software WebGPU adapter accepted.
 */
export async function loadTf(options: LoadOptions = {}): Promise<LoadedTf> {
  const importer = options.importer ?? defaultImporter;
  const workload = options.workload ?? DEFAULT_WORKLOAD;
  let tfjs: Tf | undefined;
  const getTf = async (): Promise<Tf> => (tfjs ??= (await importer('@tensorflow/tfjs')) as Tf);
  // An unknown name (a typo in $COLLAPSE_LAB_TF_BACKEND) would otherwise skip every step but
  // the last and report them as "asked for": refuse it instead.
  if (options.prefer && !(BACKEND_ORDER as readonly string[]).includes(options.prefer)) {
    throw new BackendChoiceError(`tfjs backend: expected one of ${BACKEND_ORDER.join(', ')}, got "${options.prefer}"`);
  }
  const prior = WORKLOADS[workload].prior;
  if (options.prefer && !prior.includes(options.prefer)) throw new BackendChoiceError(`tfjs backend: ${workload} cannot train on ${options.prefer}; it uses ${prior.join(', ')}`);
  // A named step is a choice already made: no calibration reorders around it.
  const calibration = options.calibration === undefined ? (options.prefer ? undefined : storedCalibration(workload)) : (options.calibration ?? undefined);
  const order = calibration ? orderByFigures(prior, calibration.figures) : prior;
  const orderedBy = calibration ? 'calibration' : 'prior';
  const start = options.prefer ? order.indexOf(options.prefer) : 0;
  const chain: BackendAttempt[] = order.slice(0, start).map((name) => ({ name, ok: false, reason: `skipped: ${options.prefer} was asked for` }));
  let adapter: AdapterReport | undefined;

  for (const name of order.slice(start)) {
    const attempt = await tryBackend(getTf, name, importer, options.prefer === 'webgpu');
    chain.push(attempt.result);
    adapter ??= attempt.adapter;
    if (attempt.result.ok) {
      const common = { backend: name, device: attempt.device, chain, workload, orderedBy, ...(calibration ? { calibration } : {}), ...(adapter ? { adapter } : {}) } as const;
      if (name === 'fused') return { trainer: FUSED_KERNELS, report: { ...common, tfBackend: 'none' } };
      const tf = await getTf();
      return { tf, trainer: tf, report: { ...common, tfBackend: tf.getBackend() } };
    }
  }
  throw new Error('no tfjs backend loaded, not even the pure-JS one');
}

interface Tried {
  result: BackendAttempt;
  device: string;
  adapter?: AdapterReport;
}

async function tryBackend(getTf: () => Promise<Tf>, name: BackendName, importer: Importer, allowSoftwareGpu: boolean): Promise<Tried> {
  const fail = (reason: string): Tried => ({ result: { name, ok: false, reason }, device: '' });
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
    if (name === 'webgpu') {
      const outcome = await startWebgpu(tf, importer, allowSoftwareGpu);
      if (!outcome.ok) return { ...fail(outcome.reason), adapter: outcome.adapter };
      return { result: { name, ok: true, reason: outcome.reason }, device: outcome.device, adapter: outcome.adapter };
    }
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

/**
 * A short line for stored runs and badges: `wasm (CPU (WebAssembly))`. When a stored calibration
 * ordered the chain, its figures follow, so a run says why the others were passed over:
 * `fused (CPU (...); calibrated for filternet-points 2026-12-02: fused 1.9 ms a step, wasm 8.1 ms a step)`.
 */
export function backendLabel(report: BackendReport): string {
  if (report.orderedBy !== 'calibration' || !report.calibration) return `${report.backend} (${report.device})`;
  const measured = report.calibration.figures.filter((f) => f.ok && f.msPerStep !== undefined).map((f) => `${f.backend} ${f.msPerStep!.toFixed(2)} ms a step`);
  return `${report.backend} (${report.device}; calibrated for ${report.workload} ${report.calibration.at.slice(0, 10)}: ${measured.join(', ')})`;
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

/**
 * Lets the process exit: the WebGPU device and Dawn's GPU object are released (Node does not exit
 * while they are referenced). Called by the CLI when a command is done and by a training worker
 * when it has posted its result; the shared tfjs is forgotten, so a later training loads anew.
 */
export function releaseBackends(): void {
  if (webgpuInUse()) shared = undefined;
  releaseWebgpu();
}
