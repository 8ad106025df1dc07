/**
 * The default, human format (ESLint's "stylish"): problems grouped by file,
 * `line:col  severity  message  rule-id`, then a summary. Written file by
 * file; file names and messages are shown with control characters escaped
 * (escape.ts). With `quiet`, the problems only: no summary, no "no problems".
 *
 * Files that were not linted (not a domain) and the run's notes are not
 * problems: the CLI says them on stderr. `end(notes)` still prints notes it
 * is given, for callers that want one text.
 */
import { type Formatter, type ReportStream, type StreamingFormatter, addCounts, collect, countMessages, noCounts } from './types.js';
import { escapeControls } from './escape.js';
import type { Severity } from '#engine/rule.js';

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const streamStylish: StreamingFormatter = (ctx): ReportStream => {
  const c = ctx.color;
  const totals = noCounts();
  let linted = false;
  // The report is its lines joined by newlines, each file's block preceded by a blank line, except at the very top.
  let started = false;
  const emit = (lines: string[]) => {
    let out = '';
    for (const line of lines) {
      if (!started && line === '') continue;
      started = true;
      out += line + '\n';
    }
    return out;
  };
  return {
    file({ filePath, result }) {
      addCounts(totals, countMessages(result.messages));
      if (result.skippedReason) return '';
      linted = true;
      if (result.messages.length === 0) return '';
      const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity, escapeControls(m.message), m.ruleId] as const);
      const posWidth = Math.max(...rows.map((r) => r[0].length));
      const sevWidth = Math.max(...rows.map((r) => r[1].length));
      return emit([
        '',
        paint(c, '4', escapeControls(filePath)),
        ...rows.map(([pos, sev, message, id]) => `  ${paint(c, '2', pos.padEnd(posWidth))}  ${paint(c, SEVERITY_COLOR[sev], sev.padEnd(sevWidth))}  ${message}  ${paint(c, '2', id)}`),
      ]);
    },
    end(notes) {
      const t = totals;
      const problems = t.errorCount + t.warningCount + t.infoCount;
      const lines: string[] = [];
      if (notes.length) lines.push('', ...notes.map(escapeControls));
      if (ctx.quiet) return emit(lines);
      if (problems > 0) {
        const parts = [plural(t.errorCount, 'error'), plural(t.warningCount, 'warning')];
        if (t.infoCount) parts.push(`${t.infoCount} info`);
        let summary = `${t.errorCount ? '✖' : '⚠'} ${plural(problems, 'problem')} (${parts.join(', ')})`;
        if (t.fixableCount && !ctx.fixing) summary += `, ${t.fixableCount} fixable with --fix`;
        const color = t.errorCount ? '31;1' : t.warningCount ? '33;1' : '36;1';
        lines.push('', paint(c, color, summary));
        lines.push(paint(c, '2', 'Run `virt-lint rule <rule-id>` for what a rule checks, why, and how to fix it.'));
      } else if (linted) {
        lines.push('', paint(c, '32', '✔') + ' no problems');
      }
      return emit(lines);
    },
  };
};

export const formatStylish: Formatter = collect(streamStylish);
