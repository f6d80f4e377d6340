/**
 * Candidates are stored as the raw bytes of a Float64Array: exact (no decimal round trip, -0
 * and subnormals included), compact, and read back with one copy. The byte order is fixed to
 * little-endian through a DataView rather than taken from the host, so a store moved between
 * machines reads the same numbers; on the little-endian machines Node runs on, the bytes are
 * the array's own.
 */

const BYTES = Float64Array.BYTES_PER_ELEMENT;

/** The values' bytes, little-endian. Refuses NaN and infinities, which no candidate can be. */
export function float64ToBlob(values: Float64Array, what: string): Buffer {
  const blob = Buffer.alloc(values.length * BYTES);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      throw new RangeError(`${what}: value ${i} is ${value}; expected a finite number`);
    }
    view.setFloat64(i * BYTES, value, true);
  }
  return blob;
}

/**
 * The inverse of float64ToBlob, or undefined when the blob does not hold exactly `length`
 * values (the caller names the damaged row).
 */
export function blobToFloat64(blob: Uint8Array, length: number): Float64Array | undefined {
  if (blob.byteLength !== length * BYTES) return undefined;
  const values = new Float64Array(length);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let i = 0; i < length; i++) values[i] = view.getFloat64(i * BYTES, true);
  return values;
}
