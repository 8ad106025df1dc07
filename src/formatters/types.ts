import type { Diagnostic } from '#engine/diagnostic.js';
import type { LintResult } from '#engine/linter.js';
import type { Rule } from '#engine/rule.js';

/** One linted file as the formatters see it. */
export interface FileReport {
  /** As shown to the user (relative to the working directory when below it). */
  filePath: string;
  result: LintResult;
  /** Not a file (stdin without --stdin-filename, a live domain): SARIF gives it no base URI. */
  virtual?: boolean;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  rules: readonly Rule[];
  /** Lines about the run itself (host facts used, rules skipped); stylish prints them. */
  notes: string[];
  /** Whether --fix was used (changes the "fixable" hint). */
  fixing: boolean;
  /** The environment, for formats that adapt to their CI (GITHUB_WORKSPACE for annotation paths). */
  env?: Readonly<Record<string, string | undefined>>;
  /** `--quiet`: problems only (the CLI has already dropped all but errors), no summary. */
  quiet?: boolean;
  /**
   * The directory SARIF locations are relative to (`SRCROOT`): the CLI passes
   * GITHUB_WORKSPACE when set, else the repository root, else the working
   * directory. Without it, SARIF URIs are relative to `cwd`.
   */
  sourceRoot?: string;
}

export type Formatter = (reports: FileReport[], context: FormatContext) => string;

/**
 * A format that takes the files one at a time: the CLI writes out what
 * `file` returns and drops the file's result, so a run's memory does not grow
 * with the number of files. Formats that must see every file before writing
 * (SARIF's rule table) keep only what they print.
 */
export interface ReportStream {
  /** Text for one file, to be written out now (may be empty). */
  file(report: FileReport): string;
  /** The rest (summary, notes), after the last file. */
  end(notes: readonly string[]): string;
}

export type StreamingFormatter = (context: FormatContext) => ReportStream;

/** The whole report at once, from a streaming format. */
export function collect(format: StreamingFormatter): Formatter {
  return (reports, context) => {
    const stream = format(context);
    let out = '';
    for (const r of reports) out += stream.file(r);
    return out + stream.end(context.notes);
  };
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableCount: number;
}

export function countMessages(messages: readonly Diagnostic[]): Counts {
  const c: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableCount: 0 };
  for (const m of messages) {
    if (m.severity === 'error') c.errorCount++;
    else if (m.severity === 'warning') c.warningCount++;
    else c.infoCount++;
    if (m.fix) c.fixableCount++;
  }
  return c;
}

export function totalCounts(reports: readonly FileReport[]): Counts {
  const total = noCounts();
  for (const r of reports) addCounts(total, countMessages(r.result.messages));
  return total;
}

export const noCounts = (): Counts => ({ errorCount: 0, warningCount: 0, infoCount: 0, fixableCount: 0 });

/** Adds `c` into `total`. */
export function addCounts(total: Counts, c: Counts): Counts {
  total.errorCount += c.errorCount;
  total.warningCount += c.warningCount;
  total.infoCount += c.infoCount;
  total.fixableCount += c.fixableCount;
  return total;
}

/** The command that prints a rule's documentation; every format points to it. */
export function docsCommand(ruleId: string): string {
  return `virt-lint rule ${ruleId}`;
}
