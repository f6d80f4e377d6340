import { hostname } from 'node:os';
import { StoreError } from './errors';
import { processStartTime } from './proc-stat';
import type { RunStore } from './run-store';

/**
 * Sets a finished sweep running again, owned by this process: `sweep --resume` (a cluster
 * sweep, docs/cluster.md) adds the runs of the points that failed or never ran, and
 * finishSweep then closes it as usual. A sweep still running is refused: another live process
 * owns it (one that died has been marked interrupted by the open).
 */
export function reopenSweep(store: RunStore, sweepId: string): void {
  const db = store.connection;
  db.transaction(() => {
    const row = db.prepare<[string], { status: string; owner_pid: number | null; owner_host: string | null }>('SELECT status, owner_pid, owner_host FROM sweeps WHERE id = ?').get(sweepId);
    if (!row) throw new StoreError('SWEEP_NOT_FOUND', store.file, `no sweep with id ${sweepId}`);
    if (row.status === 'running') {
      throw new StoreError('SWEEP_RUNNING', store.file, `sweep ${sweepId} is still running (process ${row.owner_pid ?? '?'} on ${row.owner_host ?? '?'} is collecting it)`);
    }
    db.prepare(
      `UPDATE sweeps SET status = 'running', finished_at = NULL, owner_pid = @pid, owner_host = @host, owner_start = @start WHERE id = @id`,
    ).run({ id: sweepId, pid: process.pid, host: hostname(), start: processStartTime(process.pid) });
  }).immediate();
}
