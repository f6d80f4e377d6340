import { FAMILY_SPECS, type FamilyConfigSpec } from '../config/family-specs';
import type { RunConfig } from '../config/types';
import type { FilterModel } from '../neural/types';
import { MixtureBlock } from '../mixture/mixture-block';
import { KernelRidgeBlock } from '../kernel-ridge/block';
import { RegressionBlock } from '../regression/regression-block';
import { ReplicateBlock, type GenerationBlock } from './replicate-block';
import type { RunInputs } from './run-inputs';

type BlockFactory = (config: Readonly<RunConfig>, first: number, count: number, filterModel?: FilterModel, inputs?: RunInputs) => GenerationBlock;

/** One factory per block kind of the family registry (config/family-specs.ts). */
const BLOCKS: { readonly [K in FamilyConfigSpec['block']]: BlockFactory } = {
  replicate: (config, first, count, filterModel) => new ReplicateBlock(config, first, count, filterModel),
  regression: (config, first, count) => new RegressionBlock(config, first, count),
  mixture: (config, first, count) => new MixtureBlock(config, first, count),
  'kernel-ridge': (config, first, count, _filterModel, inputs) => new KernelRidgeBlock(config, first, count, inputs),
};

/** The block that advances replicates [first, first + count) of a run, whatever its family. */
export function createBlock(config: Readonly<RunConfig>, first: number, count: number, filterModel?: FilterModel, inputs?: RunInputs): GenerationBlock {
  return BLOCKS[FAMILY_SPECS[config.model.family].block](config, first, count, filterModel, inputs);
}
