import { IdxFormatError, parseIdx } from './idx';

/** The sizes of MNIST's two splits (LeCun, Cortes and Burges). */
export const MNIST_DIGITS = { train: 60_000, test: 10_000 } as const;

/** MNIST digits as the engine takes them: n images of 28 x 28 uint8 pixels and their labels. */
export interface DigitSet {
  readonly count: number;
  /** Pixels per image (784). */
  readonly pixels: number;
  /** count x pixels, row-major, 0..255. */
  readonly images: Uint8Array;
  /** count labels, 0..9. */
  readonly labels: Uint8Array;
}

/**
 * One MNIST split from its two IDX files (LeCun et al.'s layout: images uint8 [n, 28, 28],
 * labels uint8 [n]); a file of another shape, or labels that disagree in count or range, is
 * refused naming the file.
 */
export function digitSetFromIdx(images: Uint8Array, imagesSource: string, labels: Uint8Array, labelsSource: string): DigitSet {
  const img = parseIdx(images, imagesSource);
  const lab = parseIdx(labels, labelsSource);
  if (img.dtype !== 'uint8' || img.dims.length !== 3 || img.dims[1] !== 28 || img.dims[2] !== 28) {
    throw new IdxFormatError(`${imagesSource}: not MNIST images: ${img.dtype} ${img.dims.join('x')}, expected uint8 Nx28x28`);
  }
  if (lab.dtype !== 'uint8' || lab.dims.length !== 1 || lab.dims[0] !== img.dims[0]) {
    throw new IdxFormatError(`${labelsSource}: not the labels of ${imagesSource}: ${lab.dtype} ${lab.dims.join('x')}, expected uint8 ${img.dims[0]}`);
  }
  const bad = lab.data.findIndex((v) => v > 9);
  if (bad >= 0) throw new IdxFormatError(`${labelsSource}: label ${lab.data[bad]} at index ${bad}, expected 0..9`);
  return { count: img.dims[0], pixels: 784, images: img.data, labels: lab.data };
}
