/**
 * The content security policy of the app's own pages. The production policy is also the
 * `<meta>` tag in renderer/index.html (file:// pages get no response headers to carry it);
 * a test keeps the two identical.
 */
export type CspMode = 'production' | 'development';

const PRODUCTION: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

// Vite's dev server injects the React Refresh preamble as an inline script and CSS as <style>
// elements, and its HMR client talks over a WebSocket. None of this exists in a build.
const DEVELOPMENT_ADDITIONS: Readonly<Record<string, readonly string[]>> = {
  'script-src': ["'unsafe-inline'"],
  'style-src': ["'unsafe-inline'"],
  'connect-src': ['ws://localhost:*', 'ws://127.0.0.1:*'],
};

export function contentSecurityPolicy(mode: CspMode = 'production'): string {
  return Object.entries(PRODUCTION)
    .map(([directive, sources]) => {
      const extra = mode === 'development' ? (DEVELOPMENT_ADDITIONS[directive] ?? []) : [];
      return [directive, ...sources, ...extra].join(' ');
    })
    .join('; ');
}

export type ResponseHeaders = Readonly<Record<string, string | readonly string[]>>;

/** Response headers with `policy` as the only Content-Security-Policy (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = typeof value === 'string' ? [value] : [...value];
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}
