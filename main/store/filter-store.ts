import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import {
  toFilterRecord,
  toFilterSummary,
  toTrainingEpochParams,
  toTrainingEpochRow,
  type FilterRow,
  type FilterSummaryRow,
  type TrainingEpochDbRow,
  type TrainingEpochParams,
} from './filter-row-mapping';
import type {
  FilterRecord,
  FilterResult,
  FilterStatus,
  FilterSummary,
  FinalFilterStatus,
  NewFilterInput,
  TrainingEpochRow,
} from './filter-types';
import { toJsonColumn } from './json-column';
import { SQL } from './queries';
import { insertWithFreshId } from './run-id';

/** What the filter queries share with the RunStore that owns them. */
export interface FilterStoreContext {
  file: string;
  newId: () => string;
  now: () => Date;
  /** Recorded as the owner of the filters this store creates, as for runs. */
  pid: number;
  /** Recorded as owner_start: when `pid` started; null where unknown. */
  ownerStart: number | null;
  hostname: string;
  /** Throws LABEL_SET_NOT_FOUND for an unknown label set. */
  requireLabelSet: (id: string) => void;
}

interface InsertFilterParams {
  id: string;
  name: string;
  labelSetId: string | null;
  settings: string;
  backend: string;
  now: string;
  ownerPid: number;
  ownerHost: string;
  ownerStart: number | null;
}

interface FinishFilterParams {
  id: string;
  status: FinalFilterStatus;
  model: string | null;
  metrics: string | null;
  error: string | null;
  now: string;
}

/**
 * The filter half of the RunStore (RunStore delegates to it): trained filters, their training
 * history, and which run used which. Statements prepared once, writes IMMEDIATE.
 */
export class FilterStore {
  private readonly ctx: FilterStoreContext;

  private readonly insertStmt: Database.Statement<[InsertFilterParams]>;
  private readonly getStmt: Database.Statement<[string], FilterRow>;
  private readonly listStmt: Database.Statement<[], FilterSummaryRow>;
  private readonly statusStmt: Database.Statement<[string], FilterStatus>;
  private readonly finishStmt: Database.Statement<[FinishFilterParams]>;
  private readonly deleteStmt: Database.Statement<[string]>;
  private readonly insertEpochStmt: Database.Statement<[TrainingEpochParams]>;
  private readonly getEpochsStmt: Database.Statement<[string], TrainingEpochDbRow>;
  private readonly runExistsStmt: Database.Statement<[string], 1>;
  private readonly setRunFilterStmt: Database.Statement<[{ id: string; filterId: string | null }]>;

  private readonly createTx: Database.Transaction<(input: Readonly<NewFilterInput>) => string>;
  private readonly appendTx: Database.Transaction<(filterId: string, epochs: readonly TrainingEpochRow[]) => void>;
  private readonly finishTx: Database.Transaction<(params: FinishFilterParams) => void>;
  private readonly setRunFilterTx: Database.Transaction<(runId: string, filterId: string | null) => void>;

