/**
 * Where the report goes and in which format when none is asked for:
 * - `--format` wins; otherwise `github` when running in GitHub Actions
 *   (GITHUB_ACTIONS=true) and the report goes to stdout (annotations are read
 *   from the step's log only), else `stylish`;
 * - `--output-file PATH` writes the report to PATH (atomically: a temporary
 *   file beside it, then renamed over it) instead of stdout; the exit code is
 *   the same as without it.
 */

export const FORMAT_NAMES = ['stylish', 'json', 'compact', 'sarif', 'github'] as const;

export function defaultFormat(env: Readonly<Record<string, string | undefined>>, toFile: boolean): string {
  return env.GITHUB_ACTIONS === 'true' && !toFile ? 'github' : 'stylish';
}

/** Formats whose report itself carries the run's notes (host facts used, rules skipped); others get them on stderr. */
export function reportHasNotes(format: string): boolean {
  return format === 'stylish' || format === 'github';
}
