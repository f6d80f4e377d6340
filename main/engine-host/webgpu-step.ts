import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Tf } from '../../engine';

/**
 * The `webgpu` step of the backend chain (docs/training-backends.md): tfjs's WebGPU backend
 * (@tensorflow/tfjs-backend-webgpu) on Dawn's Node binding (the `webgpu` package, whose
 * dist/<platform>/dawn.node ships in its npm tarball). Dawn reaches the GPU through Vulkan
 * (libvulkan.so.1 and the vendor's driver, loaded at run time), Metal or Direct3D; with no GPU,
 * Mesa's software OpenGL (llvmpipe) still gives an adapter, which tests the path but is far
 * slower than the CPU steps, so it is refused for real work unless asked for by name.
 */

/** What `doctor` shows of the adapter Dawn found. */
export interface AdapterReport {
  /** Dawn's backend that found it: `vulkan`, `metal`, `d3d12`, `opengl`, ... (`default` for Dawn's own choice). */
  readonly dawnBackend: string;
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A CPU rasteriser (llvmpipe, lavapipe, SwiftShader) or an adapter Dawn marks as a fallback. */
  readonly software: boolean;
  /** WebGPU's `core`, or `compatibility` (the OpenGL path has only that). */
  readonly featureLevel: 'core' | 'compatibility';
}

/** The slice of Dawn's GPU object this file uses (the package's types are @webgpu/types, not in our tsconfig). */
interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<AdapterLike | null>;
}
interface AdapterLike {
  readonly info: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
interface DawnModule {
  create(options: string[]): GpuLike;
  /** GPUBufferUsage, GPUMapMode, ...: the constants tfjs-backend-webgpu reads as globals. */
  globals: Record<string, unknown>;
}

/** One way of asking Dawn for an adapter, tried in this order: the real GPU first. */
interface AdapterRoute {
  readonly dawnBackend: string;
  readonly dawnOptions: readonly string[];
  readonly featureLevel: 'core' | 'compatibility';
}

const ROUTES: readonly AdapterRoute[] = [
  // Dawn's own pick (Vulkan on Linux, Metal on macOS, D3D12 on Windows), full WebGPU.
  { dawnBackend: 'default', dawnOptions: [], featureLevel: 'core' },
  // Mesa's OpenGL: Dawn offers only WebGPU compatibility mode on it.
  { dawnBackend: 'opengl', dawnOptions: ['backend=opengl'], featureLevel: 'compatibility' },
];

const SOFTWARE_NAMES = /llvmpipe|softpipe|lavapipe|swiftshader|software/i;

/** Dawn's adapter info as a report; `software` from the name as well, since llvmpipe is not marked a fallback. */
export function describeAdapter(route: Pick<AdapterRoute, 'dawnBackend' | 'featureLevel'>, info: AdapterLike['info']): AdapterReport {
  const device = info.device ?? '';
  const description = info.description ?? '';
  return {
    dawnBackend: route.dawnBackend,
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device,
    description,
    software: info.isFallbackAdapter === true || SOFTWARE_NAMES.test(device) || SOFTWARE_NAMES.test(description),
    featureLevel: route.featureLevel,
  };
}

/** A short name for the adapter: `llvmpipe-llvm-15 (opengl, software)`. */
export function adapterLabel(adapter: AdapterReport): string {
  const name = [adapter.vendor, adapter.architecture, adapter.device].filter(Boolean).join(' ') || adapter.description || 'unnamed adapter';
  return `${name} (${adapter.dawnBackend}${adapter.software ? ', software' : ''})`;
}

/**
 * Mesa's EGL needs a platform with no display (no X11, no Wayland: a server, CI). The variable is
 * read by the native library from the real process environment, which a worker thread's
 * process.env does not reach, so the main thread sets it before any worker starts. Where a
 * display exists nothing is changed.
 */
export function prepareGpuEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (!isMainThread) return;
  if (!env['EGL_PLATFORM'] && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) env['EGL_PLATFORM'] = 'surfaceless';
}

