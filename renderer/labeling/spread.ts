/** Golden angle: successive points of a sunflower never line up. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface SpreadPlane {
  x: number[];
  y: number[];
  /** Candidates that share their exact position with another (0 for continuous data). */
  stacked: number;
}

/**
 * Display positions for candidates that coincide exactly (Bernoulli and Poisson data put many
 * on one spot): each stack is fanned out on a sunflower (Vogel's spiral, r = s sqrt(k)) around its
 * shared value, so its area shows how many it holds and each can still be picked. Candidates
 * alone on their spot do not move. The step s is a share of each axis' span, capped so a large
 * stack stays within `maxRadius` of it.
 */
export function spreadStacks(
  xs: readonly number[],
  ys: readonly number[],
  range: { x: readonly [number, number]; y: readonly [number, number] },
  step = 0.01,
  maxRadius = 0.12,
): SpreadPlane {
  const stacks = new Map<string, number[]>();
  for (let i = 0; i < xs.length; i++) {
    const key = `${xs[i]},${ys[i]}`;
    const list = stacks.get(key);
    if (list) list.push(i);
    else stacks.set(key, [i]);
  }
  const x = [...xs];
  const y = [...ys];
  let stacked = 0;
  const spanX = range.x[1] - range.x[0] || 1;
  const spanY = range.y[1] - range.y[0] || 1;
  for (const members of stacks.values()) {
    const n = members.length;
    if (n < 2) continue;
    stacked += n;
    const s = Math.min(step, maxRadius / Math.sqrt(n));
    members.forEach((i, k) => {
      const r = s * Math.sqrt(k);
      x[i] += r * Math.cos(k * GOLDEN_ANGLE) * spanX;
      y[i] += r * Math.sin(k * GOLDEN_ANGLE) * spanY;
    });
  }
  return { x, y, stacked };
}
