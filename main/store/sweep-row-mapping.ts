import type { RunConfig } from '../../engine/config/types';
import type { SweepAxis, SweepPoint, SweepRecord, SweepStatus } from './sweep-types';

/** A `sweeps` row with its run count, as SQL.getSweep and SQL.listSweeps return it. */
export interface SweepRow {
  id: string;
  name: string;
  preset: string | null;
  base: string;
  grid: string;
  window: string | null;
  status: SweepStatus;
  created_at: string;
  finished_at: string | null;
  run_count: number;
}

export function toSweepRecord(row: SweepRow): SweepRecord {
  return {
    id: row.id,
    name: row.name,
    preset: row.preset,
    // Written by createSweep from checked values; the store does not re-validate what it wrote.
    base: JSON.parse(row.base) as RunConfig,
    grid: JSON.parse(row.grid) as SweepAxis[],
    window: row.window === null ? null : (JSON.parse(row.window) as [number, number]),
    status: row.status,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    runCount: row.run_count,
  };
}

/**
 * Refuses a grid the rest of the app could not read back as one: no axes, a repeated path, an
 * empty axis, a repeated value or one that is not a finite number. Names what is wrong.
 */
export function checkSweepGrid(grid: readonly SweepAxis[]): string | undefined {
  if (grid.length === 0) return 'a sweep needs at least one axis';
  const seen = new Set<string>();
  for (const axis of grid) {
    if (typeof axis.path !== 'string' || axis.path === '') return 'an axis has no path';
    if (seen.has(axis.path)) return `axis ${axis.path} appears twice`;
    seen.add(axis.path);
    if (axis.values.length === 0) return `axis ${axis.path} has no values`;
    const bad = axis.values.find((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad !== undefined) return `axis ${axis.path}: ${String(bad)} is not a finite number`;
    if (new Set(axis.values).size !== axis.values.length) return `axis ${axis.path} repeats a value`;
  }
  return undefined;
}

/** Generations [from, to): integers with 0 <= from < to. */
export function checkSweepWindow(window: readonly [number, number] | null): string | undefined {
  if (window === null) return undefined;
  const [from, to] = window;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from) {
    return `window [${from}, ${to}) is not a range of generations (integers, 0 <= from < to)`;
  }
  return undefined;
}

/** A point's position in the grid's run order (first axis slowest), or undefined if it is not on it. */
export function gridIndex(grid: readonly SweepAxis[], point: SweepPoint | null): number | undefined {
  if (point === null || Object.keys(point).length !== grid.length) return undefined;
  let index = 0;
  for (const axis of grid) {
    const i = axis.values.indexOf(point[axis.path]);
    if (i < 0) return undefined;
    index = index * axis.values.length + i;
  }
  return index;
}
