/**
 * The inserts of rows with an owner exactly as schema versions 1 to 3 ran them, before
 * migration 0004 added owner_start (main/store/queries.ts has moved on). Migration tests write
 * an older store with these, so that it holds what an older Collapse Lab really wrote.
 */
export const PRE_OWNER_START_SQL = {
  /** Schema versions 1 to 3 (a run's filter and sweep columns are set after the insert). */
  insertRun: `INSERT INTO runs (id, name, preset, status, config, seed, engine_version, backend,
      created_at, started_at, generations_total, generations_done, owner_pid, owner_host)
    VALUES (@id, @name, @preset, 'running', @config, @seed, @engineVersion, @backend,
      @now, @now, @generationsTotal, 0, @ownerPid, @ownerHost)`,

  /** Versions 2 and 3. */
  insertFilter: `INSERT INTO filters (id, name, label_set_id, settings, model, backend, metrics,
      status, created_at, owner_pid, owner_host)
    VALUES (@id, @name, @labelSetId, @settings, '{}', @backend, '{}', 'training', @now,
      @ownerPid, @ownerHost)`,

  /** Version 3. */
  insertSweep: `INSERT INTO sweeps (id, name, preset, base, grid, window, status, created_at,
      owner_pid, owner_host)
    VALUES (@id, @name, @preset, @base, @grid, @window, 'running', @now, @ownerPid, @ownerHost)`,
} as const;
