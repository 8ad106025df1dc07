/**
 * A function of an object, remembered per object. For facts of a parsed
 * document that many rules ask for (a device's PCI address, the QEMU
 * arguments): the tree does not change once parsed, so the first answer is the
 * answer, and a WeakMap lets the document and its answers go together.
 * Callers get the same value every time: treat it as read-only.
 */
export function memoize<K extends object, R>(fn: (key: K) => R): (key: K) => R {
  const answers = new WeakMap<K, R>();
  return (key) => {
    let r = answers.get(key);
    if (r === undefined && !answers.has(key)) answers.set(key, (r = fn(key)));
    return r as R;
  };
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
