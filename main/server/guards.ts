import { timingSafeEqual } from 'node:crypto';

/**
 * The browser mode's gatekeeping, as pure functions (tested without a socket). The server binds
 * to loopback only; on top of that a request must carry the session token, and a WebSocket
 * upgrade must come from the page we served (Origin) addressed to us by a loopback name (Host),
 * which defeats other web pages (CSRF over WebSocket) and DNS rebinding.
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return false;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an upgrade is refused, or null when it may proceed. */
export function upgradeRefusal(req: { host?: string; origin?: string; url?: string }, port: number, token: string): string | null {
  if (!isAllowedHost(req.host, port)) return 'host not allowed';
  if (!isAllowedOrigin(req.origin, port)) return 'origin not allowed';
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/ws') return 'not found';
  if (!tokenMatches(url.searchParams.get('token'), token)) return 'bad token';
  return null;
}
