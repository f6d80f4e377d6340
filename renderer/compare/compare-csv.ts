import { metricDef, type MetricId } from './metrics';
import type { RunColumns } from './run-columns';
import type { SweepRow } from './sweep';

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (fields: (string | number | null)[]): string => fields.map(csvField).join(',');

/** The CSV columns of the trajectory export for a metric. */
export function trajectoryCsvHeader(metric: MetricId): string[] {
  const key = metricDef(metric).csvKey;
  return ['run_id', 'run_name', 't', key, `${key}_band_low`, `${key}_band_high`, `${key}_theory`];
}

/**
 * The plotted data at full resolution (no sampling, no log clamping): one row per generation
 * per run, in the order given, with the band edges and the theory where the metric has them.
 */
export function trajectoryCsv(runs: readonly { run: RunColumns; label: string }[], metric: MetricId): string {
  const def = metricDef(metric);
  const out: string[] = [line(trajectoryCsvHeader(metric))];
  for (const { run, label } of runs) {
    const a = def.arrays(run);
    const id = csvField(run.id);
    const name = csvField(label);
    for (let i = 0; i < run.t.length; i++) {
      out.push(`${id},${name},${run.t[i]},${csvField(a.line[i])},${a.lo ? csvField(a.lo[i]) : ''},${a.hi ? csvField(a.hi[i]) : ''},${a.theory ? csvField(a.theory[i]) : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The sweep view's points: one row per run with its swept value and window summaries. */
export function sweepCsv(rows: readonly SweepRow[], labels: ReadonlyMap<string, string>, path: string, metric: MetricId): string {
  const key = metricDef(metric).csvKey;
  const out: string[] = [line(['run_id', 'run_name', path, 'series', 'window_from', 'window_to', `${key}_mean`, `${key}_se`, `${key}_theory_mean`])];
  for (const r of rows) out.push(line([r.runId, labels.get(r.runId) ?? r.runId, r.x, r.seriesKey, r.window[0], r.window[1], r.value, r.se, r.theory]));
  return `${out.join('\n')}\n`;
}

/** A file name from free text: letters, digits, dot, dash and underscore only. */
export function safeFileName(text: string): string {
  return text.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'compare';
}
