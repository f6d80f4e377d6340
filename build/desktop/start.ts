/**
 * `npm start`: the desktop app. Before handing over to `electron-vite preview` (which builds
 * the app and starts Electron) it makes sure the two things the app needs beyond `npm install`
 * are here: the Electron binary, downloaded once with a progress line, and better-sqlite3 built
 * for Electron's ABI, checked before use. Anything that stops it is one line and exit status 2;
 * offline, the line says what could not be fetched and that `npm run serve` gives the same UI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { electronInstallTools, findElectronBinary, installElectron, readElectronPackage, type DownloadProgress, type ElectronPackage } from './electron-binary';
import { StartError, firstLine, networkCause, offlineLine } from './failure';
import { progressLine } from './progress-line';
import { ensureSqliteForElectron } from './sqlite-for-electron';

const ROOT = resolve(import.meta.dirname, '..', '..');

async function ensureElectron(pkg: ElectronPackage): Promise<string> {
  const found = findElectronBinary(pkg);
  if (found.found) return found.path;
  const what = `Electron ${pkg.version} for ${process.platform}-${process.arch}`;
  const tty = process.stderr.isTTY === true;
  let shown = -1;
  // Said only once bytes flow (or the server is slow to answer), so that offline the one
  // line printed is the one that says what to do.
  const slow = setTimeout(() => process.stderr.write(`Connecting to download ${what} (once; about 100 MB)...\n`), 3000);
  const onProgress = (p: DownloadProgress): void => {
    clearTimeout(slow);
    const line = progressLine(what, p);
    const step = p.total ? Math.floor((10 * p.transferred) / p.total) : -1;
    // A terminal gets one line redrawn in place; a log gets a line every 10%.
    if (tty) process.stderr.write(`\r${line}`);
    else if (step > shown) process.stderr.write(`${line}\n`);
    shown = Math.max(shown, step);
  };
  try {
    const tools = electronInstallTools();
    const download: typeof tools.download = (...args) => tools.download(...args).finally(() => clearTimeout(slow));
    const path = await installElectron(pkg, { ...tools, download }, onProgress);
    if (tty) process.stderr.write('\n');
    return path;
  } catch (error) {
    clearTimeout(slow);
    if (tty && shown >= 0) process.stderr.write('\n');
    const network = networkCause(error);
    throw new StartError(network ? offlineLine(what, network) : `npm start: could not install ${what}: ${firstLine(error)}`);
  }
}

/** Electron's NODE_MODULE_VERSION: the package states it; older ones are asked directly. */
function electronAbi(pkg: ElectronPackage, executable: string): number {
  if (pkg.abi !== undefined) return pkg.abi;
  const r = spawnSync(executable, ['-p', 'process.versions.modules'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
  const abi = Number(r.stdout?.trim());
  if (!Number.isInteger(abi)) throw new StartError(`npm start: could not ask Electron ${pkg.version} for its NODE_MODULE_VERSION (${r.error?.message ?? r.stderr?.trim() ?? 'no answer'})`);
  return abi;
}

/** Runs electron-vite preview, passing signals on and leaving with its status. */
function preview(executable: string): Promise<number> {
  const bin = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [bin, 'preview', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: executable },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 128 + signalNumber(signal) : 1))));
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal as string] ?? 1;
}

async function main(): Promise<number> {
  const pkg = readElectronPackage(ROOT);
  const executable = await ensureElectron(pkg);
  ensureSqliteForElectron({ root: ROOT, electron: pkg, abi: electronAbi(pkg, executable), log: (line) => process.stderr.write(`${line}\n`) });
  return preview(executable);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof StartError ? error.message : `npm start: ${firstLine(error)}`}\n`);
    process.exit(2);
  },
);