  constructor(db: Database.Database, ctx: FilterStoreContext) {
    this.ctx = ctx;
    this.insertStmt = db.prepare(SQL.insertFilter);
    this.getStmt = db.prepare(SQL.getFilter);
    this.listStmt = db.prepare(SQL.listFilters);
    this.statusStmt = db.prepare<[string], FilterStatus>(SQL.getFilterStatus).pluck();
    this.finishStmt = db.prepare(SQL.finishFilter);
    this.deleteStmt = db.prepare(SQL.deleteFilter);
    this.insertEpochStmt = db.prepare(SQL.insertTrainingEpoch);
    this.getEpochsStmt = db.prepare(SQL.getTrainingEpochs);
    this.runExistsStmt = db.prepare<[string], 1>(SQL.runExists).pluck();
    this.setRunFilterStmt = db.prepare(SQL.setRunFilter);

    this.createTx = db.transaction((input: Readonly<NewFilterInput>) => {
      // Checked here rather than left to the foreign key, so the error names what is missing.
      if (input.labelSetId !== null) this.ctx.requireLabelSet(input.labelSetId);
      const base = {
        name: input.name,
        labelSetId: input.labelSetId,
        settings: toJsonColumn(input.settings, 'filter settings'),
        backend: input.backend,
        now: this.timestamp(),
        ownerPid: this.ctx.pid,
        ownerHost: this.ctx.hostname,
        ownerStart: this.ctx.ownerStart,
      };
      return insertWithFreshId(this.ctx.newId, (id) => this.insertStmt.run({ id, ...base }));
    });

    // All or nothing, like a run's generations: a rejected epoch leaves the history as it was.
    this.appendTx = db.transaction((filterId: string, epochs: readonly TrainingEpochRow[]) => {
      this.requireTraining(filterId, 'append training epochs');
      for (const epoch of epochs) this.insertEpochStmt.run(toTrainingEpochParams(filterId, epoch));
    });

    this.finishTx = db.transaction((params: FinishFilterParams) => {
      this.requireTraining(params.id, `mark it ${params.status}`);
      this.finishStmt.run(params);
    });

    this.setRunFilterTx = db.transaction((runId: string, filterId: string | null) => {
      if (this.runExistsStmt.get(runId) === undefined) {
        throw new StoreError('RUN_NOT_FOUND', this.ctx.file, `no run with id ${runId}`);
      }
      if (filterId !== null) this.requireFilter(filterId);
      this.setRunFilterStmt.run({ id: runId, filterId });
    });
  }

  createFilter(input: Readonly<NewFilterInput>): FilterRecord {
    const id = this.createTx.immediate(input);
    const filter = this.getFilter(id);
    if (!filter) throw new Error(`filter ${id} vanished right after it was inserted`);
    return filter;
  }

  appendTrainingEpochs(filterId: string, epochs: readonly TrainingEpochRow[]): void {
    if (epochs.length === 0) return;
    this.appendTx.immediate(filterId, epochs);
  }

  finishFilter(filterId: string, status: FinalFilterStatus, result: FilterResult = {}): void {
    if (status === 'ready' && result.model === undefined) {
      throw new StoreError('FILTER_INCOMPLETE', this.ctx.file, `filter ${filterId} cannot be marked ready without a model`);
    }
    // Converted before the transaction: a model that is not JSON fails without taking a lock.
    const what = `filter ${filterId}`;
    this.finishTx.immediate({
      id: filterId,
      status,
      model: result.model === undefined ? null : toJsonColumn(result.model, `${what} model`),
      metrics: result.metrics === undefined ? null : toJsonColumn(result.metrics, `${what} metrics`),
      error: result.error ?? null,
      now: this.timestamp(),
    });
  }

  getFilter(id: string): FilterRecord | undefined {
    const row = this.getStmt.get(id);
    return row ? toFilterRecord(row) : undefined;
  }

  listFilters(): FilterSummary[] {
    return this.listStmt.all().map(toFilterSummary);
  }

  getTrainingEpochs(filterId: string): TrainingEpochRow[] {
    return this.getEpochsStmt.all(filterId).map(toTrainingEpochRow);
  }

  deleteFilter(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  setRunFilter(runId: string, filterId: string | null): void {
    this.setRunFilterTx.immediate(runId, filterId);
  }

  private requireFilter(id: string): FilterStatus {
    const status = this.statusStmt.get(id);
    if (status === undefined) throw new StoreError('FILTER_NOT_FOUND', this.ctx.file, `no filter with id ${id}`);
    return status;
  }

  /** A finished filter's history and result are what runs were filtered with: never rewritten. */
  private requireTraining(id: string, action: string): void {
    const status = this.requireFilter(id);
    if (status !== 'training') {
      throw new StoreError('FILTER_FINISHED', this.ctx.file, `filter ${id} is ${status}; cannot ${action}`);
    }
  }

  private timestamp(): string {
    return this.ctx.now().toISOString();
  }
}
