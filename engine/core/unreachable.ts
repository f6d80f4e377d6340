/**
 * The end of an exhaustive switch over a registry's names: `value` has type never when every name
 * has its case, so a new name without one is a compile error here, and a value from outside the
 * types (an unvalidated config) fails loudly instead of taking another branch.
 */
export function unreachable(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
