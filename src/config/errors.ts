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
