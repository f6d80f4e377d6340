/** When an epoch arrived: its number and the page's clock (ms). */
export interface Arrival {
  epoch: number;
  t: number;
}

/**
 * Training speed over the recent arrivals (the last `windowMs` before the newest one), so the
 * first epoch's start-up (loading tfjs, fitting the PCA) does not drag the figure down for the
 * whole run. Null until two arrivals span a measurable time.
 */
export function epochsPerSecond(arrivals: readonly Arrival[], windowMs = 5000): number | null {
  if (arrivals.length < 2) return null;
  const newest = arrivals[arrivals.length - 1];
  let first = arrivals.length - 1;
  while (first > 0 && newest.t - arrivals[first - 1].t <= windowMs) first--;
  if (first === arrivals.length - 1) first = arrivals.length - 2;
  const oldest = arrivals[first];
  const dt = newest.t - oldest.t;
  const de = newest.epoch - oldest.epoch;
  if (!(dt > 0) || !(de > 0)) return null;
  return (de * 1000) / dt;
}

/** Epochs per second over a whole training: epochs done over the time from start to the last one. */
export function averageRate(epochs: number, elapsedMs: number): number | null {
  if (!(epochs > 0) || !(elapsedMs > 0)) return null;
  return (epochs * 1000) / elapsedMs;
}

/** Milliseconds left at `rate` epochs/s, or null when it cannot be told. */
export function remainingMs(done: number, total: number, rate: number | null): number | null {
  if (rate === null || !(rate > 0) || !(total > done)) return null;
  return ((total - done) / rate) * 1000;
}

/** "12.3 epochs/s", "0.42 epochs/s", "1,250 epochs/s", or "–". */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate) || rate <= 0) return '–';
  const digits = rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return `${rate.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} epochs/s`;
}

/** Keeps the newest `max` arrivals (the rate only looks at the recent ones). */
export function keepRecent(arrivals: Arrival[], max = 512): void {
  if (arrivals.length > max) arrivals.splice(0, arrivals.length - max);
}
