import { showValue, type ConfigIssue } from './errors';
import { CONFIG_FIELDS, failedCondition, type AppliesWhen, type FieldSpec } from './fields';
import { getPath } from '../../common/path';

/** What is wrong with one field's value by its kind and range (fields.ts), or undefined. */
export function checkField(spec: FieldSpec, value: unknown): string | undefined {
  const range = (): string => {
    const lo = spec.above !== undefined ? `> ${spec.above}` : spec.min !== undefined ? `>= ${spec.min}` : '';
    const hi = spec.max !== undefined ? `<= ${spec.max}` : '';
    return [lo, hi].filter(Boolean).join(' and ');
  };
  const inRange = (v: number): boolean =>
    (spec.min === undefined || v >= spec.min) && (spec.above === undefined || v > spec.above) && (spec.max === undefined || v <= spec.max);
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${showValue(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.values!.includes(value)
        ? undefined
        : `expected one of ${spec.values!.join(', ')}, got ${showValue(value)}`;
    case 'integer': {
      const ok = typeof value === 'number' && Number.isInteger(value) && inRange(value);
      if (ok) return undefined;
      const what = spec.min === 1 ? 'a positive integer' : spec.min === 0 ? 'a non-negative integer' : 'an integer';
      const bound = spec.max !== undefined ? ` up to ${spec.max}` : '';
      return `expected ${what}${bound}, got ${showValue(value)}`;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && inRange(value)
        ? undefined
        : `expected a number ${range()}, got ${showValue(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${showValue(value)}`;
    case 'numberOrArray': {
      const ok =
        (typeof value === 'number' && Number.isFinite(value)) ||
        (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v)));
      return ok ? undefined : `expected a number or an array of numbers, got ${showValue(value)}`;
    }
  }
}

/**
 * Fields set where their rule (fields.ts `appliesWhen`) says they do not apply, one issue each,
 * in table order. Fields of a group that share one rule (filter.labels.*, filter.training.*) are
 * named by the group, as the config writes them.
 */
export function appliesIssues(config: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const named = new Set<string>();
  for (const spec of CONFIG_FIELDS) {
    if (!spec.optional || spec.otherwise === 'ignored' || !spec.appliesWhen) continue;
    const path = reportedPath(spec);
    if (named.has(path) || getPath(config, path) === undefined) continue;
    const failed = failedCondition(spec, config);
    if (!failed) continue;
    named.add(path);
    issues.push({ path, message: appliesMessage(failed.condition, failed.actual) });
  }
  return issues;
}

/** The widest group above a field whose every field has the same rule, or the field itself. */
function reportedPath(spec: FieldSpec): string {
  const keys = spec.path.split('.');
  let path = spec.path;
  // Stop below the top-level sections (model, data, filter...), which mix rules.
  for (let k = keys.length - 1; k >= 2; k--) {
    const group = keys.slice(0, k).join('.');
    if (!CONFIG_FIELDS.every((f) => !f.path.startsWith(`${group}.`) || f.appliesWhen === spec.appliesWhen)) break;
    path = group;
  }
  return path;
}

/** "applies only to model.family linear-regression, got gaussian" (a family is named bare) or "applies only when filter.kind is 'neural', got 'none'". */
function appliesMessage(condition: AppliesWhen, actual: string): string {
  if (condition.path === 'model.family') return `applies only to model.family ${condition.is.join(' or ')}, got ${actual}`;
  return `applies only when ${condition.path} is ${condition.is.map((v) => `'${v}'`).join(' or ')}, got '${actual}'`;
}
