/** Hit tests for the box and lasso tools, in the chart's data coordinates. */

export type PlanePoint = readonly [number, number];

/** A box as ECharts' brush reports it (`coordRange` of a rect area): [[x0, x1], [y0, y1]]. */
export type PlaneRect = readonly [readonly [number, number], readonly [number, number]];

/**
 * Whether (x, y) lies inside the polygon, by the even-odd rule (a ray to +x crosses its edges an
 * odd number of times). The polygon is closed implicitly (last vertex back to the first); fewer
 * than three vertices enclose nothing.
 */
export function pointInPolygon(x: number, y: number, polygon: readonly PlanePoint[]): boolean {
  const n = polygon.length;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    // The edge straddles the ray's height (half-open, so a vertex on the ray counts once).
    if (yi > y !== yj > y) {
      const crossX = xi + ((y - yi) * (xj - xi)) / (yj - yi);
      if (x < crossX) inside = !inside;
    }
  }
  return inside;
}

/** Indices of the points (xs[i], ys[i]) inside the lasso polygon. */
export function indicesInPolygon(xs: readonly number[], ys: readonly number[], polygon: readonly PlanePoint[]): number[] {
  if (polygon.length < 3) return [];
  // The bounding box first: most points of a small lasso fail it cheaply.
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [px, py] of polygon) {
    minX = Math.min(minX, px);
    maxX = Math.max(maxX, px);
    minY = Math.min(minY, py);
    maxY = Math.max(maxY, py);
  }
  const hits: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    if (pointInPolygon(x, y, polygon)) hits.push(i);
  }
  return hits;
}

/** Indices of the points inside the box (edges included; the corners may come in any order). */
export function indicesInRect(xs: readonly number[], ys: readonly number[], rect: PlaneRect): number[] {
  const [[xa, xb], [ya, yb]] = rect;
  const [x0, x1] = [Math.min(xa, xb), Math.max(xa, xb)];
  const [y0, y1] = [Math.min(ya, yb), Math.max(ya, yb)];
  const hits: number[] = [];
  for (let i = 0; i < xs.length; i++) if (xs[i] >= x0 && xs[i] <= x1 && ys[i] >= y0 && ys[i] <= y1) hits.push(i);
  return hits;
}

/**
 * The point nearest a click, in pixels, if one lies within `maxDistance` pixels of it. The plane
 * maps to pixels linearly: `toPixel` gives the pixel position of plane point (x, y).
 */
export function nearestIndex(
  xs: readonly number[],
  ys: readonly number[],
  toPixel: (x: number, y: number) => PlanePoint,
  click: PlanePoint,
  maxDistance: number,
): number | null {
  // Two reference points give the linear map, so each point costs two multiplications.
  const [ox, oy] = toPixel(0, 0);
  const [ux, uy] = toPixel(1, 1);
  const sx = ux - ox;
  const sy = uy - oy;
  let best: number | null = null;
  let bestD2 = maxDistance * maxDistance;
  for (let i = 0; i < xs.length; i++) {
    const dx = ox + xs[i] * sx - click[0];
    const dy = oy + ys[i] * sy - click[1];
    const d2 = dx * dx + dy * dy;
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}
