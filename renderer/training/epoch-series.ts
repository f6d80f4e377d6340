import type { EventMap } from '../../preload/contract';

/** One epoch of a filter's training history (the contract's `training:epoch` record). */
export type EpochRecord = EventMap['training:epoch']['epoch'];

/** The per-epoch numbers the Train page charts, in the order of the contract's record. */
export const METRICS = ['clsLoss', 'contrLoss', 'essLoss', 'accuracy', 'contractionSatisfied'] as const;
export type Metric = (typeof METRICS)[number];

/**
 * A filter's training history as chart columns, kept outside React: epochs ascending, one
 * column per metric. Records may arrive live (one event per epoch), as a stored history
 * (`filters:history`), or both, overlapping and in any order: each epoch is kept once, a
 * repeated epoch replaces its values, and the columns stay sorted by epoch.
 */
export class EpochSeries {
  readonly epochs: number[] = [];
  readonly columns: Record<Metric, number[]> = { clsLoss: [], contrLoss: [], essLoss: [], accuracy: [], contractionSatisfied: [] };

  get length(): number {
    return this.epochs.length;
  }

  /** The latest epoch's record, or null before the first. */
  get last(): EpochRecord | null {
    return this.length === 0 ? null : this.recordAt(this.length - 1);
  }

  /** The record at a column index (the chart's dataIndex). */
  recordAt(index: number): EpochRecord {
    const c = this.columns;
    return {
      epoch: this.epochs[index],
      clsLoss: c.clsLoss[index],
      contrLoss: c.contrLoss[index],
      essLoss: c.essLoss[index],
      accuracy: c.accuracy[index],
      contractionSatisfied: c.contractionSatisfied[index],
    };
  }

  /**
   * Adds one epoch; returns whether the series changed. Records without a positive integer
   * epoch are ignored; a repeated epoch with identical values changes nothing.
   */
  add(record: EpochRecord): boolean {
    const { epoch } = record;
    if (!Number.isInteger(epoch) || epoch < 1) return false;
    const n = this.length;
    if (n === 0 || epoch > this.epochs[n - 1]) {
      this.epochs.push(epoch);
      for (const m of METRICS) this.columns[m].push(toNumber(record[m]));
      return true;
    }
    const at = lowerBound(this.epochs, epoch);
    if (this.epochs[at] === epoch) {
      let changed = false;
      for (const m of METRICS) {
        const v = toNumber(record[m]);
        if (!Object.is(this.columns[m][at], v)) {
          this.columns[m][at] = v;
          changed = true;
        }
      }
      return changed;
    }
    this.epochs.splice(at, 0, epoch);
    for (const m of METRICS) this.columns[m].splice(at, 0, toNumber(record[m]));
    return true;
  }

  /** Adds many epochs (a stored history); returns how many changed the series. */
  addAll(records: readonly EpochRecord[]): number {
    let changed = 0;
    for (const r of records) if (this.add(r)) changed++;
    return changed;
  }

  /**
   * `[epoch, value]` pairs of one column for a line series; `values` replaces the column
   * (a log-safe copy). Non-finite values become gaps (null) rather than breaking the axis.
   */
  points(metric: Metric, values: readonly (number | null)[] = this.columns[metric]): [number, number | null][] {
    const out: [number, number | null][] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const v = values[i];
      out[i] = [this.epochs[i], v !== null && Number.isFinite(v) ? v : null];
    }
    return out;
  }
}

function toNumber(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN;
}

/** First index whose epoch is >= `epoch`. */
function lowerBound(sorted: readonly number[], epoch: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < epoch) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
