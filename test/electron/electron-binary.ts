import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where the Electron executable is, found the way `require('electron')` finds it but without
 * requiring it: since Electron 45 that require downloads the binary when it is missing,
 * which cannot work on machines without internet and would stall the test run.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const overrideDir = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (!relative && !overrideDir) return { found: false, reason: 'Electron binary not downloaded on this machine' };
  const path = overrideDir ? join(overrideDir, relative || 'electron') : join(packageDir, 'dist', relative ?? '');
  return existsSync(path) ? { found: true, path } : { found: false, reason: `Electron binary not downloaded on this machine (no ${path})` };
}
