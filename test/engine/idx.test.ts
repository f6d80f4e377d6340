import { describe, expect, it } from 'vitest';
import { IdxFormatError, parseIdx } from '../../engine/data/idx';
import { digitSetFromIdx } from '../../engine/data/mnist';

/** An IDX file as LeCun et al. describe it: 0x00 0x00, dtype code, rank, big-endian sizes, data. */
function idx(code: number, dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

const pixels = (n: number): Uint8Array => Uint8Array.from({ length: n * 784 }, (_, i) => (i * 37) % 256);

describe('parseIdx', () => {
  it('reads the dtype, the big-endian dimensions and the data of a good file', () => {
    const file = idx(0x08, [3, 28, 28], pixels(3));
    const a = parseIdx(file, 'imgs');
    expect(a.dtype).toBe('uint8');
    expect(a.dims).toEqual([3, 28, 28]);
    expect(Array.from(a.data)).toEqual(Array.from(pixels(3)));
    // A size above 255 exercises the byte order.
    expect(parseIdx(idx(0x08, [300], new Uint8Array(300)), 'l').dims).toEqual([300]);
    expect(parseIdx(idx(0x0d, [2], new Uint8Array(8)), 'f').dtype).toBe('float32');
  });

  it('refuses a truncated file with one line naming it', () => {
    const file = idx(0x08, [3, 28, 28], pixels(3));
    for (const cut of [2, 10, file.length - 1]) {
      const err = (() => {
        try {
          parseIdx(file.subarray(0, cut), 'data/train-images-idx3-ubyte');
        } catch (e) {
          return e as Error;
        }
        throw new Error('accepted');
      })();
      expect(err).toBeInstanceOf(IdxFormatError);
      expect(err.message).toMatch(/^data\/train-images-idx3-ubyte: not an IDX file: /);
      expect(err.message).not.toContain('\n');
    }
    expect(() => parseIdx(file.subarray(0, file.length - 1), 'x')).toThrow(/truncated: 2367 bytes, dimensions 3x28x28 of uint8 need 2368/);
  });

  it('refuses foreign files: another magic number, an unknown dtype, trailing bytes', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => parseIdx(png, 'digit.png')).toThrow(/^digit\.png: not an IDX file: magic number starts 0x8950, expected 0x0000$/);
    expect(() => parseIdx(idx(0x07, [1], new Uint8Array(1)), 'odd')).toThrow(/odd: not an IDX file: unknown dtype code 0x07/);
    const long = new Uint8Array([...idx(0x08, [2], new Uint8Array(2)), 9]);
    expect(() => parseIdx(long, 'long')).toThrow(/long: not an IDX file: 1 bytes after the data/);
  });
});

describe('digitSetFromIdx', () => {
  it('pairs images and labels', () => {
    const set = digitSetFromIdx(idx(0x08, [3, 28, 28], pixels(3)), 'i', idx(0x08, [3], Uint8Array.from([7, 0, 9])), 'l');
    expect(set.count).toBe(3);
    expect(set.pixels).toBe(784);
    expect(Array.from(set.labels)).toEqual([7, 0, 9]);
  });

  it('refuses a well-formed IDX file of the wrong shape, naming it', () => {
    const labels = idx(0x08, [3], Uint8Array.from([1, 2, 3]));
    expect(() => digitSetFromIdx(idx(0x08, [3, 27, 29], new Uint8Array(3 * 27 * 29)), 'imgs', labels, 'labs')).toThrow(/^imgs: not MNIST images: uint8 3x27x29/);
    expect(() => digitSetFromIdx(idx(0x08, [3, 28, 28], pixels(3)), 'imgs', idx(0x08, [2], Uint8Array.from([1, 2])), 'labs')).toThrow(/^labs: not the labels of imgs/);
    expect(() => digitSetFromIdx(idx(0x08, [3, 28, 28], pixels(3)), 'imgs', idx(0x08, [3], Uint8Array.from([1, 12, 3])), 'labs')).toThrow(/^labs: label 12 at index 1, expected 0..9/);
  });
});
