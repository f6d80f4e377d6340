/**
 * The Electron binary for `npm start`. Electron 45's npm package ships no binary and no install
 * script: the executable is fetched on first use. We fetch it ourselves, the same artifact with
 * the same checksums as Electron's own `install-electron` step, so that the download shows its
 * progress, a failure is one line, and an interrupted download leaves nothing half-installed
 * (it is extracted beside `dist/` and renamed into place; `path.txt`, which marks the install
 * complete, is written last).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ElectronPackage {
  /** The folder of the `electron` npm package. */
  dir: string;
  version: string;
  /** NODE_MODULE_VERSION of this Electron, from the package's `abi_version` file when it has one. */
  abi: number | undefined;
}

export function readElectronPackage(fromDir: string): ElectronPackage {
  const manifest = createRequire(join(fromDir, 'package.json')).resolve('electron/package.json');
  const dir = dirname(manifest);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const abiFile = join(dir, 'abi_version');
  const abi = existsSync(abiFile) ? Number(readFileSync(abiFile, 'utf8').trim()) : undefined;
  return { dir, version, abi: Number.isInteger(abi) ? abi : undefined };
}

/** The executable's path inside `dist/`, as Electron's installer names it for each platform. */
export function platformExecutable(platform: NodeJS.Platform | string): string {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    default:
      throw new Error(`Electron has no build for platform ${platform}`);
  }
}

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where the executable is, judged as Electron's installer judges an install complete: `dist/version`
 * names this version, `path.txt` names this platform's executable, and the file exists.
 * ELECTRON_OVERRIDE_DIST_PATH (Electron's own variable) points at a binary installed elsewhere.
 */
export function findElectronBinary(pkg: ElectronPackage, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): ElectronBinary {
  const executable = platformExecutable(platform);
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, executable);
    return existsSync(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable}` };
  }
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(join(pkg.dir, file), 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const path = join(pkg.dir, 'dist', executable);
  if (read('path.txt') !== executable || read('dist/version')?.replace(/^v/, '') !== pkg.version || !existsSync(path)) {
    return { found: false, reason: `the Electron ${pkg.version} binary is not downloaded on this machine` };
  }
  return { found: true, path };
}

export interface DownloadProgress {
  transferred: number;
  total: number | null;
}

export interface InstallTools {
  /** Fetches the release zip (or takes it from the cache) and returns its path. */
  download(pkg: ElectronPackage, onProgress: (p: DownloadProgress) => void): Promise<string>;
  /** Unpacks a zip into a folder. */
  extract(pkg: ElectronPackage, zip: string, dir: string): Promise<void>;
}

/**
 * Downloads and installs the binary into the package's `dist/`. On failure everything this
 * call created is removed and the error is rethrown for the caller to report.
 */
export async function installElectron(
  pkg: ElectronPackage,
  tools: InstallTools,
  onProgress: (p: DownloadProgress) => void,
  platform: string = process.platform,
): Promise<string> {
  const executable = platformExecutable(platform);
  const zip = await tools.download(pkg, onProgress);
  const partial = join(pkg.dir, `dist.partial-${process.pid}`);
  const dist = join(pkg.dir, 'dist');
  try {
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    await tools.extract(pkg, zip, partial);
    if (!existsSync(join(partial, executable))) throw new Error(`the downloaded archive has no ${executable}`);
    rmSync(join(pkg.dir, 'path.txt'), { force: true });
    rmSync(dist, { recursive: true, force: true });
    renameSync(partial, dist);
    // As Electron's installer does: the archive's typings replace the package's.
    const typings = join(dist, 'electron.d.ts');
    if (existsSync(typings)) renameSync(typings, join(pkg.dir, 'electron.d.ts'));
    writeFileSync(join(pkg.dir, 'path.txt'), executable);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  return join(dist, executable);
}

/**
 * The tools Electron's own installer uses, loaded from beside the `electron` package so their
 * versions are the ones this Electron was released with: @electron/get (cache, mirrors,
 * ELECTRON_MIRROR, checksums) and its zip extractor.
 */
export function electronInstallTools(): InstallTools {
  return {
    async download(pkg, onProgress) {
      const require = createRequire(join(pkg.dir, 'package.json'));
      const get = (await import(pathToFileURL(require.resolve('@electron/get')).href)) as typeof import('@electron/get');
      const checksums = JSON.parse(readFileSync(join(pkg.dir, 'checksums.json'), 'utf8')) as Record<string, string>;
      return get.downloadArtifact({
        version: pkg.version,
        artifactName: 'electron',
        platform: process.env['ELECTRON_INSTALL_PLATFORM'] ?? process.platform,
        arch: process.env['ELECTRON_INSTALL_ARCH'] ?? process.arch,
        cacheRoot: process.env['electron_config_cache'],
        checksums,
        downloadOptions: { quiet: true, getProgressCallback: async (p: DownloadProgress) => onProgress(p) },
      });
    },
    async extract(pkg, zip, dir) {
      const require = createRequire(join(pkg.dir, 'package.json'));
      const { extract } = require('@electron-internal/extract-zip') as { extract(zip: string, options: { dir: string }): Promise<void> };
      await extract(zip, { dir });
    },
  };
}
