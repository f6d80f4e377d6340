/**
 * A one-line progress bar for stderr, redrawn in place at most every `intervalMs`, so a run of
 * millions of generations does not spend its time printing.
 */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly label: string,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 100,
  ) {
    this.started = now();
  }

  update(done: number, total: number, detail = ''): void {
    const t = this.now();
    if (done < total && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    const width = 30;
    const fraction = total > 0 ? done / total : 1;
    const filled = Math.round(fraction * width);
    const elapsed = (t - this.started) / 1000;
    const eta = fraction > 0 && fraction < 1 ? ` eta ${formatSeconds((elapsed * (1 - fraction)) / fraction)}` : '';
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    this.write(`\r${this.label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} ${formatSeconds(elapsed)}${eta}${detail ? `  ${detail}` : ''}\u001b[K`);
  }

  finish(): void {
    this.write('\n');
  }
}

function formatSeconds(s: number): string {
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${Math.round(s % 60).toString().padStart(2, '0')}s`;
}
