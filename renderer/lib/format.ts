/** Display helpers shared by the pages: pure, so they are tested without a DOM. */

/** Whole percent of `done` out of `total`, clamped to 0..100 (0 when total is 0). */
export function percent(done: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** "120 / 301 generations (39%)", the progress bar's text and aria-valuetext. */
export function describeProgress(done: number, total: number): string {
  return `${done} / ${total} generations (${percent(done, total)}%)`;
}

/** A metric with 4 significant digits, switching to exponent form for very small or large values. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/**
 * A stored ISO timestamp as a short local date and time ("21 Nov 2026, 20:28"). The time zone is
 * a parameter so tests do not depend on the machine's.
 */
export function formatDateTime(iso: string, options: { locale?: string; timeZone?: string } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(options.locale ?? 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: options.timeZone,
  }).format(date);
}

/** "4.2 s", "3 min 5 s", "2 h 10 min": how long a run took (finishedAt - createdAt). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}
