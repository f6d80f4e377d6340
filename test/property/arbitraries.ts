/**
 * Hostile inputs for the property tests: numbers at and past every edge a config field has,
 * JSON of any shape, strings with control characters, and config paths that are right, nearly
 * right (one character off) or nonsense. Nothing here is a test.
 */
import fc from 'fast-check';
import { CONFIG_FIELDS, PRESETS } from '../../engine/index';

export const FIELD_PATHS: readonly string[] = CONFIG_FIELDS.map((f) => f.path);
export const PRESET_NAMES: readonly string[] = PRESETS.map((p) => p.name);

/** Numbers at and around the edges of the field registry's ranges, plus NaN and the infinities. */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 0.99, 1.5, 2, 3, 1e-320, 1e-150, 1e-200, 1e150, 1e151, 1e300, -1e300, 1e308),
  fc.constantFrom(1e6, 1e6 + 1, 1e7, 1e8, 1e8 + 1, 4096, 4097, 2 ** 25, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(NaN, Infinity, -Infinity),
  fc.integer({ min: -10, max: 200 }),
  fc.double(),
);

/** Any value a JSON document (or a careless JS caller) could put in a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: edgeNumber },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, '', 'gaussian', 'neural', 'verifier', 'power', 'accumulate', 'mean-cov', 'unbiased', 'hard', '__proto__') },
  { weight: 1, arbitrary: fc.array(edgeNumber, { maxLength: 5 }) },
);

/** A known path with one character replaced, inserted or removed (the typos `--set` must name). */
const typoPath: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...FIELD_PATHS), fc.nat(), fc.constantFrom('', 'x', '.', ' ', '\n', '='))
  .map(([path, at, ch]) => {
    const i = at % (path.length + 1);
    return path.slice(0, i) + ch + path.slice(i + (ch === '' ? 1 : at % 2));
  });

/** A config path: known, nearly known, dotted nonsense, or any string at all. */
export const pathLike: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIELD_PATHS) },
  { weight: 2, arbitrary: typoPath },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('model', 'filter', 'data', 'sampleSize', 'training', 'labels', 'x', '__proto__', 'constructor', ''), { minLength: 1, maxLength: 3 }).map((p) => p.join('.')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
);

/** The text after `=` in `--set PATH=VALUE`: JSON of a hostile value, or any text. */
export const valueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileValue.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? 'undefined'))) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '1e999', '-1e999', '[1,', '{"a":1}', '0x10', '1_000', ' 5 ', 'true ', '=', '==1') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
);

/** A nested object shaped somewhat like a config: known group and field names mixed with junk. */
export const configLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileValue,
    fc.dictionary(
      fc.oneof(fc.constantFrom('name', 'seed', 'replicates', 'generations', 'model', 'sampleSize', 'data', 'filter', 'family', 'dim', 'truth', 'sigma', 'n0', 'kind', 'mode', 'labels', 'training', 'radius'), fc.string({ maxLength: 6 })),
      tie('node'),
      { maxKeys: 5 },
    ),
  ),
})).node;

/** True for a message that is one line (what the CLI prints before exit 2). */
export function isOneLine(text: string): boolean {
  return !/[\n\r\u2028\u2029]/.test(text);
}
