#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI, once per Electron version, into
// node_modules/.cache/collapse-lab/, next to (not over) the Node build that `npm install`
// made for the tests and the CLI. `npm start` runs this first; it needs the internet the first
// time (node-gyp fetches Electron's headers), and is instant afterwards.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(root, 'node_modules/.cache/collapse-lab', `better-sqlite3-electron-${electronVersion}`, 'better_sqlite3.node');

if (existsSync(target)) {
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${target}`);
  process.exit(0);
}

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once; needs Electron's headers from the internet)...`);
const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'collapse-lab-sqlite-'));
try {
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${source}/build`) });
  const nodeGyp = join(dirname(require.resolve('npm/package.json', { paths: [dirname(process.execPath), '/usr/lib/node_modules', '/usr/local/lib/node_modules'] })), 'node_modules/node-gyp/bin/node-gyp.js');
  execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${target}`);
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion}: ${error instanceof Error ? error.message : error}`);
  console.error('The desktop app needs it; the CLI, the browser mode (npm run serve) and the tests do not.');
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
