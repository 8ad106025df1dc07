/** The "X is used twice" shape many define-time checks share. */

export interface Repeat<T, K> {
  /** The later item, the one to report. */
  item: T;
  /** The first item with the same key. */
  first: T;
  key: K;
}

/**
 * Every item whose key an earlier item already had, in order, paired with
 * that first item. Items whose key is undefined take no part.
 */
export function repeats<T, K>(items: Iterable<T>, keyOf: (item: T) => K | undefined): Repeat<T, K>[] {
  const firsts = new Map<K, T>();
  const out: Repeat<T, K>[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const first = firsts.get(key);
    if (first === undefined) firsts.set(key, item);
    else out.push({ item, first, key });
  }
  return out;
}