/** Dawn says why on stderr only; the commonest cause on Linux is checked here: no Vulkan loader. */
function vulkanHint(): string {
  if (process.platform !== 'linux') return '';
  const dirs = [...(process.env['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean), '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu'];
  return dirs.some((d) => existsSync(join(d, 'libvulkan.so.1'))) ? ' (libvulkan.so.1 is there: no Vulkan driver for a GPU answered)' : ' (libvulkan.so.1 not found: install libvulkan1 and the GPU\'s Vulkan driver)';
}

/** The GPU object in use and how to give it back, so Node can exit (it does not while Dawn is referenced). */
interface OpenGpu {
  readonly adapter: AdapterReport;
  readonly gpu: GpuLike;
  readonly tf: Tf;
}

let open: OpenGpu | undefined;

/** The first adapter Dawn finds along ROUTES, with the reason each route failed when none does. */
export async function findAdapter(dawn: DawnModule): Promise<{ found?: { gpu: GpuLike; route: AdapterRoute; adapter: AdapterReport }; failures: string[] }> {
  prepareGpuEnvironment();
  const failures: string[] = [];
  for (const route of ROUTES) {
    try {
      const gpu = dawn.create([...route.dawnOptions]);
      const adapter = await gpu.requestAdapter(route.featureLevel === 'compatibility' ? { featureLevel: 'compatibility' } : {});
      if (adapter) return { found: { gpu, route, adapter: describeAdapter(route, adapter.info) }, failures };
      failures.push(`${route.dawnBackend}: no adapter${route.dawnBackend === 'default' ? vulkanHint() : ''}`);
    } catch (error) {
      failures.push(`${route.dawnBackend}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { failures };
}

/**
 * tfjs-backend-webgpu asks `navigator.gpu` for its adapter and reads WebGPU's constants
 * (GPUBufferUsage, ...) as globals, as in a browser. Node has neither: Dawn's are installed, and a
 * `navigator.gpu` whose requestAdapter adds the feature level the route needs (tfjs does not
 * know about compatibility mode).
 */
/** The Dawn globals this process added (GPUBufferUsage, ...), removed again on release. */
const addedGlobals: string[] = [];

function installNavigator(dawn: DawnModule, gpu: GpuLike, featureLevel: AdapterRoute['featureLevel']): void {
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (name in globalThis) continue;
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
    addedGlobals.push(name);
  }
  const shim = {
    requestAdapter: (options: Record<string, unknown> = {}) => gpu.requestAdapter(featureLevel === 'compatibility' ? { ...options, featureLevel } : options),
  };
  const existing = (globalThis as { navigator?: object }).navigator;
  Object.defineProperty(globalThis, 'navigator', { value: { ...(existing ?? {}), gpu: shim }, configurable: true, writable: true });
}

export type WebgpuOutcome = { ok: true; adapter: AdapterReport; reason: string; device: string } | { ok: false; adapter?: AdapterReport; reason: string };

/**
 * Tries the step: Dawn, an adapter, tfjs's webgpu backend on it. A software adapter is refused
 * unless `allowSoftware` (COLLAPSE_LAB_TF_BACKEND=webgpu, or a test asking for this step).
 */
export async function startWebgpu(tf: Tf, importer: (specifier: string) => Promise<unknown>, allowSoftware: boolean): Promise<WebgpuOutcome> {
  // Once started, the backend is tfjs's for the process: switch back to it. A second Dawn
  // instance would replace navigator.gpu and leave the first, whose device tfjs still uses, to
  // the garbage collector; Dawn then aborts the process (seen here: std::system_error).
  if (open && open.tf === tf && tf.findBackend('webgpu')) {
    if (open.adapter.software && !allowSoftware) return { ok: false, adapter: open.adapter, reason: softwareRefusal(open.adapter) };
    if (!(await tf.setBackend('webgpu'))) return { ok: false, adapter: open.adapter, reason: 'tfjs\'s webgpu backend did not start again' };
    return started(open.adapter);
  }
  let dawn: DawnModule;
  try {
    dawn = (await importer('webgpu')) as DawnModule;
  } catch (error) {
    return { ok: false, reason: `Dawn's Node binding (the webgpu package) did not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const { found, failures } = await findAdapter(dawn);
  if (!found) return { ok: false, reason: `no WebGPU adapter (a Vulkan driver and libvulkan.so.1, or Mesa's libegl-mesa0 for the software one): ${failures.join('; ')}` };
  const { adapter } = found;
  if (adapter.software && !allowSoftware) {
    return { ok: false, adapter, reason: softwareRefusal(adapter) };
  }
  installNavigator(dawn, found.gpu, found.route.featureLevel);
  try {
    await importer('@tensorflow/tfjs-backend-webgpu');
  } catch (error) {
    releaseWebgpu(tf);
    return { ok: false, adapter, reason: `@tensorflow/tfjs-backend-webgpu did not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  if (!(await tf.setBackend('webgpu'))) {
    releaseWebgpu(tf);
    return { ok: false, adapter, reason: `the adapter ${adapterLabel(adapter)} was found, but tfjs's webgpu backend did not start on it` };
  }
  await tf.ready();
  open = { adapter, gpu: found.gpu, tf };
  return started(adapter);
}

function started(adapter: AdapterReport): WebgpuOutcome {
  return { ok: true, adapter, reason: `WebGPU on ${adapterLabel(adapter)}`, device: adapter.software ? `software GPU (${adapter.device || adapter.description})` : `GPU (${adapterLabel(adapter)})` };
}

function softwareRefusal(adapter: AdapterReport): string {
  return `only a software adapter, ${adapterLabel(adapter)}: slower than the CPU steps, used only when COLLAPSE_LAB_TF_BACKEND=webgpu asks`;
}

/** The adapter the process trains on, when the webgpu step is in use. */
export function webgpuInUse(): AdapterReport | undefined {
  return open?.adapter;
}

/**
 * Gives the GPU back: tfjs's webgpu backend disposed (its buffers freed), the device destroyed and
 * the navigator shim removed, so nothing holds Dawn and Node can exit. Safe to call when unused.
 */
export function releaseWebgpu(started: Tf | undefined = open?.tf): void {
  const tf = started;
  if (tf && tf.findBackend('webgpu')) {
    const backend = tf.findBackend('webgpu') as unknown as { device?: { destroy(): void } };
    const device = backend.device;
    tf.removeBackend('webgpu');
    device?.destroy();
  }
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav && 'gpu' in nav) delete nav.gpu;
  for (const name of addedGlobals.splice(0)) delete (globalThis as Record<string, unknown>)[name];
  open = undefined;
}
