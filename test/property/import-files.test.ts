/**
 * Hostile bundle files (issue 8, item 4, "imported files"): fast-check mutations of a valid
 * bundle (a required field dropped, a value of the wrong type, numbers as "NaN" strings or as
 * 1e999, huge arrays, truncated text, random bytes) are fed to the real `import` command
 * in-process. Every one must be refused the same way: exit 2, nothing on stdout, exactly one
 * line on stderr naming the path of the damage, and the target store byte for byte as it was.
 *
 * Each mutation below is invalid by construction (every key of a bundle is required, no field
 * takes a boolean, no number field takes a string, a proper prefix of a JSON object is not
 * JSON), so the property can demand refusal rather than merely "no crash". The unmutated
 * bundle is checked to import cleanly, so the refusals are the mutations' doing.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationSummary } from '../../engine/core/summary-types';
import { exportBundle } from '../../main/services/bundle';
import { openStore } from '../../main/store';
import { cli } from '../cli/cli-driver';
import { createRunWith, epochRow, labelSetInput, newRunInput, sampleConfig, summary } from '../store/helpers';

const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bundleFile = join(dir, 'mutant.json');
const target = join(dir, 'target.sqlite');

/** fast-check's seed for every property here: the same cases on every run. */
const SEED = 20_261_121;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values the app keeps opaque (any JSON, or any object): their insides are not the bundle's structure. */
const OPAQUE = new Set(['config', 'source', 'settings', 'model', 'metrics', 'base', 'extra', 'sweepPoint']);
/** Opaque values that may be any JSON at all, so that no replacement of them is wrong. */
const ANY_JSON = new Set(['source', 'settings', 'model', 'metrics']);

interface Node {
  /** Steps from the root. */
  steps: (string | number)[];
  /** As the importer names it: `runs[0].generations[2].error.rms`. */
  path: string;
  value: Json;
  /** Inside an opaque value (config, model, ...). */
  inOpaque: boolean;
}

const lastKey = (n: Pick<Node, 'steps'>): string | number | undefined => n.steps.at(-1);
/** The node is itself an opaque value (not something inside one). */
const isOpaqueRoot = (n: Pick<Node, 'steps'>): boolean => typeof lastKey(n) === 'string' && OPAQUE.has(lastKey(n) as string) && n.steps.length > 1;

/** Every node of the document, each with its path as the importer spells it. */
function nodes(value: Json, steps: (string | number)[] = [], path = '', inOpaque = false): Node[] {
  const here: Node = { steps, path, value, inOpaque };
  const out = [here];
  const inside = inOpaque || isOpaqueRoot(here);
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...nodes(v, [...steps, i], `${path}[${i}]`, inside)));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...steps, k], path === '' ? k : `${path}.${k}`, inside));
  }
  return out;
}

