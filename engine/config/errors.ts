/** One problem with a config, named by its dotted path. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A config that cannot run. `message` is the first issue as one line, "path: reason", which is
 * what the CLI prints before exiting with status 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${first.path}: ${first.message}${more}`);
    this.issues = issues;
  }
}

/** Short rendering of a bad value for messages: `-5`, `"abc"`, `[1,2]`. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const s = JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
