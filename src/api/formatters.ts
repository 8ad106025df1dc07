/**
 * The CLI's output formats for results of the Node API: `formatters.json(results)`
 * prints what `virt-lint --format json` prints for the same files.
 */
import { rules as allRules } from '#rules/index.js';
import type { Formatter } from '../formatters/types.js';
import { formatStylish } from '../formatters/stylish.js';
import { formatJson } from '../formatters/json.js';
import { formatCompact } from '../formatters/compact.js';
import { formatSarif } from '../formatters/sarif.js';
import { formatGithub } from '../formatters/github.js';
import { toFileReport, type LintResult } from './results.js';

export interface FormatOptions {
  /** Colour (ANSI escapes) in `stylish` and `github`. Default false. */
  color?: boolean;
  /** Lines about the run that `stylish` and `github` print after the problems. */
  notes?: string[];
  /** Whether the results come from fixing (`stylish` then does not suggest `--fix`). Default false. */
  fixing?: boolean;
  /** The directory relative file paths are relative to (`github` annotations). Default ''. */
  cwd?: string;
  /** The environment `github` reads GITHUB_WORKSPACE from. Default: none. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type FormatterName = 'stylish' | 'json' | 'compact' | 'sarif' | 'github';

/** Formats results of `lintText` / `lintFiles` as the CLI's `--format NAME` would. */
export type ResultFormatter = (results: readonly LintResult[], options?: FormatOptions) => string;

const wrap =
  (format: Formatter): ResultFormatter =>
  (results, options = {}) =>
    format(results.map(toFileReport), {
      cwd: options.cwd ?? '',
      color: options.color ?? false,
      rules: allRules,
      notes: options.notes ?? [],
      fixing: options.fixing ?? false,
      env: options.env,
    });

export const formatters: Readonly<Record<FormatterName, ResultFormatter>> = {
  stylish: wrap(formatStylish),
  json: wrap(formatJson),
  compact: wrap(formatCompact),
  sarif: wrap(formatSarif),
  github: wrap(formatGithub),
};
