/**
 * The store's SQL in one place, so that tests can run EXPLAIN QUERY PLAN on exactly the text
 * the store prepares.
 */
import { RUNS_TABLE } from './tables';

/** The columns of a RunRecord (tables.ts): every one but the ownership columns. */
const RUN_COLUMNS = RUNS_TABLE.recordSelect;

// Counts come from the rows themselves, each a range of a primary key (labels are clustered by
// set; label_groups' count sits before its blob, so no candidates are read).
const LABEL_SET_COLUMNS = `s.id, s.name, s.kind, s.labeler, s.source, s.created_at, s.updated_at,
  (SELECT count(*) FROM label_groups g WHERE g.label_set_id = s.id) AS group_count,
  (SELECT coalesce(sum(g.count), 0) FROM label_groups g WHERE g.label_set_id = s.id) AS candidate_count,
  (SELECT count(*) FROM labels l WHERE l.label_set_id = s.id) AS labelled_count,
  (SELECT coalesce(sum(l.label), 0) FROM labels l WHERE l.label_set_id = s.id) AS good_count`;

// A sweep's run count searches the runs_sweep_id index; no run is read.
const SWEEP_COLUMNS = `s.id, s.name, s.preset, s.base, s.grid, s.window, s.status, s.created_at,
  s.finished_at, (SELECT count(*) FROM runs r WHERE r.sweep_id = s.id) AS run_count`;

const FILTER_SUMMARY_COLUMNS = `id, name, label_set_id, settings, backend, metrics, status, error,
  created_at, finished_at`;

