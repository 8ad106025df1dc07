import type { Diagnostic, LintResult } from '../engine/linter.js';
import type { Rule } from '../engine/rule.js';

/** One linted file as the formatters see it. */
export interface FileReport {
  /** As shown to the user (relative to the working directory when below it). */
  filePath: string;
  result: LintResult;
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
}

export type Formatter = (reports: FileReport[], context: FormatContext) => string;

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
  const total: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableCount: 0 };
  for (const r of reports) {
    const c = countMessages(r.result.messages);
    total.errorCount += c.errorCount;
    total.warningCount += c.warningCount;
    total.infoCount += c.infoCount;
    total.fixableCount += c.fixableCount;
  }
  return total;
}

/** The command that prints a rule's documentation; every format points to it. */
export function docsCommand(ruleId: string): string {
  return `virt-lint rule ${ruleId}`;
}