/** A copy of `doc` with the value at `steps` replaced (or, with `drop`, its key removed). */
function mutate(doc: Json, steps: readonly (string | number)[], replace: { drop: true } | { value: Json }): Json {
  const copy = structuredClone(doc);
  if (steps.length === 0) return 'drop' in replace ? null : replace.value;
  let parent = copy as Record<string | number, Json>;
  for (const step of steps.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const key = steps.at(-1)!;
  if ('drop' in replace) delete parent[key];
  else parent[key] = replace.value;
  return copy;
}

let base: Json;
let baseText: string;
let targetBytes: Buffer;
let targetFiles: string[];
let all: Node[];

/** A small store with one of every structural part a bundle has. */
function buildSource(file: string): void {
  const store = openStore(file);
  try {
    const set = store.createLabelSet(labelSetInput({}, 2, 4));
    store.saveLabels(set.id, [{ generation: 0, idx: 1, label: 1 }, { generation: 1, idx: 3, label: 0 }], 'Ada');
    const filter = store.createFilter({ name: 'f', labelSetId: set.id, settings: { epochs: 2 }, backend: 'cpu' });
    store.appendTrainingEpochs(filter.id, [epochRow(1), epochRow(2)]);
    store.finishFilter(filter.id, 'ready', { model: { dim: 2, weights: [0.5, -0.25] }, metrics: { accuracy: 0.75 } });
    const sweep = store.createSweep({ name: 's', preset: 'xu-fixed-n', base: sampleConfig(2), grid: [{ path: 'replicates', values: [4, 6] }], window: [0, 2] });

    const neural = store.createRun(newRunInput({ config: sampleConfig(3), generationsTotal: 4 }));
    const rows: GenerationSummary[] = [0, 1, 2, 3].map((t) => ({ ...summary(t), contraction: { median: t === 0 ? Infinity : 0.9, geometricMean: 0.8 } }));
    store.appendGenerations(neural.id, rows);
    store.finishRun(neural.id, 'completed');
    store.setRunFilter(neural.id, filter.id);

    const point = createRunWith(store, 3, 3);
    store.setRunSweep(point.id, sweep.id, { replicates: 4 });
    store.finishRun(point.id, 'completed');
    store.finishSweep(sweep.id, 'completed');

    const failed = createRunWith(store, 2, 5);
    store.finishRun(failed.id, 'failed', 'boom');
    base = JSON.parse(JSON.stringify(exportBundle(store).document)) as Json;
  } finally {
    store.close();
  }
}

function targetState(): { bytes: Buffer; files: string[] } {
  return { bytes: readFileSync(target), files: readdirSync(dir).filter((f) => f.startsWith('target')).sort() };
}

/**
 * Writes `content` as the bundle, imports it, and checks the refusal: exit 2, one line naming
 * `path` (or, for `path` a RegExp, matching it), the target store untouched.
 */
async function expectRefused(content: string | Uint8Array, path: string | RegExp): Promise<void> {
  writeFileSync(bundleFile, content);
  const r = await cli(['import', bundleFile, '--db', target]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  const line = r.stderr.slice(0, -1);
  // Not even a carriage return or a line separator (V8's JSON errors quote the offending character).
  expect(line).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
  const prefix = `collapse-lab: import ${bundleFile}: `;
  const suffix = '; nothing was imported';
  expect(line.startsWith(prefix), line).toBe(true);
  expect(line.endsWith(suffix), line).toBe(true);
  const message = line.slice(prefix.length, -suffix.length);
  if (typeof path === 'string') {
    // The damaged node itself, or a part of it (a missing key of a replaced object, say).
    const named = path === '' || [':', '.', '['].some((next) => message.startsWith(`${path}${next}`));
    expect(named, `expected "${message}" to name ${path}`).toBe(true);
  } else {
    expect(message).toMatch(path);
  }
  const now = targetState();
  expect(now.files).toEqual(targetFiles);
  expect(now.bytes.equals(targetBytes)).toBe(true);
}

beforeAll(async () => {
  buildSource(join(dir, 'source.sqlite'));
  baseText = JSON.stringify(base);
  all = nodes(base);
  // The target holds a run of its own, so "unchanged" is about a real store.
  const store = openStore(target);
  createRunWith(store, 2, 2);
  store.close();
  ({ bytes: targetBytes, files: targetFiles } = targetState());
});

describe('the unmutated bundle', () => {
  it('imports cleanly into a fresh store (so every refusal below is the mutation\'s doing)', async () => {
    writeFileSync(bundleFile, baseText);
    const r = await cli(['import', bundleFile, '--db', join(dir, 'clean.sqlite'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: { runs: 3, labelSets: 1, filters: 1, sweeps: 1 } });
    // Enough structure for the properties to bite on.
    expect(all.length).toBeGreaterThan(300);
  });
});

describe('mutations of a valid bundle are refused with the path named, and nothing written', () => {
  it('a required key dropped (every key of a bundle is required)', async () => {
    const droppable = all.filter((n) => !n.inOpaque && typeof lastKey(n) === 'string');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...droppable), async (n) => {
        await expectRefused(JSON.stringify(mutate(base, n.steps, { drop: true })), n.path);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('a value replaced by one of the wrong type', async () => {
    // No field takes a boolean; an object where a scalar or array belongs, or the reverse, is wrong too.
    const replaceable = all.filter((n) => !n.inOpaque && !(isOpaqueRoot(n) && ANY_JSON.has(lastKey(n) as string)));
    const wrong = (n: Node): fc.Arbitrary<Json> => {
      const options: fc.Arbitrary<Json>[] = [fc.boolean()];
      if (typeof n.value !== 'object' || n.value === null) options.push(fc.constant([1, 2, 3]));
      if (Array.isArray(n.value)) options.push(fc.constant({ length: 1 }));
      if (typeof n.value === 'number') options.push(fc.string({ maxLength: 8 }));
      if (typeof n.value === 'string') options.push(fc.integer());
      return fc.oneof(...options);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...replaceable).chain((n) => fc.tuple(fc.constant(n), wrong(n))),
        async ([n, value]) => {
          await expectRefused(JSON.stringify(mutate(base, n.steps, { value })), n.path);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('a number written as "NaN", "Infinity" and the like (strings)', async () => {
    const numbers = all.filter((n) => !n.inOpaque && typeof n.value === 'number');
    const spellings = fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '0x10', '', ' 1', 'null');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...numbers), spellings, async (n, text) => {
        await expectRefused(JSON.stringify(mutate(base, n.steps, { value: text })), n.path);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });

  it('a number written as 1e999 in the text (JSON.parse makes it Infinity), inside configs and models too', async () => {
    const numbers = all.filter((n) => typeof n.value === 'number');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...numbers), fc.constantFrom('1e999', '-1e999'), async (n, token) => {
        const text = JSON.stringify(mutate(base, n.steps, { value: '@@MUTANT@@' })).replace('"@@MUTANT@@"', token);
        await expectRefused(text, n.path);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('a bare NaN token is not JSON', async () => {
    const numbers = all.filter((n) => typeof n.value === 'number');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...numbers), async (n) => {
        const text = JSON.stringify(mutate(base, n.steps, { value: '@@MUTANT@@' })).replace('"@@MUTANT@@"', 'NaN');
        await expectRefused(text, /^not JSON \(/);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('huge arrays: tens of thousands of junk entries, or one entry repeated', async () => {
    // `estimate` may hold any number of values, so repeating its entries is not damage.
    const arrays = all.filter((n) => !n.inOpaque && Array.isArray(n.value) && !isOpaqueRoot(n));
    const repeatable = arrays.filter((n) => (n.value as Json[]).length > 0 && lastKey(n) !== 'estimate');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...arrays), fc.integer({ min: 10_000, max: 200_000 }), async (n, size) => {
        await expectRefused(JSON.stringify(mutate(base, n.steps, { value: new Array<Json>(size).fill(true) })), n.path);
      }),
      { seed: SEED, numRuns: 10 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...repeatable), fc.integer({ min: 1_000, max: 50_000 }), async (n, size) => {
        const first = (n.value as Json[])[0];
        // Capped at about 4 MB of text, so that a repeated run stays a test of seconds.
        const count = Math.max(2, Math.min(size, Math.floor(4e6 / JSON.stringify(first).length)));
        await expectRefused(JSON.stringify(mutate(base, n.steps, { value: new Array<Json>(count).fill(first) })), n.path);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('the text cut short anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: baseText.length - 1 }), async (end) => {
        await expectRefused(baseText.slice(0, end), /^not JSON \(/);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('random bytes, alone or after a bundle\'s opening', async () => {
    const opening = Buffer.from('{"format":"collapse-lab-bundle","version":1,');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, withOpening) => {
        const content = withOpening ? Buffer.concat([opening, bytes]) : bytes;
        // Almost always not JSON; should the bytes happen to close the object, a missing key is named.
        await expectRefused(content, /^(not JSON \(|expected a JSON object with "format"|format: unknown bundle format|[\w.[\]"]+: )/);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('any other JSON value as the whole file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        await expectRefused(JSON.stringify(value), /^(expected a JSON object with "format"|format: unknown bundle format)/);
      }),
      { seed: SEED, numRuns: 50 },
    );
  });
});

describe('examples of the one line', () => {
  const at = (steps: (string | number)[], value: Json): string => JSON.stringify(mutate(base, steps, { value }));

  it('names the format, the version, and the exact path of a bad value', async () => {
    await expectRefused(at(['format'], 'zip'), /^format: unknown bundle format "zip"; expected "collapse-lab-bundle"$/);
    await expectRefused(at(['version'], 4), /^version: bundle version 4 is newer than this Collapse Lab reads \(3\); update the app$/);
    await expectRefused(at(['version'], '1'), /^version: unknown bundle version "1"; expected 1 to 3$/);
    await expectRefused(at(['runs', 0, 'generations', 2, 'error', 'rms'], 'NaN'), /^runs\[0\]\.generations\[2\]\.error\.rms: expected a finite number, got "NaN"$/);
    await expectRefused(at(['labelSets', 0, 'groups', 1, 'candidates'], 'AAAA'), /^labelSets\[0\]\.groups\[1\]\.candidates: holds 3 bytes; count 4 x dim 2 float64s are 64$/);
    await expectRefused(at(['runs', 0, 'filterId'], 'nosuchfilter'), /^runs\[0\]\.filterId: filter "nosuchfilter" is not in the bundle$/);
    await expectRefused(at(['runs', 1, 'generationsDone'], 2), /^runs\[1\]\.generationsDone: is 2 but the run carries 3 generations$/);
    await expectRefused(at(['runs', 0, 'config', 'model', 'sigma'], 1e-3).replace('"sigma":0.001', '"sigma":1e999'), /^runs\[0\]\.config\.model\.sigma: expected a finite number, got Infinity$/);
  });

  it('a file that does not exist, or is a folder', async () => {
    const missing = join(dir, 'no-such.json');
    const r = await cli(['import', missing, '--db', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^collapse-lab: import .*no-such\.json: cannot read it \(ENOENT: .*\); nothing was imported\n$/);
    const d = await cli(['import', dir, '--db', target]);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/^collapse-lab: import .*: cannot read it \(EISDIR: .*\); nothing was imported\n$/);
    expect(targetState().bytes.equals(targetBytes)).toBe(true);
  });
});
