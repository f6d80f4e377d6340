#!/usr/bin/env node
/**
 * Runs a TypeScript entry of this repository from a cached esbuild bundle:
 *
 *     node build/dev-run.mjs ENTRY.ts [args...]
 *
 * `npm run cli`, `npm run serve` and `npm run bench` start through it. tsx transpiles every
 * module at start-up, about 0.7 s on the 2-core build machine and the same again in every worker
 * thread; a bundle whose inputs have not changed (same modification times and sizes) starts in
 * about 0.1 s. The engine host's block worker is bundled beside the entry and announced through
 * COLLAPSE_LAB_WORKER_BUNDLE (main/engine-host/worker-factory.ts), so run workers start fast too.
 * No separate build step: a changed source file is rebundled on the next start (~0.3 s).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'collapse-lab');
const WORKER_ENTRY = 'main/engine-host/block-worker.ts';
/** Bump when the build options below change, so old bundles are rebuilt. */
const FORMAT = 2;

/**
 * `import.meta.url` / `dirname` / `filename` of each source file, fixed at bundle time: in a
 * bundle they would otherwise name the bundle, and the code that finds the renderer or the
 * worker beside its own source would look in the cache folder.
 */
const sourceImportMeta = {
  name: 'source-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      const ext = extname(args.path).slice(1);
      return { contents, loader: ext.startsWith('ts') || ext.endsWith('ts') ? 'ts' : 'js' };
    });
  },
};

function bundleName(entry) {
  return relative(ROOT, entry).replace(/\.[cm]?[jt]s$/, '').replace(/[\\/]/g, '__');
}

function isFresh(manifestFile) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.format !== FORMAT) return false;
  try {
    statSync(manifest.bundle);
    for (const [file, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
      const s = statSync(join(ROOT, file));
      if (s.mtimeMs !== mtimeMs || s.size !== size) return false;
    }
  } catch {
    return false; // an input or the bundle is gone
  }
  return true;
}

/** Writes through a temporary name and renames: two processes bundling at once never see half a file. */
function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

/** The path of an up-to-date bundle of `entry` (a path relative to the repository root). */
export async function ensureBundle(entry) {
  const abs = resolve(ROOT, entry);
  const name = bundleName(abs);
  const out = join(CACHE, `${name}.mjs`);
  const manifestFile = join(CACHE, `${name}.json`);
  if (isFresh(manifestFile)) return out;
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [abs],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies (better-sqlite3's addon, tfjs, ws) load from node_modules as usual.
    packages: 'external',
    outfile: out,
    sourcemap: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [sourceImportMeta],
  });
  mkdirSync(CACHE, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const s = statSync(join(ROOT, file));
    inputs[file] = [s.mtimeMs, s.size];
  }
  writeAtomically(manifestFile, JSON.stringify({ format: FORMAT, bundle: out, inputs }));
  return out;
}

/**
 * Signals. The npm scripts start this file with `exec`, so npm's own child is this process and
 * the SIGINT and SIGTERM npm passes on reach the entry's handlers (through `sh -c` they reached
 * only the shell, which ignored SIGINT and died of SIGTERM, leaving this process running). npm
 * passes on no SIGHUP, and nothing reaches a process whose launcher was SIGKILLed, so when npm
 * goes away this process raises SIGHUP on itself: the entry then stops as on a hangup (a run is
 * stored as interrupted) instead of running on as an orphan nobody can see.
 */
function watchLauncher() {
  if (!process.env.npm_lifecycle_event) return; // started by hand: whoever started it decides
  const launcher = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(timer);
    // With no SIGHUP listener this ends the process, as the default action would.
    process.kill(process.pid, 'SIGHUP');
  }, 250);
  timer.unref();
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const entry = process.argv[2];
  if (!entry) {
    process.stderr.write('usage: node build/dev-run.mjs ENTRY.ts [args...]\n');
    process.exit(2);
  }
  let entryBundle;
  try {
    let workerBundle;
    [entryBundle, workerBundle] = await Promise.all([ensureBundle(entry), ensureBundle(WORKER_ENTRY)]);
    process.env.COLLAPSE_LAB_WORKER_BUNDLE = workerBundle;
  } catch (error) {
    // A syntax error in a source file: esbuild's own message names the file and line.
    const messages = error?.errors?.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''}: ${e.text}`) ?? [String(error)];
    process.stderr.write(`collapse-lab: cannot bundle ${entry}:\n${messages.join('\n')}\n`);
    process.exit(2);
  }
  watchLauncher();
  // Stack traces name the TypeScript sources.
  process.setSourceMapsEnabled(true);
  // The entry sees its own arguments, as if started directly.
  process.argv.splice(1, 2, resolve(ROOT, entry));
  await import(pathToFileURL(entryBundle).href);
}
