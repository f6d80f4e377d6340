/** What a failed request shows: its message and, for the services' errors, their code. */
export interface ShownError {
  message: string;
  /** The contract's code (`INVALID_CONFIG`, `RUN_NOT_FOUND`, ...), when the services sent one. */
  code: string | null;
}

/** Any thrown value as a message the page can show (BridgeError keeps the services' code). */
export function describeError(error: unknown): ShownError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message || error.name, code: typeof code === 'string' ? code : null };
  }
  if (typeof error === 'string') return { message: error, code: null };
  return { message: 'something went wrong (no message)', code: null };
}
