/**
 * Hostile configs (issue 8, item 4): arbitrary JSON and mutations of the presets' valid configs.
 * Validation throws nothing but ConfigError, every rejection names a field path, a refused value
 * is refused on its own path, and the run services write nothing to the store when they refuse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOverrides, CONFIG_FIELDS, ConfigError, fieldSpec, parseOverrideValue, PRESETS, presetConfig, resolveConfig, setPath, type FieldSpec } from '../../engine/index';
import { executeRun, prepareRun, ServiceError, Workbench, workerSimulator } from '../../main/services';
import { loadTf } from '../../main/engine-host';
import { openStore, type RunStore } from '../../main/store';
import { configLike, FIELD_PATHS, hostileValue, isOneLine, pathLike, PRESET_NAMES, valueText } from './arbitraries';
import { fingerprint } from './store-fingerprint';

/** Paths a rejection may name besides a field: the groups cross-field rules speak of, and the whole config. */
const GROUP_PATHS = new Set(FIELD_PATHS.flatMap((p) => p.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
const NAMED_PATHS = new Set([...FIELD_PATHS, ...GROUP_PATHS, 'config']);

/**
 * The registry's declared contract for one value (fields.ts: kind, min, above, max), restated
 * independently of validate.ts so the two can be checked against each other.
 */
function fieldAccepts(spec: FieldSpec, v: unknown): boolean {
  const inRange = (x: number): boolean =>
    (spec.min === undefined || x >= spec.min) && (spec.above === undefined || x > spec.above) && (spec.max === undefined || x <= spec.max);
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  switch (spec.kind) {
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && spec.values!.includes(v);
    case 'integer':
      return finite(v) && Number.isInteger(v) && inRange(v);
    case 'number':
      return finite(v) && inRange(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'numberOrArray':
      return finite(v) || (Array.isArray(v) && v.length > 0 && v.every(finite));
  }
}

/** Every dotted key path an input object holds, as `collectUnknownPaths` would spell it. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.add(path);
    keyPaths(child, path, out);
  }
  return out;
}

/** A path as messages show it: unquoted from JSON when validate.ts had to quote it. */
function unquote(path: string): string {
  return path.startsWith('"') ? (JSON.parse(path) as string) : path;
}

/** The ConfigError `fn` throws (failing the property on anything else), or undefined if it returns. */
function configErrorOf(fn: () => unknown): ConfigError | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw new Error(`threw ${String(error)} instead of a ConfigError`, { cause: error });
    return error;
  }
}

/** Every number anywhere in `value` is finite (JSON has no NaN or Infinity). */
function expectFiniteNumbers(value: unknown, path = 'config'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) expectFiniteNumbers(v, `${path}.${k}`);
}

/** The first issue is the message, "path: reason", on one line. */
function expectWellFormed(e: ConfigError): void {
  expect(e.issues.length).toBeGreaterThan(0);
  expect(e.message.startsWith(`${e.issues[0].path}: `)).toBe(true);
  expect(isOneLine(e.message)).toBe(true);
}

