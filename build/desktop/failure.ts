/**
 * How `npm start` fails: one line, no stack trace, exit status 2 ("could not start", as the CLI
 * uses it). Network failures are told apart from the rest, because offline the answer is
 * another way to the same UI (`npm run serve`), not a bug report.
 */
export class StartError extends Error {
  override readonly name = 'StartError';
  readonly exitCode = 2;
}

/** Error codes Node's fetch, DNS and sockets use when there is no way to the server. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/**
 * The network cause of a failed download, e.g. "getaddrinfo ENOTFOUND github.com", or undefined
 * when the failure is not about reaching the server. fetch() wraps the socket error as `cause`
 * of a bare "fetch failed", so the chain is walked.
 */
export function networkCause(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      const message = (e as { message?: unknown }).message;
      return typeof message === 'string' && message.includes(code) ? message : code;
    }
  }
  return undefined;
}

/** Finds a network error code in a build tool's log (node-gyp prints the socket error it got). */
export function networkCauseInLog(log: string): string | undefined {
  for (const code of NETWORK_CODES) {
    const line = log.split('\n').find((l) => l.includes(code));
    if (line) return line.replace(/^gyp (ERR!|info|http) /, '').trim();
  }
  return undefined;
}

/** The one line `npm start` prints when it could not fetch what the desktop app needs. */
export function offlineLine(what: string, cause: string): string {
  return `npm start: could not download ${what} (${cause}). The desktop app needs it once, with a network connection; \`npm run serve\` gives the same UI in a browser.`;
}

/** The first line of an error's message, with its cause's (fetch's "fetch failed" says nothing alone). */
export function firstLine(error: unknown): string {
  const line = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  const cause = error instanceof Error && error.cause !== undefined ? line(error.cause) : '';
  return cause && cause !== line(error) ? `${line(error)}: ${cause}` : line(error);
}
