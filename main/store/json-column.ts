/**
 * JSON for the columns whose content is opaque to the store (label set sources, filter
 * settings, models, metrics). JSON.stringify would quietly write NaN and infinities as null and
 * drop an undefined value altogether; both would read back as something the caller never
 * stored, so both are refused instead.
 */
export function toJsonColumn(value: unknown, what: string): string {
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new RangeError(`${what}: ${key === '' ? 'the value' : `'${key}'`} is ${v}; expected a finite number`);
    }
    return v;
  });
  if (text === undefined) throw new RangeError(`${what}: expected a JSON value but got ${String(value)}`);
  return text;
}
