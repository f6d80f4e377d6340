import { animationFrames, type FrameScheduler } from '../lib/frame-batcher';
import { epochsPerSecond, keepRecent, type Arrival } from './epoch-rate';
import { EpochSeries, type EpochRecord } from './epoch-series';

/** What the page's text shows of a training, replaced (new identity) at most once a frame. */
export interface SessionSnapshot {
  readonly filterId: string;
  /** Epochs in the series (the points each chart line has). */
  readonly points: number;
  /** The newest epoch number (0 before the first). */
  readonly epoch: number;
  /** Epochs asked for (the x axis' extent). */
  readonly epochsTotal: number;
  readonly last: EpochRecord | null;
  /** Recent epochs per second while epochs stream in; null for a stored history. */
  readonly rate: number | null;
  /** Bumped on every flush: charts compare it to skip redundant updates. */
  readonly version: number;
}

export interface SessionOptions {
  scheduler?: FrameScheduler;
  /** The page's clock in ms (performance.now in the page, a fake in tests). */
  now?: () => number;
}

/**
 * One filter's curves as they grow: records are added as events arrive (or from the stored
 * history), and listeners (the charts, the epoch counter) are told at most once per animation
 * frame, however fast the epochs come. The data lives here, outside React; charts read
 * `series` and call `setOption` themselves, and text reads the snapshot through
 * `useSyncExternalStore`.
 */
export class TrainingSession {
  readonly series = new EpochSeries();
  private readonly arrivals: Arrival[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: FrameScheduler;
  private readonly now: () => number;
  private handle: number | null = null;
  private disposed = false;
  private epochsTotal: number;
  private snapshot: SessionSnapshot;

  constructor(
    readonly filterId: string,
    epochsTotal: number,
    options: SessionOptions = {},
  ) {
    this.scheduler = options.scheduler ?? animationFrames;
    this.now = options.now ?? (() => performance.now());
    this.epochsTotal = Math.max(0, epochsTotal);
    this.snapshot = this.makeSnapshot(0);
  }

  /** A live epoch (a `training:epoch` event); `epochsTotal` is the event's `epochs`. */
  push(record: EpochRecord, epochsTotal?: number): void {
    if (this.disposed) return;
    let changed = this.series.add(record);
    if (epochsTotal !== undefined && epochsTotal > 0 && epochsTotal !== this.epochsTotal) {
      this.epochsTotal = epochsTotal;
      changed = true;
    }
    if (!changed) return;
    this.arrivals.push({ epoch: record.epoch, t: this.now() });
    keepRecent(this.arrivals);
    this.schedule();
  }

  /** Stored epochs (`filters:history`), merged with whatever arrived live meanwhile. */
  backfill(records: readonly EpochRecord[]): void {
    if (this.disposed) return;
    if (this.series.addAll(records) > 0) this.schedule();
  }

  /** Sets the x axis' extent (the settings' epochs, when no event has said it yet). */
  setEpochsTotal(epochs: number): void {
    if (this.disposed || !(epochs > 0) || epochs === this.epochsTotal) return;
    this.epochsTotal = epochs;
    this.schedule();
  }

  /** Stops the rate (training ended): the snapshot then reports no live speed. */
  finish(): void {
    if (this.disposed) return;
    this.arrivals.length = 0;
    this.schedule();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  dispose(): void {
    this.disposed = true;
    if (this.handle !== null) this.scheduler.cancel(this.handle);
    this.handle = null;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.handle === null) this.handle = this.scheduler.request(() => this.flush());
  }

  private flush(): void {
    this.handle = null;
    if (this.disposed) return;
    this.snapshot = this.makeSnapshot(this.snapshot.version + 1);
    for (const listener of [...this.listeners]) listener();
  }

  private makeSnapshot(version: number): SessionSnapshot {
    const last = this.series.last;
    return {
      filterId: this.filterId,
      points: this.series.length,
      epoch: last?.epoch ?? 0,
      epochsTotal: Math.max(this.epochsTotal, last?.epoch ?? 0),
      last,
      rate: epochsPerSecond(this.arrivals),
      version,
    };
  }
}
