/**
 * A configuration that cannot be used: exit 2, every offender on its own line
 * (`virt-lint: .virt-lint.json: rules.x: unknown rule; did you mean 'y'?`).
 * Kept apart from the loader so the CLI can catch it without loading zod.
 */
export class ConfigError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }

  /** What the CLI prints on stderr. */
  format(): string {
    return this.lines.map((l) => `virt-lint: ${l}\n`).join('');
  }
}

/** The closest candidate when it is close enough to be what was meant, or the only one the input is a prefix of (`warn` → `warning`). */
export function closest(name: string, candidates: Iterable<string>, distance: (a: string, b: string) => number): string | undefined {
  const all = [...candidates];
  const extending = name.length >= 3 ? all.filter((c) => c.startsWith(name)) : [];
  if (extending.length === 1) return extending[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of all) {
    const d = distance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
