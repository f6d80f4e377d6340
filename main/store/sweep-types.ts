import type { RunConfig } from '../../engine/config/types';
import type { RunStatus } from './statuses';

/** A sweep's states are a run's (tables.ts). */
export type SweepStatus = RunStatus;
/** The states a sweep can be finished in (recovery also uses 'interrupted'). */
export type FinalSweepStatus = Exclude<SweepStatus, 'running'>;

/** One swept config field and its values, in the order the sweep runs them. */
export interface SweepAxis {
  /** A numeric config field's dotted path, e.g. `data.realWeight`. */
  path: string;
  values: number[];
}

/** A grid point: each swept path with its value there, e.g. `{ "data.realWeight": 0.62 }`. */
export type SweepPoint = Record<string, number>;

export interface NewSweepInput {
  name: string;
  preset: string | null;
  /** The validated config every point starts from. */
  base: RunConfig;
  /** The product of these axes is the grid; the first axis varies slowest. */
  grid: readonly SweepAxis[];
  /** Generations [from, to) each point is summarised over; null: each run's last quarter. */
  window: readonly [number, number] | null;
}

export interface SweepRecord {
  id: string;
  name: string;
  preset: string | null;
  base: RunConfig;
  grid: SweepAxis[];
  window: [number, number] | null;
  status: SweepStatus;
  /** ISO 8601 UTC with milliseconds. */
  createdAt: string;
  finishedAt: string | null;
  /** Runs stored for the sweep so far (one per started point). */
  runCount: number;
}
