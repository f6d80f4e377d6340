/**
 * Errors that cross a process or transport boundary on purpose, as `{ name, code, message }`.
 * `code` lets the CLI pick an exit status and the UI pick a message without parsing text.
 */
export type ServiceErrorCode = 'INVALID_CONFIG' | 'UNKNOWN_PRESET' | 'RUN_NOT_FOUND' | 'RUN_RUNNING' | 'BAD_REQUEST' | 'BAD_BUNDLE';

export class ServiceError extends Error {
  override readonly name = 'ServiceError';

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}
