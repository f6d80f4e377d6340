import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { arch, homedir, hostname, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { BackendName } from './backend-names';
import { WORKLOADS, type WorkloadName } from './workloads';

/**
 * The per-workload calibration (issue 17, item 2): the workload's probe timed on every step of
 * its chain that loads, stored in a small JSON file with its figures so that later trainings
 * on this machine try the steps in measured order. `doctor --bench` and `npm run bench` make it.
 */
export interface CalibrationFigure {
  readonly backend: BackendName;
  /** Whether the step loaded; a step that did not has its reason and no time. */
  readonly ok: boolean;
  readonly reason: string;
  /** Median over the timed runs of the probe's wall time over its Adam steps (its held-out evaluations included), after an untimed warm-up run. */
  readonly msPerStep?: number;
  /** The timed runs behind the median, in ms a step. */
  readonly runs?: readonly number[];
}

export interface Calibration {
  readonly workload: WorkloadName;
  /** ISO time it was measured. */
  readonly at: string;
  /** Where: a calibration from another machine or Node is not used. */
  readonly machine: string;
  readonly figures: readonly CalibrationFigure[];
  /** The workload's steps, fastest measured first; steps that did not load keep their prior order at the end. */
  readonly order: readonly BackendName[];
}

/** `host platform-arch node`: what a stored calibration must match to be used. */
export function machineKey(): string {
  return `${hostname()} ${platform()}-${arch()} node ${process.version}`;
}

/**
 * The file calibrations live in: $COLLAPSE_LAB_CALIBRATION (`off` for none, which the test suite
 * sets so that a developer's calibration never changes what a test trains on), else
 * $XDG_CACHE_HOME/collapse-lab/backend-calibration.json.
 */
export function calibrationFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env['COLLAPSE_LAB_CALIBRATION'];
  if (named === 'off') return undefined;
  if (named) return named;
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'collapse-lab', 'backend-calibration.json');
}

/** The workload's steps ordered by the figures: measured ones by time, then the rest as in `prior`. */
export function orderByFigures(prior: readonly BackendName[], figures: readonly CalibrationFigure[]): BackendName[] {
  const ms = new Map(figures.filter((f) => f.ok && f.msPerStep !== undefined).map((f) => [f.backend, f.msPerStep!]));
  // Array.prototype.sort is stable: equal keys (every unmeasured step) keep the prior's order.
  return [...prior].sort((a, b) => (ms.get(a) ?? Infinity) - (ms.get(b) ?? Infinity));
}

type Stored = Partial<Record<WorkloadName, Calibration>>;

function readAll(file: string): Stored {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch {
    return {};
  }
}

/** The stored calibration of a workload, when one was made on this machine and Node. */
export function storedCalibration(workload: WorkloadName, env: NodeJS.ProcessEnv = process.env): Calibration | undefined {
  const file = calibrationFile(env);
  if (!file) return undefined;
  const found = readAll(file)[workload];
  if (!found || found.machine !== machineKey() || !Array.isArray(found.order)) return undefined;
  // Only names the workload still knows, in case the chain changed since it was written.
  const known = new Set(WORKLOADS[workload].prior);
  return found.order.every((name) => known.has(name)) ? found : undefined;
}

/** Stores a calibration beside the others (written to a temporary file, then renamed). */
export function saveCalibration(calibration: Calibration, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = calibrationFile(env);
  if (!file) return undefined;
  mkdirSync(dirname(file), { recursive: true });
  const all = { ...readAll(file), [calibration.workload]: calibration };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}

/** One line a figure: `fused  1.9 ms a step` or `webgpu  not loaded: ...`. */
export function figureLine(f: CalibrationFigure): string {
  return f.ok && f.msPerStep !== undefined ? `${f.backend.padEnd(14)} ${f.msPerStep.toFixed(2)} ms a step (${f.reason})` : `${f.backend.padEnd(14)} not measured: ${f.reason}`;
}
