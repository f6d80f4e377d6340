import { ConfigError, applyOverrides, findPreset, presetConfig, PRESETS, resolveConfig, type RunConfig } from '../../engine';
import { showValue } from '../../engine/config/errors';
import { ServiceError } from './errors';

import type { RunRequest } from '../../preload/contract';

export type { RunRequest } from '../../preload/contract';

/**
 * Turns a request into a validated config without touching the store, so a run that cannot
 * start writes nothing. Throws ServiceError INVALID_CONFIG / UNKNOWN_PRESET with one line
 * naming the field and the reason.
 */
export function prepareRun(request: Readonly<RunRequest>): RunConfig {
  checkRequestShape(request);
  if (request.preset !== undefined && request.config !== undefined) {
    throw new ServiceError('BAD_REQUEST', 'request: give either a preset or a config, not both');
  }
  let base: unknown = request.config ?? {};
  if (request.preset !== undefined) {
    const preset = findPreset(request.preset);
    if (!preset) {
      throw new ServiceError('UNKNOWN_PRESET', `preset: unknown preset ${quoted(request.preset)} (known: ${PRESETS.map((p) => p.name).join(', ')})`);
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

/**
 * A request arrives as JSON from the IPC, the WebSocket or a script: each part of the wrong type
 * is refused naming it, before validation could trip over it (docs/cli.md: one line naming the field).
 */
export function checkRequestShape(request: unknown): asserts request is RunRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new ServiceError('BAD_REQUEST', `request: expected an object {preset?, config?, overrides?}, got ${showValue(request)}`);
  }
  const { preset, overrides } = request as Record<string, unknown>;
  if (preset !== undefined && typeof preset !== 'string') {
    throw new ServiceError('UNKNOWN_PRESET', `preset: expected a preset name, got ${showValue(preset)}`);
  }
  if (overrides !== undefined && !(Array.isArray(overrides) && overrides.every((o) => typeof o === 'string'))) {
    throw new ServiceError('INVALID_CONFIG', `overrides: expected an array of PATH=VALUE strings, got ${showValue(overrides)}`);
  }
}

/** A name as messages quote it: 'name', or a JSON string when it would break the line. */
function quoted(name: string): string {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name) ? JSON.stringify(name) : `'${name}'`;
}
