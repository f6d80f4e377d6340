import type { RunColumns } from './run-columns';

/**
 * Series of finished runs by id. A finished run never changes, so its series is fetched once
 * per page load however often it is chosen again; the oldest entries go past `limit`.
 */
export class SeriesCache {
  private readonly map = new Map<string, RunColumns>();

  constructor(private readonly limit = 64) {}

  get(id: string): RunColumns | undefined {
    const hit = this.map.get(id);
    if (hit) {
      // Refresh its place: the least recently used entry is the one evicted.
      this.map.delete(id);
      this.map.set(id, hit);
    }
    return hit;
  }

  has(id: string): boolean {
    return this.map.has(id);
  }

  /** Keeps only runs that can no longer change (a running run is fetched again each time). */
  put(run: RunColumns): void {
    if (run.summary.status === 'running') return;
    this.map.delete(run.id);
    this.map.set(run.id, run);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }

  delete(id: string): void {
    this.map.delete(id);
  }

  get size(): number {
    return this.map.size;
  }
}
