/**
 * An object that keeps what `memoize` and `remember` worked out about it in a
 * field of its own (the parsed tree's elements). Not a WeakMap: answers about
 * a document refer to its elements, whose parent links lead back to the key,
 * and V8's young-generation collector does not free a WeakMap entry whose
 * value leads to its key. Every document linted was then kept through two
 * collections and moved to the old generation: a corpus run spent a tenth of
 * its time copying dead trees. Kept on the key, the answers go with the tree.
 */
export interface Memos {
  memo: Map<object, unknown> | undefined;
}

/**
 * The answer `compute(holder)` remembered on `holder` under `key` (one per
 * key: a function, a grammar): computed on first use. The tree does not change
 * once parsed, so the first answer is the answer. Callers get the same value
 * every time: treat it as read-only.
 */
export function remember<H extends Memos, R>(holder: H, key: object, compute: (holder: H) => R): R {
  const answers = (holder.memo ??= new Map());
  let r = answers.get(key) as R | undefined;
  if (r === undefined && !answers.has(key)) answers.set(key, (r = compute(holder)));
  return r as R;
}

/**
 * A function of an element, remembered on the element (`remember`): for facts
 * of a parsed document that many rules ask for (a device's PCI address, the
 * QEMU arguments).
 */
export function memoize<K extends Memos, R>(fn: (key: K) => R): (key: K) => R {
  return (key) => remember(key, fn, fn);
}

/**
 * A value built on its first use and kept: for tables and schemas that many
 * runs never read (a lint's start pays for every object it builds).
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
