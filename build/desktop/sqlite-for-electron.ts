/**
 * better-sqlite3 built for Electron's ABI, beside (never over) the Node build that `npm install`
 * made for the tests and the CLI. A build is checked before it is cached, and the cached one
 * again before every start: a module for another NODE_MODULE_VERSION would make Electron refuse
 * the store at the first query.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { ElectronPackage } from './electron-binary';
import { StartError, networkCauseInLog, offlineLine } from './failure';
import { abiVerdict, addonAbi } from './native-abi';

/** Where Electron publishes the headers native modules compile against. */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export interface GypCommand {
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The node-gyp invocation that builds for Electron whatever npm's configuration says. npm
 * exports its config to scripts as npm_config_* variables, and node-gyp reads those as its own
 * options: a `nodedir` there (npm here points it at the system Node) wins over --target and
 * --dist-url and silently yields a build for Node's ABI. So every node-gyp setting is dropped
 * from the environment and the Electron ones are passed explicitly.
 */
export function electronGypCommand(nodeGyp: string, electronVersion: string, arch: string, env: NodeJS.ProcessEnv): GypCommand {
  const gypSettings = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source|devdir)$/i;
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!gypSettings.test(key)) clean[key] = value;
  return {
    args: [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS_URL}`],
    env: clean,
  };
}

/** The cached Electron build's path for this Electron version. */
export function electronSqlitePath(root: string, electronVersion: string): string {
  return join(root, 'node_modules', '.cache', 'collapse-lab', `better-sqlite3-electron-${electronVersion}`, 'better_sqlite3.node');
}

/** node-gyp: the project's own copy when installed, else the one bundled with npm. */
export function findNodeGyp(root: string): string {
  const candidates = [root, dirname(process.execPath), '/usr/lib/node_modules', '/usr/local/lib/node_modules'];
  const require = createRequire(join(root, 'package.json'));
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const npm = require.resolve('npm/package.json', { paths: candidates });
    return join(dirname(npm), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  }
}

export interface SqliteOptions {
  root: string;
  electron: ElectronPackage;
  /** Electron's NODE_MODULE_VERSION. */
  abi: number;
  log: (line: string) => void;
  /** node-gyp's script; found with findNodeGyp when absent. */
  nodeGyp?: string;
  /** Builds better-sqlite3 in `dir` and returns node-gyp's exit status and output (tests inject one). */
  build?: (dir: string, command: GypCommand) => { status: number | null; output: string };
}

function runGyp(dir: string, command: GypCommand): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, command.args, { cwd: dir, env: command.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/**
 * Returns the path of a better-sqlite3 build that loads in this Electron. A cached build that
 * fails the ABI check is deleted and rebuilt; a fresh build that fails it is rebuilt once more,
 * then refused.
 */
export function ensureSqliteForElectron(options: SqliteOptions): string {
  const { root, electron, abi, log } = options;
  const target = electronSqlitePath(root, electron.version);
  const runtime = `Electron ${electron.version}`;
  if (existsSync(target)) {
    const verdict = abiVerdict(addonAbi(readFileSync(target)), abi, runtime);
    if (verdict.ok) return target;
    log(`The cached better-sqlite3 for ${runtime} cannot load: ${verdict.reason}. Rebuilding it.`);
    rmSync(target, { force: true });
  }
  const source = dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json'));
  const command = electronGypCommand(options.nodeGyp ?? findNodeGyp(root), electron.version, process.arch, process.env);
  let reason = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    log(`Building better-sqlite3 for ${runtime} (about a minute, once)${attempt > 1 ? ', second try' : ''}...`);
    const built = buildOnce(source, command, target, options);
    const verdict = abiVerdict(addonAbi(readFileSync(built.file)), abi, runtime);
    if (verdict.ok) {
      mkdirSync(dirname(target), { recursive: true });
      // Copy beside the target, then rename: a start interrupted here never sees half a file.
      copyFileSync(built.file, `${target}.${process.pid}.tmp`);
      renameSync(`${target}.${process.pid}.tmp`, target);
      built.cleanup();
      return target;
    }
    built.cleanup();
    reason = verdict.reason;
    log(`The build of better-sqlite3 cannot load in ${runtime}: ${reason}.`);
  }
  throw new StartError(`npm start: better-sqlite3 was built twice for ${runtime} and both builds are unusable (${reason}); nothing was cached.`);
}

function buildOnce(source: string, command: GypCommand, target: string, options: SqliteOptions): { file: string; cleanup: () => void } {
  const work = mkdtempSync(join(tmpdir(), 'collapse-lab-sqlite-'));
  const cleanup = (): void => rmSync(work, { recursive: true, force: true });
  try {
    // A copy of the package without its Node build, so that build stays as the tests need it.
    const nodeBuild = join(source, 'build');
    cpSync(source, work, { recursive: true, filter: (p) => p !== nodeBuild && !p.startsWith(`${nodeBuild}${sep}`) });
    const result = (options.build ?? runGyp)(work, command);
    const file = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (result.status === 0 && existsSync(file)) return { file, cleanup };
    const logFile = `${dirname(target)}.log`;
    mkdirSync(dirname(logFile), { recursive: true });
    writeFileSync(logFile, result.output);
    const network = networkCauseInLog(result.output);
    if (network) throw new StartError(offlineLine(`Electron's headers to build better-sqlite3 for Electron ${options.electron.version}`, network));
    throw new StartError(`npm start: node-gyp could not build better-sqlite3 for Electron ${options.electron.version} (exit ${result.status}); its output is in ${logFile}`);
  } catch (error) {
    cleanup();
    throw error;
  }
}
