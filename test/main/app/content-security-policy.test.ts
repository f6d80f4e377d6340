import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withContentSecurityPolicy } from '../../../main/app/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

describe('contentSecurityPolicy', () => {
  it('allows only the app itself in production: no inline code, no remote content', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe|https?:|ws:|\*/);
      }
    }
  });

  it('adds only what the Vite dev server needs in development', () => {
    const production = directives(contentSecurityPolicy('production'));
    const development = directives(contentSecurityPolicy('development'));
    expect([...development.keys()]).toEqual([...production.keys()]);
    expect(development.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(development.get('connect-src')).toEqual(["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*']);
    expect(development.get('default-src')).toEqual(["'self'"]);
  });

  it("is the policy of renderer/index.html's meta tag (file:// pages get no headers)", () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy('production'));
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the response carried, whatever the header case', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'], 'X-Single': 'value' },
      "default-src 'self'",
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'X-Single': ['value'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });

  it('adds the policy when the response had no headers', () => {
    expect(withContentSecurityPolicy(undefined, "default-src 'self'")).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
