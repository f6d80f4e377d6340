/**
 * Indices of the k largest scores among the first n, written to `outIdx[0..k)` (unordered).
 * Hoare-style quickselect (expected O(n)) over an index array, so the scores stay in place and
 * no sort is needed: the oracle filter's hot path.
 */
export function selectTopK(scores: Float64Array, n: number, k: number, idx: Int32Array): void {
  for (let i = 0; i < n; i++) idx[i] = i;
  if (k >= n) return;
  let lo = 0;
  let hi = n - 1;
  const target = k - 1; // we want idx[0..k) to hold the top k: order descending
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const pivot = scores[idx[mid]];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scores[idx[i]] > pivot) i++;
      while (scores[idx[j]] < pivot) j--;
      if (i <= j) {
        const tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}
