/**
 * Logits of FilterNet's k = 2 case, the d = 2 presets' hot loop, shared by inference and the
 * fused training kernel: l_i = b2 + sum_h halfV_h (s_ih + |s_ih|) with
 * s_ih = b_h + a0_h x_i0 + a1_h x_i1 (rows of x are (x_i0, x_i1)).
 *
 * relu(s) = (s + |s|) / 2 exactly, with the half folded into v (halving is exact), so there is
 * no unpredictable branch per unit; four rows share each unit's loaded weights. Every row's sum
 * runs over the units in the same order whatever its place in a group of four, so a row's logit
 * does not depend on `count`. About 3x a plain loop with `if (s > 0)`.
 */
export function reluLogits2(
  x: Float64Array,
  count: number,
  a0: Float64Array,
  a1: Float64Array,
  b: Float64Array,
  halfV: Float64Array,
  b2: number,
  out: Float64Array,
): void {
  const H = b.length;
  let i = 0;
  for (; i + 3 < count; i += 4) {
    const o = 2 * i;
    const p0 = x[o];
    const p1 = x[o + 1];
    const q0 = x[o + 2];
    const q1 = x[o + 3];
    const r0 = x[o + 4];
    const r1 = x[o + 5];
    const u0 = x[o + 6];
    const u1 = x[o + 7];
    let lp = b2;
    let lq = b2;
    let lr = b2;
    let lu = b2;
    for (let h = 0; h < H; h++) {
      const bh = b[h];
      const c0 = a0[h];
      const c1 = a1[h];
      const vh = halfV[h];
      const sp = bh + c0 * p0 + c1 * p1;
      const sq = bh + c0 * q0 + c1 * q1;
      const sr = bh + c0 * r0 + c1 * r1;
      const su = bh + c0 * u0 + c1 * u1;
      lp += vh * (sp + Math.abs(sp));
      lq += vh * (sq + Math.abs(sq));
      lr += vh * (sr + Math.abs(sr));
      lu += vh * (su + Math.abs(su));
    }
    out[i] = lp;
    out[i + 1] = lq;
    out[i + 2] = lr;
    out[i + 3] = lu;
  }
  for (; i < count; i++) {
    const x0 = x[2 * i];
    const x1 = x[2 * i + 1];
    let logit = b2;
    for (let h = 0; h < H; h++) {
      const s = b[h] + a0[h] * x0 + a1[h] * x1;
      logit += halfV[h] * (s + Math.abs(s));
    }
    out[i] = logit;
  }
}
