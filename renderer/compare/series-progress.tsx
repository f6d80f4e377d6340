/** Progress of a series fetch (a 20-run comparison of 10,000 generations is about 60 MB of JSON). */
export function SeriesProgress({ done, total }: { done: number; total: number }) {
  const text = `Loading series: ${done} of ${total} run${total === 1 ? '' : 's'}`;
  return (
    <div className="series-progress" role="status" data-testid="series-progress">
      <progress value={done} max={Math.max(total, 1)} aria-label="Loading series" aria-valuetext={text} />
      <span>{text}</span>
    </div>
  );
}
