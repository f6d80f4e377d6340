import type { RunStatus, RunSummary } from '../../preload/contract';
import { formatDateTime } from '../lib/format';

export type StatusFilter = RunStatus | 'all';

export interface RunFilter {
  text: string;
  status: StatusFilter;
}

/** Everything a search box matches on: name, preset, id, status, and the date as stored and as shown. */
export function searchText(run: Readonly<RunSummary>, options: { timeZone?: string } = {}): string {
  return [run.name, run.preset ?? 'custom', run.id, run.status, run.createdAt, formatDateTime(run.createdAt, options)].join(' ').toLowerCase();
}

/**
 * The runs a filter shows, in the order given: every word of the text must occur somewhere in
 * the run's search text (so "oracle 2026-11" finds oracle runs of November 2026), and the status
 * must match unless it is "all".
 */
export function filterRuns<T extends Readonly<RunSummary>>(runs: readonly T[], filter: RunFilter, options: { timeZone?: string } = {}): T[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return runs.filter((r) => {
    if (filter.status !== 'all' && r.status !== filter.status) return false;
    if (words.length === 0) return true;
    const hay = searchText(r, options);
    return words.every((w) => hay.includes(w));
  });
}
