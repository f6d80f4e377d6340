import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../main/store';

/** fresh-golden made tiny (R = 20, T = 12): a point costs the CLI's start-up more than its work. */
export const TINY = ['--preset', 'fresh-golden', '--set', 'replicates=20', '--set', 'generations=12'];

export interface SweepDoc {
  sweepId: string;
  status: string;
  points: { index: number; point: Record<string, number>; runId: string | null; status: string; mse: number | null; mseSe: number | null; mseTau: number | null; theory: number | null; kept: number | null }[];
}

/** What must be equal bit for bit between two ways of running one sweep: every point's numbers. */
export function summaries(doc: SweepDoc): unknown[] {
  return doc.points.map(({ index, point, status, mse, mseSe, mseTau, theory, kept }) => ({ index, point, status, mse, mseSe, mseTau, theory, kept }));
}

/** Every point's stored generations, in grid order, read from the store that holds the sweep. */
export function generationsOf(db: string, doc: SweepDoc): unknown[] {
  const store = openStore(db);
  try {
    return doc.points.map((p) => (p.runId === null ? null : store.getGenerations(p.runId)));
  } finally {
    store.close();
  }
}

/** The one sweep folder under a work folder (each test gives its sweep a fresh one). */
export function sweepFolder(workdir: string): string | undefined {
  try {
    const [id] = readdirSync(workdir);
    return id === undefined ? undefined : join(workdir, id);
  } catch {
    return undefined;
  }
}
