import { posix, win32 } from 'node:path';

export const STORE_FILE_NAME = 'collapse-lab.sqlite';
/** package.json's productName: Electron names the user-data folder after it. */
export const PRODUCT_NAME = 'Collapse Lab';

export interface DefaultPathInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

/**
 * The store the CLI and the desktop app share when no `--db` is given (docs/cli.md, "Store"):
 * `$COLLAPSE_LAB_DB` if set, else `collapse-lab.sqlite` in the folder Electron's
 * `app.getPath('userData')` returns. Computed here rather than asked of Electron so the CLI,
 * which never loads Electron, lands on the same file. Pure, so every platform is testable
 * anywhere.
 */
export function defaultStorePath({ platform, env, homedir }: DefaultPathInput): string {
  const override = env.COLLAPSE_LAB_DB;
  if (override) return override;
  const path = platform === 'win32' ? win32 : posix;
  return path.join(appDataDir(platform, env, homedir), PRODUCT_NAME, STORE_FILE_NAME);
}

/** Electron's `app.getPath('appData')`, of which userData is the productName subfolder. */
function appDataDir(platform: NodeJS.Platform, env: DefaultPathInput['env'], homedir: string): string {
  if (platform === 'win32') {
    return envValue(env, 'APPDATA', true) || win32.join(homedir, 'AppData', 'Roaming');
  }
  if (platform === 'darwin') {
    return posix.join(homedir, 'Library', 'Application Support');
  }
  // Linux and the other Unixes follow the XDG base directory spec, as Chromium does.
  return envValue(env, 'XDG_CONFIG_HOME', false) || posix.join(homedir, '.config');
}

/** Windows environment names are case-insensitive; a plain object passed in is not. */
function envValue(env: DefaultPathInput['env'], name: string, ignoreCase: boolean): string | undefined {
  if (!ignoreCase) return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}