describe('resolveConfig on arbitrary JSON', () => {
  it('throws only ConfigError, naming a field, a group, the config, or an unknown key the input holds', () => {
    // 1500 runs: validation is pure and takes about a millisecond, so breadth is cheap (~1.5 s).
    fc.assert(
      fc.property(configLike, (input) => {
        const e = configErrorOf(() => resolveConfig(input));
        if (!e) return;
        expectWellFormed(e);
        const present = keyPaths(input);
        for (const issue of e.issues) {
          const known = NAMED_PATHS.has(issue.path);
          expect(known || present.has(unquote(issue.path)), `issue path ${issue.path}`).toBe(true);
        }
      }),
      { seed: 42, numRuns: 1500 },
    );
  });

  it('a config it accepts is plain JSON (no NaN or Infinity) and valid again when resolved twice', () => {
    fc.assert(
      fc.property(configLike, (input) => {
        let config;
        try {
          config = resolveConfig(input);
        } catch {
          return;
        }
        expectFiniteNumbers(config);
        const json = JSON.stringify(config);
        expect(JSON.stringify(resolveConfig(JSON.parse(json)))).toBe(json);
      }),
      // 2000 runs: about 9% of these inputs are accepted (178 with this seed), and those are the check.
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('a preset config with one field set to a hostile value', () => {
  const mutation = fc.record({ preset: fc.constantFrom(...PRESETS), spec: fc.constantFrom(...CONFIG_FIELDS), value: hostileValue });

  it('is refused on that field whenever the registry says the value does not fit it', () => {
    // 2000 runs: 48 fields x 10 presets x many value shapes; each check takes about a millisecond.
    fc.assert(
      fc.property(mutation, ({ preset, spec, value }) => {
        const partial = structuredClone(presetConfig(preset)) as Record<string, unknown>;
        setPath(partial, spec.path, value);
        const e = configErrorOf(() => resolveConfig(partial));
        if (!fieldAccepts(spec, value)) {
          expect(e, `${spec.path} = ${String(value)} was accepted`).toBeDefined();
          expect(e!.issues.map((i) => i.path)).toContain(spec.path);
        }
        if (e) {
          expectWellFormed(e);
          for (const issue of e.issues) expect(NAMED_PATHS.has(issue.path), `issue path ${issue.path}`).toBe(true);
        }
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('through --set text: the same value, parsed as the CLI parses it, is refused on the same path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRESETS), fc.constantFrom(...FIELD_PATHS), valueText, (preset, path, text) => {
        const e = configErrorOf(() => resolveConfig(applyOverrides(presetConfig(preset), [`${path}=${text}`])));
        if (!fieldAccepts(fieldSpec(path)!, parseOverrideValue(text))) {
          expect(e, `${path}=${text} was accepted`).toBeDefined();
          expect(e!.issues.map((i) => i.path)).toContain(path);
        }
        if (e) {
          expectWellFormed(e);
          for (const issue of e.issues) expect(NAMED_PATHS.has(issue.path), `issue path ${issue.path}`).toBe(true);
        }
      }),
      // 2000 runs: pure and fast, as above.
      { seed: 42, numRuns: 2000 },
    );
  });
});

/** A request as the services receive it over IPC or the socket: any shape at all. */
const request = fc.oneof(
  { weight: 4, arbitrary: fc.record({ preset: fc.constantFrom(...PRESET_NAMES), overrides: fc.array(fc.tuple(pathLike, valueText).map(([p, v]) => `${p}=${v}`), { maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ config: configLike }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ preset: hostileValue, config: hostileValue, overrides: hostileValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.record({ preset: fc.constantFrom('filter-constant-n'), overrides: fc.string({ unit: 'binary', maxLength: 12 }).map((id) => [`filter.id=${JSON.stringify(id)}`]) }) },
  { weight: 1, arbitrary: hostileValue },
);

describe('the run services on arbitrary requests', () => {
  const codes = new Set(['INVALID_CONFIG', 'UNKNOWN_PRESET', 'BAD_REQUEST']);

  it('prepareRun refuses with a ServiceError whose one line starts with the path it names', () => {
    fc.assert(
      fc.property(request, (req) => {
        try {
          prepareRun(req as never);
        } catch (error) {
          expect(error).toBeInstanceOf(ServiceError);
          const e = error as ServiceError;
          expect(codes.has(e.code)).toBe(true);
          expect(isOneLine(e.message)).toBe(true);
          expect(e.message).toMatch(/^\S.*?: /);
        }
      }),
      // 1000 runs: each is one validation (microseconds) and at most a preset lookup.
      { seed: 42, numRuns: 1000 },
    );
  });

  describe('with a store', () => {
    let dir: string;
    let file: string;
    let store: RunStore;
    let wb: Workbench;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'collapse-lab-prop-'));
      file = join(dir, 'store.sqlite');
      store = openStore(file);
      // Something to keep intact: one finished run.
      const done = await executeRun(store, prepareRun({ preset: 'xu-fixed-n', overrides: ['replicates=3', 'generations=2'] }));
      expect(done.status).toBe('completed');
      wb = new Workbench({ store, loadTf: () => loadTf({ prefer: 'cpu' }), simulatorFor: () => workerSimulator(0), threads: 1 });
    });
    afterAll(async () => {
      await wb.shutdown();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs:start refuses before writing anything (prepareRun, then executeRun before its run row)', async () => {
      const before = fingerprint(file);
      expect(before.counts.runs).toBe(1);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(request, async (req) => {
          // A request that validates and would really run is not this property's business:
          // only those refused by prepareRun, or by executeRun's filter.id check, are kept.
          let valid;
          try {
            valid = prepareRun(req as never);
          } catch {
            valid = undefined;
          }
          fc.pre(valid === undefined || (valid.filter.kind === 'neural' && valid.filter.id !== undefined));
          const error = await Promise.resolve()
            .then(() => wb.handlers['runs:start'](req as never))
            .then(
              () => undefined,
              (e: unknown) => e,
            );
          expect(error, `started ${JSON.stringify(req)}`).toBeInstanceOf(ServiceError);
          if (valid) expect((error as Error).message).toMatch(/^filter\.id: no filter /);
          refused++;
          expect(fingerprint(file)).toEqual(before);
        }),
        // 300 runs: each reads the whole (small) store twice through a second connection.
        { seed: 42, numRuns: 300 },
      );
      expect(refused).toBeGreaterThan(200);
    });
  });
});
