import { sampleSizeAt, type RunConfig } from '../../engine';

export interface ProgressBarOptions {
  now?: () => number;
  intervalMs?: number;
  /**
   * The work of unit i (0-based: generation t = i), when units differ: a growing schedule's
   * late generations draw many more samples than its first ones, so counting generations
   * would promise an end far too early. Default: every unit the same.
   */
  work?: (i: number) => number;
}

/**
 * A one-line progress bar for stderr, redrawn in place at most every `intervalMs`, so a run of
 * millions of generations does not spend its time printing. The bar, the percentage and the
 * ETA follow the work done; the count beside them stays in units (generations, epochs).
 */
export class ProgressBar {
  private lastDraw = 0;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly work: (i: number) => number;
  /** Units whose work `doneWork` holds; updates only move forward, so each is summed once. */
  private counted = 0;
  private doneWork = 0;
  private totalWork = 0;
  private totalUnits = -1;
  /** The first update's time and work: the rate is measured from there, since whatever was
   *  done before the bar existed (generation 0, say) took time the bar never saw. */
  private start: { time: number; work: number } | undefined;

  constructor(
    private readonly write: (text: string) => void,
    private readonly label: string,
    options: ProgressBarOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 100;
    this.work = options.work ?? (() => 1);
  }

  update(done: number, total: number, detail = ''): void {
    this.account(done, total);
    const t = this.now();
    this.start ??= { time: t, work: this.doneWork };
    if (done < total && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    const width = 30;
    const finished = done >= total;
    // Rounded down, and 100% only once every unit is done: 200 of 201 generations is not "100%".
    const fraction = finished ? 1 : this.totalWork > 0 ? Math.min(this.doneWork / this.totalWork, 1) : 0;
    const percent = finished ? 100 : Math.min(Math.floor(fraction * 100), 99);
    const filled = finished ? width : Math.min(Math.floor(fraction * width), width - 1);
    const elapsed = (t - this.start.time) / 1000;
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const eta = finished ? undefined : this.etaSeconds(elapsed);
    const etaText = eta === undefined ? '' : ` eta ${formatSeconds(eta)}`;
    this.write(`\r${this.label} [${bar}] ${String(percent).padStart(3)}% ${done}/${total} ${formatSeconds(elapsed)}${etaText}${detail ? `  ${detail}` : ''}\u001b[K`);
  }

  finish(): void {
    this.write('\n');
  }

  /** Remaining work at the rate measured since the first update; undefined until measurable. */
  private etaSeconds(elapsed: number): number | undefined {
    const workSinceStart = this.doneWork - this.start!.work;
    if (elapsed <= 0 || workSinceStart <= 0) return undefined;
    return ((this.totalWork - this.doneWork) * elapsed) / workSinceStart;
  }

  private account(done: number, total: number): void {
    if (total !== this.totalUnits) {
      this.totalUnits = total;
      this.totalWork = 0;
      for (let i = 0; i < total; i++) this.totalWork += this.work(i);
    }
    for (; this.counted < Math.min(done, total); this.counted++) this.doneWork += this.work(this.counted);
  }
}

/**
 * A run's work per generation for ProgressBarOptions.work: its sample count n_t (the schedule,
 * experiments.md), plus the real samples a `fresh` run draws anew every generation t >= 1.
 * Every sample costs about the same (drawn, filtered, fitted), replicates multiply all alike.
 */
export function generationWork(config: Readonly<RunConfig>): (t: number) => number {
  const real = config.data.mode === 'fresh' ? config.data.realPerGeneration : 0;
  return (t) => sampleSizeAt(config.sampleSize, t) + (t > 0 ? real : 0);
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
