/**
 * Every failure the store reports on purpose is a StoreError: a stable `code` that callers
 * (CLI exit paths, the UI) can branch on, and a one-line message that names the file, because
 * the CLI prints it as is and a user with several stores needs to know which one is wrong.
 */
export type StoreErrorCode =
  | 'STORE_TOO_NEW'
  | 'STORE_NOT_SQLITE'
  | 'STORE_CORRUPT'
  | 'STORE_READONLY'
  /** The disk holding the store is full (or the store reached a size limit): SQLITE_FULL. */
  | 'STORE_FULL'
  | 'STORE_OPEN_FAILED'
  | 'RUN_NOT_FOUND'
  | 'RUN_INCOMPLETE'
  /** deleteRuns refused a run another process is still writing; nothing was deleted. */
  | 'RUN_RUNNING'
  | 'LABEL_SET_NOT_FOUND'
  /** saveLabels refused an entry (unknown generation, idx out of range, bad label); nothing was written. */
  | 'BAD_LABEL'
  | 'FILTER_NOT_FOUND'
  /** The filter is no longer 'training': its history and result are closed. */
  | 'FILTER_FINISHED'
  /** A filter cannot be 'ready' without a model. */
  | 'FILTER_INCOMPLETE'
  | 'SWEEP_NOT_FOUND'
  /** The sweep is no longer 'running': its status is closed. */
  | 'SWEEP_FINISHED'
  /** The sweep is still 'running', owned by a live process (it cannot be reopened). */
  | 'SWEEP_RUNNING';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  /** The store file the error is about (`:memory:` for an in-memory store). */
  readonly file: string;

  constructor(code: StoreErrorCode, file: string, detail: string, options?: { cause?: unknown }) {
    super(`${file}: ${detail}`, options);
    this.code = code;
    this.file = file;
  }
}

export function isStoreError(value: unknown): value is StoreError {
  return value instanceof StoreError;
}
