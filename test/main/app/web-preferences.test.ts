import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../main/app/web-preferences';

describe('secureWebPreferences', () => {
  it('sandboxes and isolates the renderer and keeps Node out of it', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});
