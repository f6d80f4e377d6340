/**
 * `npm start` (build/desktop/): the ABI check on native modules, the node-gyp command that
 * builds for Electron whatever npm's config says, the rebuild-once-then-refuse rule for the
 * SQLite build, an Electron install that leaves nothing half-done, and the one offline line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary, installElectron, readElectronPackage, type ElectronPackage, type InstallTools } from '../../build/desktop/electron-binary';
import { StartError, networkCause, networkCauseInLog, offlineLine } from '../../build/desktop/failure';
import { abiVerdict, addonAbi } from '../../build/desktop/native-abi';
import { progressLine } from '../../build/desktop/progress-line';
import { ELECTRON_HEADERS_URL, electronGypCommand, electronSqlitePath, ensureSqliteForElectron } from '../../build/desktop/sqlite-for-electron';

const ROOT = resolve(import.meta.dirname, '../..');
/** The better-sqlite3 that `npm install` built for this Node: a real V8-API addon. */
const NODE_BUILD = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const NODE_ABI = Number(process.versions.modules);

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-start-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An addon-shaped file carrying one exported symbol among other bytes. */
function fakeAddon(symbol: string): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff]), Buffer.alloc(4096, 0x90), Buffer.from(`\0${symbol}\0`), Buffer.alloc(512, 0)]);
}

describe('the ABI check on native modules', () => {
  it('reads the Node build of better-sqlite3 as built for this Node, and refuses it for Electron 45 (ABI 150)', () => {
    const abi = addonAbi(readFileSync(NODE_BUILD));
    expect(abi).toEqual({ kind: 'node', moduleVersion: NODE_ABI });
    expect(abiVerdict(abi, NODE_ABI, `Node ${process.version}`)).toEqual({ ok: true });
    const refused = abiVerdict(abi, 150, 'Electron 45.4.1');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toBe(`it was built for NODE_MODULE_VERSION ${NODE_ABI}${NODE_ABI === 115 ? ' (Node 20)' : NODE_ABI === 127 ? ' (Node 22)' : ''}, and Electron 45.4.1 needs 150`);
  });

  it('accepts a module carrying the matching version symbol, and a Node-API module anywhere', () => {
    expect(addonAbi(fakeAddon('node_register_module_v150'))).toEqual({ kind: 'node', moduleVersion: 150 });
    expect(abiVerdict(addonAbi(fakeAddon('node_register_module_v150')), 150, 'Electron 45.4.1')).toEqual({ ok: true });
    expect(abiVerdict(addonAbi(fakeAddon('node_register_module_v140')), 150, 'Electron 45.4.1').ok).toBe(false);
    expect(addonAbi(fakeAddon('napi_register_module_v1'))).toEqual({ kind: 'napi' });
    expect(abiVerdict({ kind: 'napi' }, 150, 'Electron 45.4.1')).toEqual({ ok: true });
  });

  it('refuses a file with no module entry point', () => {
    const verdict = abiVerdict(addonAbi(Buffer.from('not an addon at all')), 150, 'Electron 45.4.1');
    expect(verdict).toEqual({ ok: false, reason: 'it exports no Node module entry point (not a Node addon, or a damaged file)' });
  });
});

describe('the node-gyp command for Electron', () => {
  it("passes Electron's runtime, version and headers, and drops npm's nodedir (which would win and build for Node)", () => {
    const env = { PATH: '/usr/bin', HOME: '/root', npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_target: '20.20.2', npm_config_runtime: 'node', npm_config_disturl: 'https://nodejs.org/dist', npm_config_cache: '/root/.npm' };
    const command = electronGypCommand('/x/node-gyp.js', '45.4.1', 'x64', env);
    expect(command.args).toEqual(['/x/node-gyp.js', 'rebuild', '--release', '--runtime=electron', '--target=45.4.1', '--arch=x64', `--dist-url=${ELECTRON_HEADERS_URL}`]);
    expect(command.env).toEqual({ PATH: '/usr/bin', HOME: '/root', npm_config_cache: '/root/.npm' });
  });
});

/** A project folder holding just enough of better-sqlite3 for the build step to copy. */
function projectWithSqlite(): { root: string; electron: ElectronPackage } {
  const root = temp();
  writeFileSync(join(root, 'package.json'), '{"name":"p","version":"0.0.0"}');
  const sqlite = join(root, 'node_modules/better-sqlite3');
  mkdirSync(join(sqlite, 'build/Release'), { recursive: true });
  writeFileSync(join(sqlite, 'package.json'), '{"name":"better-sqlite3","version":"12.0.0"}');
  writeFileSync(join(sqlite, 'binding.gyp'), '{}');
  writeFileSync(join(sqlite, 'build/Release/better_sqlite3.node'), readFileSync(NODE_BUILD));
  return { root, electron: { dir: join(root, 'node_modules/electron'), version: '45.4.1', abi: 150 } };
}

