import { describe, expect, it } from 'vitest';
import { backendTooltip } from '../../renderer/shell/backend-text';
import { PAGES, pageTitle, parseRoute, routeHref } from '../../renderer/shell/routes';

describe('routes', () => {
  it('reads the page from the fragment and falls back to Runs', () => {
    expect(parseRoute('#/new-run')).toBe('new-run');
    expect(parseRoute('#compare')).toBe('compare');
    expect(parseRoute('#/label/extra?x=1')).toBe('label');
    expect(parseRoute('')).toBe('runs');
    expect(parseRoute('#/nope')).toBe('runs');
  });

  it('round-trips every page through its link', () => {
    for (const p of PAGES) expect(parseRoute(routeHref(p.id))).toBe(p.id);
    expect(pageTitle('new-run')).toBe('New run');
  });
});

describe('backendTooltip', () => {
  it('lists every skipped backend with its reason, then the one in use', () => {
    const text = backendTooltip({
      backend: 'wasm',
      engineVersion: '0.1.0',
      threads: 2,
      chain: [
        { name: 'tfjs-node-gpu', ok: false, reason: 'not installed' },
        { name: 'tfjs-node', ok: false, reason: 'not installed' },
        { name: 'wasm', ok: true, reason: 'WebAssembly with XNNPACK on the CPU' },
      ],
    });
    expect(text.split('\n')).toEqual([
      'tfjs-node-gpu skipped: not installed',
      'tfjs-node skipped: not installed',
      'wasm in use: WebAssembly with XNNPACK on the CPU',
      '2 worker threads for runs · engine 0.1.0',
    ]);
  });
});
