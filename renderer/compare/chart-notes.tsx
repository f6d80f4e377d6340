import { BAND_MAX_POINTS, type PlotData } from './plot-data';

/** Under the trajectory chart: what the line, band and dashed curve are, and what was left out and why. */
export function ChartNotes({ caption, plot, xLog, yLog }: { caption: string; plot: PlotData; xLog: boolean; yLog: boolean }) {
  const notes: string[] = [];
  if (plot.withoutData.length > 0) notes.push(`Nothing to draw for ${plot.withoutData.join(', ')}: this metric is not stored for ${plot.withoutData.length === 1 ? 'that run' : 'those runs'}.`);
  if (yLog && plot.hiddenNonPositive > 0) notes.push(`${plot.hiddenNonPositive} values ≤ 0 are left out: a log axis cannot show them.`);
  if (yLog && plot.clampedBandEdges > 0) notes.push(`${plot.clampedBandEdges} band edges at or below zero are drawn at the bottom of the axis.`);
  if (xLog) notes.push('Generation 0 is left out on the log x axis.');
  const enveloped = plot.runs.filter((r) => r.bandX && r.bandX.length < r.x.length).length;
  if (enveloped > 0)
    notes.push(
      `Bands of runs with more than ${BAND_MAX_POINTS.toLocaleString('en')} generations (${enveloped} here) are drawn as their envelope over buckets of generations, so zooming stays fast; the tooltip and the CSV give the exact quartiles.`,
    );
  return (
    <div className="chart-caption" data-testid="chart-caption">
      <p>{caption}</p>
      {notes.length > 0 && <p className="chart-notes">{notes.join(' ')}</p>}
      <p className="chart-notes">
        Long runs are drawn with LTTB sampling when they have more generations than the chart has pixels: zoom with the wheel or the slider for every
        generation; the CSV export has them all. Click a run in the legend to hide or show it.
      </p>
    </div>
  );
}
