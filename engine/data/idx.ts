/**
 * The IDX file format of LeCun, Cortes and Burges' MNIST distribution ("THE IDX FILE FORMAT",
 * yann.lecun.com/exdb/mnist): a 4-byte magic number (two zero bytes, a dtype code, the number of
 * dimensions), one big-endian uint32 size per dimension, then the data in row-major order.
 * Pure: the bytes come in, a typed view comes out; main/ reads the files.
 */

/** The dtype codes of the format (byte 3 of the magic number) and their element sizes. */
const IDX_DTYPES = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
} as const;

export type IdxDtype = (typeof IDX_DTYPES)[keyof typeof IDX_DTYPES]['name'];

export interface IdxArray {
  readonly dtype: IdxDtype;
  /** Sizes of the dimensions, outermost first (MNIST images: [count, 28, 28]). */
  readonly dims: readonly number[];
  /** The data bytes, row-major; a view into the input (no copy). */
  readonly data: Uint8Array;
}

/** A file that is not a well-formed IDX file, or not the one expected; `message` is one line. */
export class IdxFormatError extends Error {
  override readonly name = 'IdxFormatError';
}

/**
 * Parses an IDX file (the format above). `source` names the file in the one-line error:
 * a foreign file (wrong magic number, unknown dtype), a truncated one (fewer data bytes than the
 * dimensions promise) or one with trailing bytes is refused.
 */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  const fail = (why: string): never => {
    throw new IdxFormatError(`${source}: not an IDX file: ${why}`);
  };
  if (bytes.length < 4) fail(`${bytes.length} bytes, shorter than the 4-byte magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0) fail(`magic number starts 0x${hex(bytes[0])}${hex(bytes[1])}, expected 0x0000`);
  const type = IDX_DTYPES[bytes[2] as keyof typeof IDX_DTYPES];
  if (type === undefined) fail(`unknown dtype code 0x${hex(bytes[2])}`);
  const rank = bytes[3];
  if (rank === 0) fail('zero dimensions');
  const header = 4 + 4 * rank;
  if (bytes.length < header) fail(`truncated: ${bytes.length} bytes, the header of ${rank} dimensions needs ${header}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < rank; i++) {
    const size = view.getUint32(4 + 4 * i, false);
    dims.push(size);
    count *= size;
  }
  const expected = header + count * type!.bytes;
  if (bytes.length < expected) fail(`truncated: ${bytes.length} bytes, dimensions ${dims.join('x')} of ${type!.name} need ${expected}`);
  if (bytes.length > expected) fail(`${bytes.length - expected} bytes after the data of dimensions ${dims.join('x')}`);
  return { dtype: type!.name, dims, data: bytes.subarray(header, expected) };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
