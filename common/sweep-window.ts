/**
 * The window of generations a run is summarised over when nothing else is asked for. Stored
 * sweeps (main/services/sweep-results.ts) and the Compare page's sweep view
 * (renderer/compare/sweep.ts) both summarise over it, so the two agree on a run.
 */

/** The default window of a run over generations 0..T: the last quarter, [T - floor(T / 4), T + 1). */
export function defaultWindow(lastT: number): [number, number] {
  return [lastT - Math.floor(lastT / 4), lastT + 1];
}
