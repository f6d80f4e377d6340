/**
 * The k-th largest of scores[0..n), 1 <= k <= n: Hoare's quickselect (expected O(n)) on
 * `scratch`, a copy, so the scores stay in place and no sort is needed: the oracle filter's hot
 * path. Selecting on the values themselves (not on an index array) keeps every comparison a
 * direct load. The top k are then the scores above the threshold plus the first
 * k - #(scores > threshold) of those equal to it, in index order (see `keepTopK`).
 */
export function kthLargest(scores: Float64Array, n: number, k: number, scratch: Float64Array): number {
  if (!(k >= 1 && k <= n)) throw new RangeError(`kthLargest: k = ${k} is not in 1..${n}`);
  const a = scratch;
  for (let i = 0; i < n; i++) a[i] = scores[i];
  const target = k - 1; // position of the answer when a is ordered descending
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return pivot; // a[j+1 .. i-1] all equal the pivot, the target among them
  }
  return a[target];
}

/** How many of the scores equal to the k-th largest (`threshold`) the top k take: k - #(scores above it). */
function tiesKept(scores: Float64Array, n: number, k: number, threshold: number): number {
  let above = 0;
  for (let i = 0; i < n; i++) if (scores[i] > threshold) above++;
  return k - above;
}

/**
 * keep[i] = 1 for exactly the k largest of scores[0..n) (ties at the k-th value broken by
 * index, lowest first), else 0. Returns k.
 */
export function keepTopK(scores: Float64Array, n: number, k: number, scratch: Float64Array, keep: Uint8Array): number {
  const threshold = kthLargest(scores, n, k, scratch);
  let ties = tiesKept(scores, n, k, threshold);
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    keep[i] = s > threshold || (s === threshold && ties-- > 0) ? 1 : 0;
  }
  return k;
}

/**
 * sums[j] += rows[i d + j] over exactly the rows i that keepTopK would keep (the k largest
 * scores, ties at the k-th value by index, lowest first), in index order: selection and summing
 * in one pass over the candidates, with no keep mask written and read back. Returns k.
 */
export function addTopKRows(scores: Float64Array, n: number, k: number, scratch: Float64Array, rows: Float64Array, d: number, sums: Float64Array): number {
  const threshold = kthLargest(scores, n, k, scratch);
  let ties = tiesKept(scores, n, k, threshold);
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (!(s > threshold || (s === threshold && ties-- > 0))) continue;
    const o = i * d;
    for (let j = 0; j < d; j++) sums[j] += rows[o + j];
  }
  return k;
}
