/**
 * The candidate closest to `word` by edit distance, for "did you mean" hints: config paths
 * (`--set model.dimm`), CLI options (`--prest`) and commands (`rnu`) share it, so every hint
 * is equally forgiving. Undefined when nothing is close enough to be a likely typo.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const dist = editDistance(word, candidate);
    if (dist < bestDistance) {
      bestDistance = dist;
      best = candidate;
    }
  }
  // Never a hint that rewrites the whole word (`-x` is no typo of `--db`).
  return bestDistance <= Math.max(2, Math.floor(word.length / 4)) && bestDistance < word.length ? best : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
