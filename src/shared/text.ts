/**
 * Text helpers every layer may use: one edit distance and one "did you mean"
 * for unknown option names, rule ids, configuration keys, directive names
 * and severities.
 */

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/**
 * The candidate the user probably meant: the only one the input is a prefix
 * of (`warn` → `warning`, from three characters on), else the nearest one
 * when it is near enough (at most 2 edits, or a third of the input's length
 * for longer names). Undefined when nothing is close.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const all = [...candidates];
  const extending = name.length >= 3 ? all.filter((c) => c.startsWith(name)) : [];
  if (extending.length === 1) return extending[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of all) {
    // The distance is at least the difference in length: skip the edit distance (length x length) when that alone is too far.
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
