import { ConfigError, applyOverrides, findPreset, presetConfig, PRESETS, resolveConfig, type RunConfig } from '../../engine';
import { ServiceError } from './errors';

export interface RunRequest {
  /** A built-in preset to start from (experiments.md section 7). */
  preset?: string;
  /** A (partial) config object; fields left out take their defaults. */
  config?: unknown;
  /** `PATH=VALUE` overrides applied before validation (contract.md `--set`). */
  overrides?: readonly string[];
}

/**
 * Turns a request into a validated config without touching the store, so a run that cannot
 * start writes nothing. Throws ServiceError INVALID_CONFIG / UNKNOWN_PRESET with one line
 * naming the field and the reason.
 */
export function prepareRun(request: Readonly<RunRequest>): RunConfig {
  if (request.preset !== undefined && request.config !== undefined) {
    throw new ServiceError('BAD_REQUEST', 'give either a preset or a config, not both');
  }
  let base: unknown = request.config ?? {};
  if (request.preset !== undefined) {
    const preset = findPreset(request.preset);
    if (!preset) {
      throw new ServiceError('UNKNOWN_PRESET', `preset: unknown preset '${request.preset}' (known: ${PRESETS.map((p) => p.name).join(', ')})`);
    }
    base = presetConfig(preset);
  }
  try {
    return resolveConfig(applyOverrides(base, request.overrides ?? []));
  } catch (error) {
    if (error instanceof ConfigError) throw new ServiceError('INVALID_CONFIG', error.message);
    throw error;
  }
}
