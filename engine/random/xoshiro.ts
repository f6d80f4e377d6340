/**
 * xoshiro128** (Blackman and Vigna, 2018): a 32-bit generator with period 2^128 - 1, fast in
 * JavaScript because it needs only 32-bit shifts, rotations and Math.imul.
 *
 * Every replicate owns one stream whose 128-bit state is derived from (seed, replicate index)
 * by SplitMix64, so a replicate's numbers never depend on which thread or chunk advances it:
 * that is what makes a run identical bit for bit whatever the split of replicates.
 */
export class Xoshiro128 {
  // Public so that block samplers (normal-block.ts) can copy the state into locals, run the
  // generator in registers, and write it back: the same sequence, without a field load and
  // store per draw.
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;

  /** Loads the 4-word state of stream `index` from a packed state array. */
  load(states: Uint32Array, index: number): void {
    const o = index * 4;
    this.s0 = states[o] | 0;
    this.s1 = states[o + 1] | 0;
    this.s2 = states[o + 2] | 0;
    this.s3 = states[o + 3] | 0;
  }

  /** Stores the state back so the stream resumes exactly where it stopped. */
  save(states: Uint32Array, index: number): void {
    const o = index * 4;
    states[o] = this.s0;
    states[o + 1] = this.s1;
    states[o + 2] = this.s2;
    states[o + 3] = this.s3;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 (Steele, Lea and Flood, 2014): the seeding function Vigna recommends for xoshiro. */
function splitMix64(state: bigint): [bigint, bigint] {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [next, z ^ (z >> 31n)];
}

/**
 * Packed states for replicates [first, first + count) of a run seeded with `seed`.
 * Stream r depends only on (seed, r), never on `first` or `count`.
 */
export function seedStreams(seed: number, first: number, count: number): Uint32Array {
  const states = new Uint32Array(count * 4);
  const base = BigInt.asUintN(64, BigInt(Math.trunc(seed)));
  for (let i = 0; i < count; i++) {
    // The seed is mixed once, the stream index folded in, and two further SplitMix64 outputs
    // fill the state: neighbouring seeds and streams start far apart.
    let [s] = splitMix64(base);
    s = (s ^ BigInt(first + i) * 0xd1b54a32d192ed03n) & MASK64;
    let a: bigint;
    let b: bigint;
    [s, a] = splitMix64(s);
    [s, b] = splitMix64(s);
    states[i * 4] = Number(a & 0xffffffffn);
    states[i * 4 + 1] = Number(a >> 32n);
    states[i * 4 + 2] = Number(b & 0xffffffffn);
    states[i * 4 + 3] = Number(b >> 32n);
    if ((states[i * 4] | states[i * 4 + 1] | states[i * 4 + 2] | states[i * 4 + 3]) === 0) {
      states[i * 4] = 1; // the all-zero state is the one fixed point of xoshiro
    }
  }
  return states;
}
