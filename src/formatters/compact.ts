/**
 * Compact: one line per problem, `file:line:col: severity: message [rule-id]`,
 * the shape editors' problem matchers, `grep` and GCC-style tooling parse.
 * Line breaks inside a message are folded so one problem stays one line;
 * other control characters, and any in file names, are escaped (escape.ts).
 * A last line (which does not start with a path, so matchers skip it) counts
 * the problems and says how to read a rule's documentation (not with
 * `quiet`, which prints the problems only).
 */
import { type Formatter, type StreamingFormatter, addCounts, collect, countMessages, noCounts } from './types.js';
import { escapeControls } from './escape.js';

const oneLine = (s: string) => escapeControls(s.replace(/\r\n|\r|\n/g, ' '));

export const streamCompact: StreamingFormatter = (ctx) => {
  const t = noCounts();
  return {
    file({ filePath, result }) {
      addCounts(t, countMessages(result.messages));
      const file = escapeControls(filePath);
      return result.messages.map((m) => `${file}:${m.line}:${m.column}: ${m.severity}: ${oneLine(m.message)} [${m.ruleId}]\n`).join('');
    },
    end() {
      const problems = t.errorCount + t.warningCount + t.infoCount;
      if (problems === 0 || ctx.quiet) return '';
      const parts = [`${t.errorCount} error${t.errorCount === 1 ? '' : 's'}`, `${t.warningCount} warning${t.warningCount === 1 ? '' : 's'}`];
      if (t.infoCount) parts.push(`${t.infoCount} info`);
      return `${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}); run \`virt-lint rule <rule-id>\` for a rule's documentation\n`;
    },
  };
};

export const formatCompact: Formatter = collect(streamCompact);
