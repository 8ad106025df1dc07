/**
 * Compact: one line per problem, `file:line:col: severity: message [rule-id]`,
 * the shape editors' problem matchers, `grep` and GCC-style tooling parse.
 * Newlines inside a message are folded so one problem stays one line. A
 * last line (which does not start with a path, so matchers skip it) counts
 * the problems and says how to read a rule's documentation.
 */
import type { Formatter } from './types.js';
import { totalCounts } from './types.js';

const oneLine = (s: string) => s.replace(/\r\n|\r|\n/g, ' ');

export const formatCompact: Formatter = (reports) => {
  const lines: string[] = [];
  for (const { filePath, result } of reports) {
    for (const m of result.messages) {
      lines.push(`${oneLine(filePath)}:${m.line}:${m.column}: ${m.severity}: ${oneLine(m.message)} [${m.ruleId}]`);
    }
  }
  const t = totalCounts(reports);
  const problems = t.errorCount + t.warningCount + t.infoCount;
  if (problems > 0) {
    const parts = [`${t.errorCount} error${t.errorCount === 1 ? '' : 's'}`, `${t.warningCount} warning${t.warningCount === 1 ? '' : 's'}`];
    if (t.infoCount) parts.push(`${t.infoCount} info`);
    lines.push(`${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}); run \`virt-lint rule <rule-id>\` for a rule's documentation`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