export const SQL = {
  insertRun: `INSERT INTO runs (id, name, preset, status, config, seed, engine_version, backend,
      created_at, started_at, generations_total, generations_done, owner_pid, owner_host,
      owner_start)
    VALUES (@id, @name, @preset, 'running', @config, @seed, @engineVersion, @backend,
      @now, @now, @generationsTotal, 0, @ownerPid, @ownerHost, @ownerStart)`,

  getRun: `SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`,

  // rowid breaks ties between runs created in the same millisecond: SQLite gives a new row
  // max(rowid) + 1, so among stored runs a higher rowid is a later insert.
  listRuns: `SELECT ${RUN_COLUMNS} FROM runs ORDER BY created_at DESC, rowid DESC`,

  insertGeneration: `INSERT INTO generations (run_id, t, sample_size, error_mean, error_rms,
      error_median, error_q25, error_q75, diversity_mean, diversity_median, kept_mean,
      test_error_mean, theory_error_mean_sq, theory_test_error, extra)
    VALUES (@runId, @t, @sampleSize, @errorMean, @errorRms, @errorMedian, @errorQ25, @errorQ75,
      @diversityMean, @diversityMedian, @keptMean, @testErrorMean, @theoryErrorMeanSq,
      @theoryTestError, @extra)`,

  // From the rows themselves rather than a counter, so progress can never disagree with them.
  updateProgress: `UPDATE runs
    SET generations_done = (SELECT coalesce(max(t), -1) + 1 FROM generations WHERE run_id = @id),
        updated_at = @now
    WHERE id = @id`,

  // The newest generation of a run (the primary key read backwards: no scan).
  lastGeneration: `SELECT t, sample_size, error_mean, error_rms, error_median, error_q25,
      error_q75, diversity_mean, diversity_median, kept_mean, test_error_mean,
      theory_error_mean_sq, theory_test_error, extra
    FROM generations WHERE run_id = ? ORDER BY t DESC LIMIT 1`,

  getGenerations: `SELECT t, sample_size, error_mean, error_rms, error_median, error_q25,
      error_q75, diversity_mean, diversity_median, kept_mean, test_error_mean,
      theory_error_mean_sq, theory_test_error, extra
    FROM generations WHERE run_id = ? ORDER BY t`,

  finishRun: `UPDATE runs
    SET status = @status, error = @error, finished_at = @now, updated_at = @now
    WHERE id = @id`,

  deleteRun: `DELETE FROM runs WHERE id = ?`,

  runExists: `SELECT 1 FROM runs WHERE id = ?`,

  setRunFilter: `UPDATE runs SET filter_id = @filterId WHERE id = @id`,

  runningRuns: `SELECT id, owner_pid, owner_host, owner_start FROM runs WHERE status = 'running'`,

  // Guarded by the owner it was judged on: if anything changed since, the row is left alone.
  // IS, not =, for owner_start: it is NULL on rows written before it existed.
  markInterrupted: `UPDATE runs
    SET status = 'interrupted', error = @error, finished_at = @now, updated_at = @now
    WHERE id = @id AND status = 'running' AND owner_pid = @ownerPid AND owner_host = @ownerHost
      AND owner_start IS @ownerStart`,

  // ---- sweeps -----------------------------------------------------------------------------

  insertSweep: `INSERT INTO sweeps (id, name, preset, base, grid, window, status, created_at,
      owner_pid, owner_host, owner_start)
    VALUES (@id, @name, @preset, @base, @grid, @window, 'running', @now, @ownerPid, @ownerHost,
      @ownerStart)`,

  getSweep: `SELECT ${SWEEP_COLUMNS} FROM sweeps s WHERE s.id = ?`,

  // rowid breaks same-millisecond ties, as in listRuns.
  listSweeps: `SELECT ${SWEEP_COLUMNS} FROM sweeps s ORDER BY s.created_at DESC, s.rowid DESC`,

  getSweepStatus: `SELECT status FROM sweeps WHERE id = ?`,

  finishSweep: `UPDATE sweeps SET status = @status, finished_at = @now WHERE id = @id`,

  // Its runs stay, with sweep_id NULL (ON DELETE SET NULL).
  deleteSweep: `DELETE FROM sweeps WHERE id = ?`,

  setRunSweep: `UPDATE runs SET sweep_id = @sweepId, sweep_point = @point WHERE id = @id`,

  setRunNote: `UPDATE runs SET note = @note WHERE id = @id`,
  setRunTags: `UPDATE runs SET tags = @tags WHERE id = @id`,

  // In insertion order; the store puts them in grid order (it knows the grid, SQL does not).
  sweepRuns: `SELECT ${RUN_COLUMNS} FROM runs WHERE sweep_id = ? ORDER BY rowid`,

  runningSweeps: `SELECT id, owner_pid, owner_host, owner_start FROM sweeps WHERE status = 'running'`,

  // As markInterrupted; a sweep keeps no error text (its runs keep theirs).
  markSweepInterrupted: `UPDATE sweeps
    SET status = 'interrupted', finished_at = @now
    WHERE id = @id AND status = 'running' AND owner_pid = @ownerPid AND owner_host = @ownerHost
      AND owner_start IS @ownerStart`,

  // ---- label sets -------------------------------------------------------------------------

  insertLabelSet: `INSERT INTO label_sets (id, name, kind, labeler, source, created_at, updated_at)
    VALUES (@id, @name, @kind, @labeler, @source, @now, @now)`,

  insertLabelGroup: `INSERT INTO label_groups (label_set_id, generation, dim, count, estimate, candidates)
    VALUES (@labelSetId, @generation, @dim, @count, @estimate, @candidates)`,

  getLabelSet: `SELECT ${LABEL_SET_COLUMNS} FROM label_sets s WHERE s.id = ?`,

  // rowid breaks same-millisecond ties, as in listRuns.
  listLabelSets: `SELECT ${LABEL_SET_COLUMNS} FROM label_sets s ORDER BY s.created_at DESC, s.rowid DESC`,

  labelSetExists: `SELECT 1 FROM label_sets WHERE id = ?`,

  getLabelGroup: `SELECT generation, dim, count, estimate, candidates
    FROM label_groups WHERE label_set_id = ? AND generation = ?`,

  getGroupLabels: `SELECT idx, label FROM labels
    WHERE label_set_id = ? AND generation = ? ORDER BY idx`,

  getLabelGenerations: `SELECT generation FROM label_groups WHERE label_set_id = ? ORDER BY generation`,

  // What saveLabels validates entries against; never touches the candidates.
  getLabelGroupSizes: `SELECT generation, count FROM label_groups WHERE label_set_id = ?`,

  upsertLabel: `INSERT INTO labels (label_set_id, generation, idx, label, labeled_by, labeled_at)
    VALUES (@labelSetId, @generation, @idx, @label, @labeledBy, @now)
    ON CONFLICT (label_set_id, generation, idx) DO UPDATE
    SET label = excluded.label, labeled_by = excluded.labeled_by, labeled_at = excluded.labeled_at`,

  deleteLabel: `DELETE FROM labels WHERE label_set_id = @labelSetId AND generation = @generation AND idx = @idx`,

  touchLabelSet: `UPDATE label_sets SET updated_at = @now WHERE id = @id`,

  // Groups and labels go by cascade; filters trained on it get label_set_id NULL.
  deleteLabelSet: `DELETE FROM label_sets WHERE id = ?`,

  // ---- filters ----------------------------------------------------------------------------

  insertFilter: `INSERT INTO filters (id, name, label_set_id, settings, model, backend, metrics,
      status, created_at, owner_pid, owner_host, owner_start)
    VALUES (@id, @name, @labelSetId, @settings, '{}', @backend, '{}', 'training', @now,
      @ownerPid, @ownerHost, @ownerStart)`,

  getFilter: `SELECT ${FILTER_SUMMARY_COLUMNS}, model FROM filters WHERE id = ?`,

  listFilters: `SELECT ${FILTER_SUMMARY_COLUMNS} FROM filters ORDER BY created_at DESC, rowid DESC`,

  getFilterStatus: `SELECT status FROM filters WHERE id = ?`,

  // A result part left out (NULL here) keeps what is stored.
  finishFilter: `UPDATE filters
    SET status = @status, model = coalesce(@model, model), metrics = coalesce(@metrics, metrics),
        error = @error, finished_at = @now
    WHERE id = @id`,

  // Training epochs go by cascade; runs that used it get filter_id NULL.
  deleteFilter: `DELETE FROM filters WHERE id = ?`,

  insertTrainingEpoch: `INSERT INTO training_epochs (filter_id, epoch, cls_loss, contr_loss, ess_loss,
      accuracy, contraction_satisfied)
    VALUES (@filterId, @epoch, @clsLoss, @contrLoss, @essLoss, @accuracy, @contractionSatisfied)`,

  getTrainingEpochs: `SELECT epoch, cls_loss, contr_loss, ess_loss, accuracy, contraction_satisfied
    FROM training_epochs WHERE filter_id = ? ORDER BY epoch`,

  trainingFilters: `SELECT id, owner_pid, owner_host, owner_start FROM filters WHERE status = 'training'`,

  markFilterInterrupted: `UPDATE filters
    SET status = 'interrupted', error = @error, finished_at = @now
    WHERE id = @id AND status = 'training' AND owner_pid = @ownerPid AND owner_host = @ownerHost
      AND owner_start IS @ownerStart`,

  // ---- run listing filters and deletion (issue 13) ------------------------------------------

  // `runs --preset/--status/--sweep/--limit`. A NULL parameter leaves its column unfiltered,
  // so one statement serves every combination; the created_at index still gives newest first,
  // and LIMIT (-1: none) stops the walk as soon as enough runs matched.
  findRuns: `SELECT ${RUN_COLUMNS} FROM runs
    WHERE (@preset IS NULL OR preset = @preset)
      AND (@status IS NULL OR status = @status)
      AND (@sweepId IS NULL OR sweep_id = @sweepId)
    ORDER BY created_at DESC, rowid DESC
    LIMIT @limit`,
} as const;
