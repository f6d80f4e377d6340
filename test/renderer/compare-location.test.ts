import { describe, expect, it } from 'vitest';
import { compareHref, DEFAULT_LOCATION, DEFAULT_TOOLS, parseCompareLocation, sameLocation, type CompareLocation } from '../../renderer/compare/compare-location';
import { parseRoute } from '../../renderer/shell/routes';

const view: CompareLocation = {
  runs: ['abc12345', 'def67890', 'ghi00000'],
  pinned: 'def67890',
  tools: { view: 'sweep', metric: 'error', yLog: true, xLog: true, bands: false, window: 'last-half' },
  sweep: 'swp00001',
  sweepIndex: 2,
  text: 'long walk, n0',
  status: 'completed',
};

describe('the Compare view in the URL (issue 14)', () => {
  it('the default view is the bare page address, and reads back as the default', () => {
    expect(compareHref(DEFAULT_LOCATION)).toBe('#/compare');
    expect(parseCompareLocation('#/compare')).toEqual(DEFAULT_LOCATION);
    expect(parseCompareLocation('')).toEqual(DEFAULT_LOCATION);
    expect(DEFAULT_LOCATION.tools).toEqual(DEFAULT_TOOLS);
  });

  it('round-trips every part, readable, and stays on the Compare page', () => {
    const href = compareHref(view);
    expect(href).toBe('#/compare?runs=abc12345,def67890,ghi00000&base=def67890&view=sweep&metric=error&y=log&x=log&bands=off&window=last-half&sweep=swp00001&group=2&q=long+walk,+n0&status=completed');
    expect(parseCompareLocation(href)).toEqual(view);
    expect(parseRoute(href)).toBe('compare');
    expect(sameLocation(parseCompareLocation(href), view)).toBe(true);
  });

  it('keeps the parameter-paths view in the address', () => {
    const href = compareHref({ ...DEFAULT_LOCATION, runs: ['a1', 'b2'], tools: { ...DEFAULT_TOOLS, view: 'paths' } });
    expect(href).toBe('#/compare?runs=a1,b2&view=paths');
    expect(parseCompareLocation(href).tools.view).toBe('paths');
  });

  it('writes only what differs from the default', () => {
    expect(compareHref({ ...DEFAULT_LOCATION, runs: ['a1'], tools: { ...DEFAULT_TOOLS, yLog: true } })).toBe('#/compare?runs=a1&y=log');
    expect(compareHref({ ...DEFAULT_LOCATION, runs: ['a1', 'b2'], pinned: 'a1' })).toBe('#/compare?runs=a1,b2&base=a1');
  });

  it('falls back to the default for anything it cannot read, and keeps the run order', () => {
    const loc = parseCompareLocation('#/compare?runs=b2,a1,,b2,<x>&base=zz&metric=nope&y=sideways&view=pie&window=9&group=-1&status=odd&bands=maybe');
    expect(loc.runs).toEqual(['b2', 'a1']);
    expect(loc.pinned).toBeNull(); // not one of the runs
    expect(loc.tools).toEqual(DEFAULT_TOOLS);
    expect(loc.sweepIndex).toBe(0);
    expect(loc.status).toBe('all');
    // Percent-encoded as a browser may hand it back.
    expect(parseCompareLocation('#/compare?runs=a1%2Cb2&x=linear&y=log&q=a%20b').runs).toEqual(['a1', 'b2']);
    expect(parseCompareLocation('#/compare?q=a%20b').text).toBe('a b');
  });

  it('a view differs from another by its fragment', () => {
    expect(sameLocation(view, { ...view, tools: { ...view.tools, xLog: false } })).toBe(false);
    expect(sameLocation(view, { ...view, runs: [...view.runs].reverse() })).toBe(false);
  });
});
