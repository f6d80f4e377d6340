import { FilterInference, type FilterModel } from '../../engine';
import { unproject, type DisplayPlane } from './label-view';

/**
 * The filter's weight w(x) over a rectangle of the display plane (Train page's heat map):
 * `size` x `size` cells, row-major from the bottom-left, evaluated with the same inference loop
 * the recursion uses.
 */
export function filterHeatmap(model: FilterModel, plane: DisplayPlane, range: { x: [number, number]; y: [number, number] }, size: number): { x: number[]; y: number[]; weights: number[] } {
  const inference = new FilterInference(model);
  const d = plane.dim;
  const xs = Array.from({ length: size }, (_, i) => range.x[0] + ((i + 0.5) * (range.x[1] - range.x[0])) / size);
  const ys = Array.from({ length: size }, (_, i) => range.y[0] + ((i + 0.5) * (range.y[1] - range.y[0])) / size);
  const points = new Float64Array(size * size * d);
  const point = new Float64Array(d);
  let k = 0;
  for (const v of ys) {
    for (const u of xs) {
      unproject(plane, u, v, point);
      points.set(point, k * d);
      k++;
    }
  }
  const weights = new Float64Array(size * size);
  inference.weights(points, size * size, weights);
  return { x: xs, y: ys, weights: Array.from(weights) };
}
