import { describe, expect, it } from 'vitest';
import { defaultStorePath } from '../../main/store';

describe('defaultStorePath', () => {
  it('prefers $COLLAPSE_LAB_DB on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultStorePath({ platform, env: { COLLAPSE_LAB_DB: '/data/lab.sqlite' }, homedir: '/home/ada' })).toBe('/data/lab.sqlite');
    }
    // An empty value counts as unset.
    expect(defaultStorePath({ platform: 'linux', env: { COLLAPSE_LAB_DB: '' }, homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Collapse Lab/collapse-lab.sqlite',
    );
  });

  it("uses Electron's userData folder on Linux: $XDG_CONFIG_HOME or ~/.config", () => {
    expect(defaultStorePath({ platform: 'linux', env: {}, homedir: '/home/ada' })).toBe('/home/ada/.config/Collapse Lab/collapse-lab.sqlite');
    expect(defaultStorePath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/home/ada' })).toBe('/xdg/Collapse Lab/collapse-lab.sqlite');
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(defaultStorePath({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/ignored' }, homedir: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Collapse Lab/collapse-lab.sqlite',
    );
  });

  it('uses %APPDATA% on Windows, else ~\\AppData\\Roaming', () => {
    expect(defaultStorePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Collapse Lab\\collapse-lab.sqlite',
    );
    expect(defaultStorePath({ platform: 'win32', env: { AppData: 'D:\\Roam' }, homedir: 'C:\\Users\\ada' })).toBe(
      'D:\\Roam\\Collapse Lab\\collapse-lab.sqlite',
    );
    expect(defaultStorePath({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Collapse Lab\\collapse-lab.sqlite',
    );
  });
});
