import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './chromium';
import { ROOT, startServe } from './serve';

/**
 * Builds the renderer once, then starts one browser-mode server on a temporary store for the
 * whole suite; its URL (with the session token) reaches the tests through the environment.
 * Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), or set COLLAPSE_LAB_CHROMIUM`);
  }
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await startServe();
  process.env.COLLAPSE_LAB_E2E_URL = server.url;
  return () => server.stop();
}
