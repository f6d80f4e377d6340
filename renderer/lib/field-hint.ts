import type { FieldInfo } from '../../preload/contract';

/** A short hint of what a field accepts, from the engine's field table ("integer, ≥ 1, ≤ 1000000"). */
export function rangeHint(info: FieldInfo): string {
  const kind = info.kind === 'integer' ? 'integer' : info.kind === 'number' ? 'number' : info.kind === 'numberOrArray' ? 'number or list' : null;
  if (!kind) return '';
  const parts = [kind];
  if (info.above !== undefined) parts.push(`> ${info.above}`);
  else if (info.min !== undefined) parts.push(`≥ ${info.min}`);
  if (info.max !== undefined && info.max < 1e15) parts.push(`≤ ${info.max}`);
  return parts.join(', ');
}

/** What a form shows under a field: its doc, then its range ("weight of L_contr · number, ≥ 0, ≤ 1000000"). */
export function fieldHint(info: FieldInfo): string {
  return [info.doc, rangeHint(info)].filter(Boolean).join(' · ');
}
