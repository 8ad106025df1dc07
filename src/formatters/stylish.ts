/**
 * The default, human format (ESLint's "stylish"): problems grouped by file,
 * `line:col  severity  message  rule-id`, then a summary.
 */
import type { Formatter } from './types.js';
import { totalCounts } from './types.js';
import type { Severity } from '../engine/rule.js';

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const formatStylish: Formatter = (reports, ctx) => {
  const c = ctx.color;
  const lines: string[] = [];
  for (const { filePath, result } of reports) {
    if (result.skippedReason) {
      lines.push(`${filePath}: skipped (${result.skippedReason})`);
      continue;
    }
    if (result.messages.length === 0) continue;
    lines.push('', paint(c, '4', filePath));
    const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity, m.message, m.ruleId] as const);
    const posWidth = Math.max(...rows.map((r) => r[0].length));
    const sevWidth = Math.max(...rows.map((r) => r[1].length));
    for (const [pos, sev, message, id] of rows) {
      lines.push(`  ${paint(c, '2', pos.padEnd(posWidth))}  ${paint(c, SEVERITY_COLOR[sev], sev.padEnd(sevWidth))}  ${message}  ${paint(c, '2', id)}`);
    }
  }
  const t = totalCounts(reports);
  const problems = t.errorCount + t.warningCount + t.infoCount;
  if (lines.length && lines[0] !== '') lines.unshift('');
  if (ctx.notes.length) lines.push('', ...ctx.notes);
  if (problems > 0) {
    const parts = [plural(t.errorCount, 'error'), plural(t.warningCount, 'warning')];
    if (t.infoCount) parts.push(`${t.infoCount} info`);
    let summary = `${t.errorCount ? '✖' : '⚠'} ${plural(problems, 'problem')} (${parts.join(', ')})`;
    if (t.fixableCount && !ctx.fixing) summary += `, ${t.fixableCount} fixable with --fix`;
    const color = t.errorCount ? '31;1' : t.warningCount ? '33;1' : '36;1';
    lines.push('', paint(c, color, summary));
    lines.push(paint(c, '2', 'Run `virt-lint rule <rule-id>` for what a rule checks, why, and how to fix it.'));
  } else if (reports.some((r) => !r.result.skippedReason)) {
    lines.push(`${lines.length ? '\n' : ''}${paint(c, '32', '✔')} no problems`);
  }
  return lines.join('\n').replace(/^\n/, '') + '\n';
};
