import type { RunConfig } from '../config/types';
import type { FilterModel } from '../neural/types';
import { RegressionBlock } from '../regression/regression-block';
import { ReplicateBlock, type GenerationBlock } from './replicate-block';

/** The block that advances replicates [first, first + count) of a run, whatever its family. */
export function createBlock(config: Readonly<RunConfig>, first: number, count: number, filterModel?: FilterModel): GenerationBlock {
  return config.model.family === 'linear-regression' ? new RegressionBlock(config, first, count) : new ReplicateBlock(config, first, count, filterModel);
}
