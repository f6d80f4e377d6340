import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, isExternalWebUrl } from '../../../main/app/navigation';

const appEntry = new URL('file:///app/out/renderer/index.html');

describe('isExternalWebUrl', () => {
  it('is true only for http and https', () => {
    expect(isExternalWebUrl('https://arxiv.org/abs/2305.17493')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'ms-msdt:/id', 'smb://host/share', 'mailto:a@b.c', '', '//example.com']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('decideNavigation', () => {
  it("allows the app's own page", () => {
    expect(decideNavigation(appEntry.href, appEntry)).toBe('allow');
    expect(decideNavigation(`${appEntry.href}#/compare`, appEntry)).toBe('allow');
  });

  it('sends web links to the browser instead of the window', () => {
    expect(decideNavigation('https://example.com/', appEntry)).toBe('open-externally');
  });

  it('denies every other URL', () => {
    for (const url of ['file:///etc/passwd', 'file:///app/out/renderer/other.html', 'javascript:alert(1)', 'data:text/html,hi', 'about:blank', 'not a url']) {
      expect(decideNavigation(url, appEntry), url).toBe('deny');
    }
  });
});

describe('decideWindowOpen', () => {
  it('never allows a new window: web links open in the browser, the rest nowhere', () => {
    expect(decideWindowOpen('https://example.com/')).toBe('open-externally');
    expect(decideWindowOpen(appEntry.href)).toBe('deny');
    expect(decideWindowOpen('about:blank')).toBe('deny');
    expect(decideWindowOpen('file:///etc/passwd')).toBe('deny');
  });
});
