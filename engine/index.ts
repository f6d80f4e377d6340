/** The engine's public API: everything a host (CLI, services, workers, tests) may import. */
export type { RunConfig, Family, DataMode, FilterKind, Schedule } from './config/types';
export type { GenerationSummary, ErrorSummary } from './core/summary-types';
export { resolveConfig, applyOverrides, parseOverrideValue, getPath, setPath, MAX_VALUES_PER_GENERATION } from './config/validate';
export { ConfigError, type ConfigIssue } from './config/errors';
export { CONFIG_FIELDS, fieldSpec, type FieldSpec } from './config/fields';
export { DEFAULT_CONFIG, truthVector } from './config/defaults';
export { PRESETS, findPreset, presetConfig, type Preset } from './presets';
export { runSimulation, GenerationSummariser, type SimulationOptions, type SimulationResult, type AbortSignalLike } from './core/simulate';
export { ReplicateBlock, type GenerationRaw } from './core/replicate-block';
export { SimulationFailure, SimulationAborted } from './core/failure';
export { sampleSizeAt, scheduleExponent, maxSampleSize } from './core/schedules';
export { createErrorTheory, hasErrorTheory } from './theory/recursion';
export { oracleRho, oracleStationaryMse } from './theory/oracle';
export { freshStationaryVariance, freshOptimalWeight, freshNaiveWeight } from './theory/fresh';
export { ENGINE_VERSION, JS_BACKEND } from './version';
