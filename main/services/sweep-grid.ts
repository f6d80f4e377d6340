import { fieldSpec } from '../../engine';
import type { SweepAxis, SweepPoint } from '../store';
import { ServiceError } from './errors';

/** One swept config field and its values (the store's SweepAxis). */
export type GridAxis = SweepAxis;

/** More runs than this in one sweep is a typo (a step too small), not an experiment. */
export const MAX_SWEEP_POINTS = 10_000;

/** A range `START:STOP:STEP` includes STOP when it lies within STEP * this of the grid. */
const STOP_TOLERANCE = 1e-9;

/**
 * Rounds away the binary noise of `start + i * step` (0.2 + 5 * 0.02 = 0.30000000000000004):
 * 12 significant digits keeps every value a user could mean and drops the noise, which sits
 * near the 16th.
 */
function roundGridValue(value: number): number {
  return Number(value.toPrecision(12));
}

function gridError(argument: string, reason: string): ServiceError {
  return new ServiceError('BAD_REQUEST', `--grid ${argument}: ${reason}`);
}

function parseNumber(argument: string, name: string, text: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw gridError(argument, `${name} must be a number, got "${text}"`);
  return value;
}

/**
 * Parses one `--grid` argument: `PATH=START:STOP:STEP` (STOP included when it lands on the grid)
 * or `PATH=a,b,c`, then checks it as checkAxis does. Throws ServiceError BAD_REQUEST naming the
 * argument and the reason.
 */
export function parseGridArgument(argument: string): GridAxis {
  const eq = argument.indexOf('=');
  if (eq <= 0) throw gridError(argument, 'expected PATH=START:STOP:STEP or PATH=a,b,c');
  const path = argument.slice(0, eq).trim();
  // The path first: "not a config field" says more than a complaint about the values.
  checkPath(path, argument);
  const body = argument.slice(eq + 1);
  const axis = { path, values: body.includes(':') ? parseRange(argument, body) : parseList(argument, body) };
  checkAxis(axis, argument);
  return axis;
}

function checkPath(path: string, argument: string): void {
  const spec = fieldSpec(path);
  if (!spec) throw gridError(argument, `${path} is not a config field`);
  // A number-or-array field (model.truth) is swept as one number, which it takes for every coordinate.
  if (spec.kind !== 'number' && spec.kind !== 'integer' && spec.kind !== 'numberOrArray') {
    const what = spec.kind === 'enum' ? `one of ${spec.values!.join(', ')}` : `a ${spec.kind}`;
    throw gridError(argument, `${path} is not numeric (it takes ${what}); a sweep varies numeric fields`);
  }
}

/**
 * Checks one axis however it arrived (parsed here, or sent by the UI): a numeric config field,
 * finite values listed once each, integers for an integer field. Whether each value is in the
 * field's range is left to each point's config validation, which names the point and the
 * field. `argument` names the axis in messages.
 */
export function checkAxis(axis: Readonly<GridAxis>, argument: string = describeAxis(axis)): void {
  checkPath(axis.path, argument);
  if (axis.values.length === 0) throw gridError(argument, 'no values');
  if (axis.values.length > MAX_SWEEP_POINTS) throw gridError(argument, `${axis.values.length} values; a sweep runs at most ${MAX_SWEEP_POINTS} points`);
  const seen = new Set<number>();
  for (const v of axis.values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw gridError(argument, `${String(v)} is not a finite number`);
    if (seen.has(v)) throw gridError(argument, `${v} is listed twice`);
    seen.add(v);
  }
  if (fieldSpec(axis.path)!.kind === 'integer') {
    const bad = axis.values.find((v) => !Number.isInteger(v));
    if (bad !== undefined) throw gridError(argument, `${axis.path} is an integer field, got ${bad}`);
  }
}

/** `path=a,b,c`: an axis as a `--grid` argument that would give it. */
export function describeAxis(axis: Readonly<GridAxis>): string {
  return `${axis.path}=${axis.values.join(',')}`;
}

function parseRange(argument: string, body: string): number[] {
  const parts = body.split(':');
  if (parts.length !== 3) throw gridError(argument, 'a range is START:STOP:STEP');
  const [start, stop, step] = [
    parseNumber(argument, 'START', parts[0]),
    parseNumber(argument, 'STOP', parts[1]),
    parseNumber(argument, 'STEP', parts[2]),
  ];
  if (!(step > 0)) throw gridError(argument, 'STEP must be positive');
  if (stop < start) throw gridError(argument, 'STOP must not be below START');
  // Counted before anything is built, so a step of 1e-12 fails at once instead of filling memory.
  const count = Math.floor((stop - start) / step + STOP_TOLERANCE) + 1;
  if (count > MAX_SWEEP_POINTS) throw gridError(argument, `${count} values; a sweep runs at most ${MAX_SWEEP_POINTS} points`);
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(roundGridValue(start + i * step));
  return values;
}

function parseList(argument: string, body: string): number[] {
  return body.split(',').map((text, i) => parseNumber(argument, `value ${i + 1}`, text));
}

/**
 * Checks axes that are to make one grid: each axis (checkAxis), each path once, at most
 * MAX_SWEEP_POINTS points in their product. `describe` names an axis in messages (the CLI
 * passes its `--grid` argument as typed).
 */
export function checkGrid(axes: readonly GridAxis[], describe: (axis: GridAxis, index: number) => string = (a) => describeAxis(a)): void {
  if (axes.length === 0) throw new ServiceError('BAD_REQUEST', 'grid: give at least one axis (--grid PATH=START:STOP:STEP)');
  const seen = new Map<string, number>();
  let points = 1;
  axes.forEach((axis, i) => {
    checkAxis(axis, describe(axis, i));
    const before = seen.get(axis.path);
    if (before !== undefined) throw gridError(describe(axis, i), `${axis.path} is already swept by --grid ${describe(axes[before], before)}`);
    seen.set(axis.path, i);
    points *= axis.values.length;
  });
  if (points > MAX_SWEEP_POINTS) throw new ServiceError('BAD_REQUEST', `grid: ${points} points; a sweep runs at most ${MAX_SWEEP_POINTS}`);
}

/** Every point of the product grid, the first axis varying slowest (the order runs are made in). */
export function expandGrid(axes: readonly GridAxis[]): SweepPoint[] {
  let points: SweepPoint[] = [{}];
  for (const axis of axes) {
    points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.path]: v })));
  }
  return points;
}

/** `path=value, path=value`: how a point is named in messages and tables. */
export function formatPoint(point: SweepPoint): string {
  return Object.entries(point)
    .map(([path, value]) => `${path}=${value}`)
    .join(', ');
}

/** Parses `--window FROM:TO` (generations t with FROM <= t < TO). */
export function parseWindow(argument: string): [number, number] {
  const fail = (reason: string): ServiceError => new ServiceError('BAD_REQUEST', `--window ${argument}: ${reason}`);
  const parts = argument.split(':');
  if (parts.length !== 2) throw fail('expected FROM:TO (generations FROM <= t < TO)');
  const [from, to] = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (!Number.isInteger(from) || from < 0) throw fail(`FROM must be a non-negative integer, got "${parts[0]}"`);
  if (!Number.isInteger(to)) throw fail(`TO must be an integer, got "${parts[1]}"`);
  if (to <= from) throw fail('TO must be above FROM');
  return [from, to];
}

// The default window (the last quarter) is shared with the renderer's sweep view.
export { defaultWindow } from '../../common/sweep-window';
