import type { FilterRecord, FilterStatus, FilterSummary, TrainingEpochRow } from './filter-types';

/** A `filters` row as SQL.listFilters returns it (SQL.getFilter adds `model`). */
export interface FilterSummaryRow {
  id: string;
  name: string;
  label_set_id: string | null;
  settings: string;
  backend: string;
  metrics: string;
  status: FilterStatus;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface FilterRow extends FilterSummaryRow {
  model: string;
}

/** A `training_epochs` row as SQL.getTrainingEpochs returns it. */
export interface TrainingEpochDbRow {
  epoch: number;
  cls_loss: number;
  contr_loss: number;
  ess_loss: number;
  accuracy: number;
  contraction_satisfied: number;
}

/** Named parameters of SQL.insertTrainingEpoch. */
export interface TrainingEpochParams extends TrainingEpochRow {
  filterId: string;
}

export function toFilterSummary(row: FilterSummaryRow): FilterSummary {
  return {
    id: row.id,
    name: row.name,
    labelSetId: row.label_set_id,
    settings: JSON.parse(row.settings) as unknown,
    backend: row.backend,
    metrics: JSON.parse(row.metrics) as unknown,
    status: row.status,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export function toFilterRecord(row: FilterRow): FilterRecord {
  return { ...toFilterSummary(row), model: JSON.parse(row.model) as unknown };
}

/**
 * Refuses NaN and infinities (docs/cli.md: the export's `training` numbers are plain JSON
 * numbers) and a fractional or negative epoch, naming the field.
 */
export function toTrainingEpochParams(filterId: string, e: TrainingEpochRow): TrainingEpochParams {
  if (!Number.isInteger(e.epoch) || e.epoch < 0) {
    throw new RangeError(`filter ${filterId}: epoch ${e.epoch}; expected an integer >= 0`);
  }
  const params: TrainingEpochParams = {
    filterId,
    epoch: e.epoch,
    clsLoss: e.clsLoss,
    contrLoss: e.contrLoss,
    essLoss: e.essLoss,
    accuracy: e.accuracy,
    contractionSatisfied: e.contractionSatisfied,
  };
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RangeError(`filter ${filterId}, epoch ${e.epoch}: ${key} is ${value}; expected a finite number`);
    }
  }
  return params;
}

/** The inverse of toTrainingEpochParams: exactly the contract's `training` entry, in its key order. */
export function toTrainingEpochRow(row: TrainingEpochDbRow): TrainingEpochRow {
  return {
    epoch: row.epoch,
    clsLoss: row.cls_loss,
    contrLoss: row.contr_loss,
    essLoss: row.ess_loss,
    accuracy: row.accuracy,
    contractionSatisfied: row.contraction_satisfied,
  };
}
