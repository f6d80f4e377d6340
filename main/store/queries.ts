/**
 * The store's SQL in one place, so that tests can run EXPLAIN QUERY PLAN on exactly the text
 * the store prepares.
 */

const RUN_COLUMNS = `id, name, preset, status, config, seed, engine_version, backend, created_at,
  started_at, finished_at, updated_at, error, generations_total, generations_done`;

export const SQL = {
  insertRun: `INSERT INTO runs (id, name, preset, status, config, seed, engine_version, backend,
      created_at, started_at, generations_total, generations_done, owner_pid, owner_host)
    VALUES (@id, @name, @preset, 'running', @config, @seed, @engineVersion, @backend,
      @now, @now, @generationsTotal, 0, @ownerPid, @ownerHost)`,

  getRun: `SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`,

  // rowid breaks ties between runs created in the same millisecond: SQLite gives a new row
  // max(rowid) + 1, so among stored runs a higher rowid is a later insert.
  listRuns: `SELECT ${RUN_COLUMNS} FROM runs ORDER BY created_at DESC, rowid DESC`,

  insertGeneration: `INSERT INTO generations (run_id, t, sample_size, error_mean, error_rms,
      error_median, error_q25, error_q75, diversity_mean, diversity_median, kept_mean,
      test_error_mean, theory_error_mean_sq, theory_test_error, extra)
    VALUES (@runId, @t, @sampleSize, @errorMean, @errorRms, @errorMedian, @errorQ25, @errorQ75,
      @diversityMean, @diversityMedian, @keptMean, @testErrorMean, @theoryErrorMeanSq,
      @theoryTestError, NULL)`,

  // From the rows themselves rather than a counter, so progress can never disagree with them.
  updateProgress: `UPDATE runs
    SET generations_done = (SELECT coalesce(max(t), -1) + 1 FROM generations WHERE run_id = @id),
        updated_at = @now
    WHERE id = @id`,

  getGenerations: `SELECT t, sample_size, error_mean, error_rms, error_median, error_q25,
      error_q75, diversity_mean, diversity_median, kept_mean, test_error_mean,
      theory_error_mean_sq, theory_test_error
    FROM generations WHERE run_id = ? ORDER BY t`,

  finishRun: `UPDATE runs
    SET status = @status, error = @error, finished_at = @now, updated_at = @now
    WHERE id = @id`,

  deleteRun: `DELETE FROM runs WHERE id = ?`,

  runningRuns: `SELECT id, owner_pid, owner_host FROM runs WHERE status = 'running'`,

  // Guarded by the owner it was judged on: if anything changed since, the row is left alone.
  markInterrupted: `UPDATE runs
    SET status = 'interrupted', error = @error, finished_at = @now, updated_at = @now
    WHERE id = @id AND status = 'running' AND owner_pid = @ownerPid AND owner_host = @ownerHost`,
} as const;