/** A stand-in for node-gyp that writes a module exporting the given symbol. */
function builder(symbols: string[], calls: string[][]) {
  return (dir: string, command: { args: string[] }) => {
    calls.push(command.args);
    expect(existsSync(join(dir, 'build'))).toBe(false); // the Node build is not copied into the work folder
    const symbol = symbols[Math.min(calls.length - 1, symbols.length - 1)]!;
    mkdirSync(join(dir, 'build/Release'), { recursive: true });
    writeFileSync(join(dir, 'build/Release/better_sqlite3.node'), fakeAddon(symbol));
    return { status: 0, output: 'gyp info ok' };
  };
}

describe('better-sqlite3 for Electron', () => {
  it('never uses a cached build for the wrong ABI: it is deleted and rebuilt, and the new one is checked', () => {
    const { root, electron } = projectWithSqlite();
    const cached = electronSqlitePath(root, electron.version);
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, readFileSync(NODE_BUILD)); // the bad build an earlier version cached
    const calls: string[][] = [];
    const lines: string[] = [];
    const path = ensureSqliteForElectron({ root, electron, abi: 150, nodeGyp: '/x/node-gyp.js', log: (l) => lines.push(l), build: builder(['node_register_module_v150'], calls) });
    expect(path).toBe(cached);
    expect(addonAbi(readFileSync(cached))).toEqual({ kind: 'node', moduleVersion: 150 });
    expect(calls).toHaveLength(1);
    expect(lines[0]).toContain(`The cached better-sqlite3 for Electron 45.4.1 cannot load: it was built for NODE_MODULE_VERSION ${NODE_ABI}`);
    // The Node build the tests and the CLI use is untouched.
    expect(readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).equals(readFileSync(NODE_BUILD))).toBe(true);
    // A good cached build is used as it is.
    expect(ensureSqliteForElectron({ root, electron, abi: 150, nodeGyp: '/x', log: () => {}, build: builder(['x'], calls) })).toBe(cached);
    expect(calls).toHaveLength(1);
  });

  it('rebuilds a mismatched build once, then refuses with one line and caches nothing', () => {
    const { root, electron } = projectWithSqlite();
    const calls: string[][] = [];
    const run = () => ensureSqliteForElectron({ root, electron, abi: 150, nodeGyp: '/x', log: () => {}, build: builder(['node_register_module_v115'], calls) });
    expect(run).toThrow(StartError);
    expect(calls).toHaveLength(2);
    expect(run).toThrow(/^npm start: better-sqlite3 was built twice for Electron 45\.4\.1 and both builds are unusable \(it was built for NODE_MODULE_VERSION 115 \(Node 20\), and Electron 45\.4\.1 needs 150\); nothing was cached\.$/);
    expect(existsSync(electronSqlitePath(root, electron.version))).toBe(false);
  });

  it('accepts a second build that matches after a first that did not', () => {
    const { root, electron } = projectWithSqlite();
    const calls: string[][] = [];
    ensureSqliteForElectron({ root, electron, abi: 150, nodeGyp: '/x', log: () => {}, build: builder(['node_register_module_v115', 'node_register_module_v150'], calls) });
    expect(calls).toHaveLength(2);
    expect(addonAbi(readFileSync(electronSqlitePath(root, electron.version)))).toEqual({ kind: 'node', moduleVersion: 150 });
  });

  it("offline, says that Electron's headers could not be fetched and keeps node-gyp's output in a log", () => {
    const { root, electron } = projectWithSqlite();
    const output = 'gyp info it worked if it ends with ok\ngyp http GET https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz\ngyp ERR! stack FetchError: request to https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz failed, reason: getaddrinfo ENOTFOUND electronjs.org\n';
    const run = () => ensureSqliteForElectron({ root, electron, abi: 150, nodeGyp: '/x', log: () => {}, build: () => ({ status: 1, output }) });
    expect(run).toThrow(StartError);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).toBe(offlineLine("Electron's headers to build better-sqlite3 for Electron 45.4.1", 'stack FetchError: request to https://electronjs.org/headers/v45.4.1/node-v45.4.1-headers.tar.gz failed, reason: getaddrinfo ENOTFOUND electronjs.org'));
    }
    expect(readFileSync(`${join(electronSqlitePath(root, electron.version), '..')}.log`, 'utf8')).toBe(output);
    expect(existsSync(electronSqlitePath(root, electron.version))).toBe(false);
  });

  it('names the log when node-gyp fails for another reason', () => {
    const { root, electron } = projectWithSqlite();
    expect(() => ensureSqliteForElectron({ root, electron, abi: 150, nodeGyp: '/x', log: () => {}, build: () => ({ status: 1, output: 'gyp ERR! make failed' }) })).toThrow(
      /^npm start: node-gyp could not build better-sqlite3 for Electron 45\.4\.1 \(exit 1\); its output is in .*better-sqlite3-electron-45\.4\.1\.log$/,
    );
  });
});

