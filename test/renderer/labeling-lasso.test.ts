import { describe, expect, it } from 'vitest';
import { indicesInPolygon, indicesInRect, nearestIndex, pointInPolygon, type PlanePoint } from '../../renderer/labeling/lasso';

const square: PlanePoint[] = [
  [0, 0],
  [2, 0],
  [2, 2],
  [0, 2],
];

// A "C" shape: the notch (x in 1..3, y in 1..2) is outside although inside the bounding box.
const cShape: PlanePoint[] = [
  [0, 0],
  [3, 0],
  [3, 1],
  [1, 1],
  [1, 2],
  [3, 2],
  [3, 3],
  [0, 3],
];

describe('pointInPolygon', () => {
  it('finds points inside and outside a square', () => {
    expect(pointInPolygon(1, 1, square)).toBe(true);
    expect(pointInPolygon(3, 1, square)).toBe(false);
    expect(pointInPolygon(-0.1, 1, square)).toBe(false);
  });

  it('follows a concave lasso: the notch of a C is outside', () => {
    expect(pointInPolygon(0.5, 1.5, cShape)).toBe(true);
    expect(pointInPolygon(2, 1.5, cShape)).toBe(false);
    expect(pointInPolygon(2, 0.5, cShape)).toBe(true);
    expect(pointInPolygon(2, 2.5, cShape)).toBe(true);
  });

  it('does not care about the winding direction, and closes the shape itself', () => {
    const reversed = [...cShape].reverse();
    for (const [x, y] of [
      [0.5, 1.5],
      [2, 1.5],
      [2, 0.5],
    ] as const)
      expect(pointInPolygon(x, y, reversed)).toBe(pointInPolygon(x, y, cShape));
  });

  it('a self-crossing lasso (a figure eight) keeps both loops by the even-odd rule', () => {
    const eight: PlanePoint[] = [
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
    ];
    expect(pointInPolygon(0.3, 1, eight)).toBe(true);
    expect(pointInPolygon(1.7, 1, eight)).toBe(true);
    expect(pointInPolygon(1, 0.2, eight)).toBe(false);
  });

  it('a lasso of fewer than three points encloses nothing', () => {
    expect(pointInPolygon(0, 0, [])).toBe(false);
    expect(
      pointInPolygon(0.5, 0.5, [
        [0, 0],
        [1, 1],
      ]),
    ).toBe(false);
  });
});

describe('indicesInPolygon and indicesInRect', () => {
  const xs = [0.5, 2, 2, 2, 5, 0.5];
  const ys = [1.5, 1.5, 0.5, 2.5, 5, 0.5];

  it('returns the indices of the candidates the lasso encloses', () => {
    expect(indicesInPolygon(xs, ys, cShape)).toEqual([0, 2, 3, 5]);
    expect(indicesInPolygon(xs, ys, [])).toEqual([]);
  });

  it('matches a brute-force test on random points and a random star-shaped lasso', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const polygon: PlanePoint[] = Array.from({ length: 24 }, (_, k) => {
      const a = (2 * Math.PI * k) / 24;
      const r = 0.5 + rand();
      return [r * Math.cos(a), r * Math.sin(a)];
    });
    const px = Array.from({ length: 2000 }, () => rand() * 4 - 2);
    const py = Array.from({ length: 2000 }, () => rand() * 4 - 2);
    const brute = px.map((x, i) => (pointInPolygon(x, py[i], polygon) ? i : -1)).filter((i) => i >= 0);
    expect(indicesInPolygon(px, py, polygon)).toEqual(brute);
    expect(brute.length).toBeGreaterThan(100);
  });

  it('a box takes its corners in any order and includes its edges', () => {
    expect(
      indicesInRect(xs, ys, [
        [2, 0],
        [0, 2],
      ]),
    ).toEqual([0, 1, 2, 5]);
  });
});

describe('nearestIndex', () => {
  // Plane to pixels: x scaled by 100 from 50, y flipped (screen y grows downwards).
  const toPixel = (x: number, y: number): PlanePoint => [50 + 100 * x, 300 - 100 * y];
  const xs = [0, 1, 1.05, 2];
  const ys = [0, 1, 1, 2];

  it('picks the candidate nearest the click, within the radius', () => {
    expect(nearestIndex(xs, ys, toPixel, [151, 201], 8)).toBe(1);
    expect(nearestIndex(xs, ys, toPixel, [155, 200], 8)).toBe(2);
    expect(nearestIndex(xs, ys, toPixel, [50, 300], 8)).toBe(0);
  });

  it('picks nothing when the click is on empty space', () => {
    expect(nearestIndex(xs, ys, toPixel, [100, 100], 8)).toBeNull();
    expect(nearestIndex([], [], toPixel, [0, 0], 8)).toBeNull();
  });
});
