/**
 * Log axes need strictly positive values (stack-notes: ECharts log axis), but the losses reach
 * 0 exactly: L_contr is a hinge and L_ess a floor penalty, both 0 once satisfied. Rather than
 * drop those epochs (the curve would vanish just when the constraint is met), they are drawn
 * on a floor one decade below the smallest positive value, labelled as 0 on the chart, and the
 * tooltip keeps the true value.
 */

/** What a log axis falls back to when a chart has no positive value at all. */
export const DEFAULT_LOG_FLOOR = 1e-6;

/** The smallest finite value > 0 across the columns, or null when there is none. */
export function minPositive(columns: readonly (readonly number[])[]): number | null {
  let min = Infinity;
  for (const column of columns) {
    for (const v of column) if (v > 0 && v < min && Number.isFinite(v)) min = v;
  }
  return min === Infinity ? null : min;
}

/** The floor of a log axis: the power of ten one decade below the smallest positive value. */
export function logFloor(columns: readonly (readonly number[])[], fallback = DEFAULT_LOG_FLOOR): number {
  const min = minPositive(columns);
  if (min === null) return fallback;
  // Denormals would give 0 (or a floor ECharts cannot place): they sit on 1e-300 instead.
  return Math.max(10 ** (Math.floor(Math.log10(min)) - 1), 1e-300);
}

/** A column ready for a log axis: values <= floor (0 included) on the floor, non-finite ones as gaps. */
export function logSafe(values: readonly number[], floor: number): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) || v === Infinity ? null : v > floor ? v : floor;
  }
  return out;
}

/** How many finite values of the columns sit on the floor (drawn there, not at their value). */
export function countOnFloor(columns: readonly (readonly number[])[], floor: number): number {
  let n = 0;
  for (const column of columns) for (const v of column) if (!Number.isNaN(v) && v !== Infinity && v <= floor) n++;
  return n;
}