/** An `electron` package folder as npm installs it: manifest, no binary. */
function electronPackage(): ElectronPackage {
  const root = temp();
  writeFileSync(join(root, 'package.json'), '{"name":"p"}');
  const dir = join(root, 'node_modules/electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  writeFileSync(join(dir, 'abi_version'), '150\n');
  return readElectronPackage(root);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('the Electron binary', () => {
  it("reads the package's version and ABI, and finds no binary in a fresh install", () => {
    const pkg = electronPackage();
    expect([pkg.version, pkg.abi]).toEqual(['45.4.1', 150]);
    expect(findElectronBinary(pkg, {}, 'linux')).toEqual({ found: false, reason: 'the Electron 45.4.1 binary is not downloaded on this machine' });
  });

  it('installs into dist/ and writes path.txt last; then the binary is found', async () => {
    const pkg = electronPackage();
    const tools: InstallTools = {
      download: async (_pkg, onProgress) => {
        onProgress({ transferred: 50, total: 100 });
        return '/cache/electron.zip';
      },
      extract: async (_pkg, _zip, dir) => {
        writeFileSync(join(dir, 'electron'), '#!/bin/sh\n');
        writeFileSync(join(dir, 'version'), 'v45.4.1');
        writeFileSync(join(dir, 'electron.d.ts'), '// typings from the archive');
      },
    };
    const seen: number[] = [];
    const path = await installElectron(pkg, tools, (p) => seen.push(p.transferred), 'linux');
    expect(path).toBe(join(pkg.dir, 'dist/electron'));
    expect(seen).toEqual([50]);
    expect(readFileSync(join(pkg.dir, 'path.txt'), 'utf8')).toBe('electron');
    expect(readFileSync(join(pkg.dir, 'electron.d.ts'), 'utf8')).toBe('// typings from the archive');
    expect(findElectronBinary(pkg, {}, 'linux')).toEqual({ found: true, path });
  });

  it('leaves nothing half-installed when the extraction fails midway', async () => {
    const pkg = electronPackage();
    const before = readdirSync(pkg.dir).sort();
    const tools: InstallTools = {
      download: async () => '/cache/electron.zip',
      extract: async (_pkg, _zip, dir) => {
        writeFileSync(join(dir, 'libffmpeg.so'), 'part');
        throw new Error('invalid zip: unexpected end of data');
      },
    };
    await expect(installElectron(pkg, tools, () => {}, 'linux')).rejects.toThrow('invalid zip');
    expect(readdirSync(pkg.dir).sort()).toEqual(before);
  });

  it('turns a refused connection into one offline line, with nothing written', async () => {
    const pkg = electronPackage();
    const port = await closedPort();
    const tools: InstallTools = {
      download: async () => {
        await fetch(`http://127.0.0.1:${port}/electron-v45.4.1-linux-x64.zip`);
        return 'unreachable';
      },
      extract: async () => {
        throw new Error('not reached');
      },
    };
    const error = await installElectron(pkg, tools, () => {}, 'linux').then(() => undefined, (e: unknown) => e);
    expect(networkCause(error)).toBe(`connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(readdirSync(pkg.dir).sort()).toEqual(['abi_version', 'package.json']);
  });

  it('tells a network failure from another one', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' });
    expect(networkCause(new TypeError('fetch failed', { cause: dns }))).toBe('getaddrinfo ENOTFOUND github.com');
    expect(networkCause(new Error('Response code 404 (Not Found)'))).toBeUndefined();
    expect(networkCauseInLog('gyp ERR! stack Error: connect ETIMEDOUT 1.2.3.4:443')).toBe('stack Error: connect ETIMEDOUT 1.2.3.4:443');
    expect(networkCauseInLog('gyp ERR! make failed')).toBeUndefined();
  });

  it('shows download progress as a percentage of the size', () => {
    expect(progressLine('Electron 45.4.1 for linux-x64', { transferred: 44 * 1048576, total: 110 * 1048576 })).toBe('Downloading Electron 45.4.1 for linux-x64: 40% of 110 MB');
    expect(progressLine('Electron 45.4.1 for linux-x64', { transferred: 3 * 1048576, total: null })).toBe('Downloading Electron 45.4.1 for linux-x64: 3 MB');
  });
});

const installed = findElectronBinary(readElectronPackage(ROOT));

describe.skipIf(installed.found)(`npm start offline${installed.found ? ' (skipped: Electron is installed here, so npm start would launch the app)' : ''}`, () => {
  it('prints one line naming what could not be fetched and `npm run serve`, exits 2, and installs nothing', async () => {
    const pkg = readElectronPackage(ROOT);
    const before = readdirSync(pkg.dir).sort();
    const port = await closedPort();
    const cache = temp();
    // Electron's own mirror variable points the download at a closed local port: offline, whatever this machine's network.
    const r = spawnSync(process.execPath, ['build/dev-run.mjs', 'build/desktop/start.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: cache },
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `npm start: could not download Electron ${pkg.version} for ${process.platform}-${process.arch} (connect ECONNREFUSED 127.0.0.1:${port}). The desktop app needs it once, with a network connection; \`npm run serve\` gives the same UI in a browser.\n`,
    );
    expect(readdirSync(pkg.dir).sort()).toEqual(before);
    expect(readdirSync(cache)).toEqual([]);
  });
});
