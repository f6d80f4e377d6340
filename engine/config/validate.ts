import { DEFAULT_CONFIG } from './defaults';
import { ConfigError, showValue, type ConfigIssue } from './errors';
import { checkField } from './check-field';
import { crossFieldIssues } from './cross-field';
import { CONFIG_FIELDS, closestFieldPath, fieldSpec } from './fields';
import { getPath, isPlainObject } from '../../common/path';
import { setPath } from './paths';
import type { RunConfig } from './types';

export { getPath } from '../../common/path';
export { setPath } from './paths';
export { MAX_EXPECTED_DIRECTION_DRAWS, MAX_REPLICATE_STATE, MAX_TRUTH, MAX_VALUES_PER_GENERATION, MIN_EXPECTED_KEPT, MIN_RANK_DEFICIENT_RIDGE, MIN_RELATIVE_SIGMA } from './limits';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? structuredCloneJson(base) : structuredCloneJson(over);
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(over)])) {
    out[key] = key in over ? deepMerge(base[key], over[key]) : structuredCloneJson(base[key]);
  }
  return out;
}

function structuredCloneJson(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Json);
}

/**
 * Parses a `--set` value: JSON when it parses (numbers, booleans, arrays), else the raw string,
 * as docs/cli.md says.
 */
export function parseOverrideValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Applies `PATH=VALUE` overrides to a partial config before validation. An unknown path is an
 * error naming it (with the closest known path as a hint); the input is not modified.
 */
export function applyOverrides(partial: unknown, overrides: readonly string[]): Record<string, unknown> {
  if (partial !== undefined && !isPlainObject(partial)) {
    throw new ConfigError([{ path: 'config', message: `expected a JSON object, got ${showValue(partial)}` }]);
  }
  const out = (partial === undefined ? {} : structuredCloneJson(partial)) as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  for (const item of overrides) {
    const eq = typeof item === 'string' ? item.indexOf('=') : -1;
    if (eq <= 0) {
      issues.push({ path: '--set', message: `expected PATH=VALUE, got ${showValue(item)}` });
      continue;
    }
    const path = item.slice(0, eq).trim();
    if (!fieldSpec(path)) {
      const hint = closestFieldPath(path);
      issues.push({ path: showPath(path), message: `unknown config field${hint ? ` (did you mean ${hint}?)` : ''}` });
      continue;
    }
    setPath(out, path, parseOverrideValue(item.slice(eq + 1)));
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return out;
}

function collectUnknownPaths(value: unknown, prefix: string, issues: ConfigIssue[]): void {
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (fieldSpec(path)) continue;
    const isGroup = CONFIG_FIELDS.some((f) => f.path.startsWith(`${path}.`));
    if (isGroup && isPlainObject(child)) {
      collectUnknownPaths(child, path, issues);
    } else {
      const hint = closestFieldPath(path);
      issues.push({ path: showPath(path), message: `unknown config field${hint ? ` (did you mean ${hint}?)` : ''}` });
    }
  }
}

/**
 * An unknown path as a message shows it: as typed, unless it holds a line break or another
 * control character, or ': ' (which would end the path early for readers that split "path: reason"),
 * or starts with a quote, or is empty; then as a JSON string, so the message stays one line with
 * one unambiguous path.
 */
function showPath(path: string): string {
  return path === '' || /^"|[\u0000-\u001f\u007f-\u009f\u2028\u2029]|: /.test(path) ? JSON.stringify(path) : path;
}

/**
 * Fills defaults into a partial config and validates every field (docs/cli.md paths). Throws a
 * ConfigError naming the first bad field and why ("replicates: expected a positive integer, got -5").
 */
export function resolveConfig(partial: unknown): RunConfig {
  if (!isPlainObject(partial)) throw new ConfigError([{ path: 'config', message: `expected a JSON object, got ${showValue(partial)}` }]);
  const issues: ConfigIssue[] = [];
  collectUnknownPaths(partial, '', issues);
  const merged = deepMerge(DEFAULT_CONFIG, partial) as Record<string, unknown>;
  for (const spec of CONFIG_FIELDS) {
    const value = getPath(merged, spec.path);
    if (value === undefined && spec.optional) continue;
    if (value === undefined) {
      issues.push({ path: spec.path, message: 'required' });
      continue;
    }
    const problem = checkField(spec, value);
    if (problem) issues.push({ path: spec.path, message: problem });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const config = merged as unknown as RunConfig;
  const cross = crossFieldIssues(config);
  if (cross.length > 0) throw new ConfigError(cross);
  return config;
}
