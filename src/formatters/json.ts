/**
 * JSON: an array with one entry per file, documented in the README. Offsets
 * are left out (line/column are the interface); fixes carry their edits as
 * offsets into the file's text after any BOM.
 */
import type { Formatter } from './types.js';
import { countMessages, docsCommand } from './types.js';
import type { Fix } from '../engine/rule.js';
import { ruleDocsUrl } from '../docs/links.js';

const fixJson = (f: Fix) => ({ title: f.title, safety: f.safety, edits: f.edits.map((e) => ({ range: [e.range.start, e.range.end], text: e.text })) });

export const formatJson: Formatter = (reports, ctx) => {
  const known = new Set(ctx.rules.map((r) => r.meta.id));
  const out = reports.map(({ filePath, result }) => ({
    filePath,
    messages: result.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fix ? { fix: fixJson(m.fix) } : {}),
      ...(m.suggestions ? { suggestions: m.suggestions.map(fixJson) } : {}),
      docs: docsCommand(m.ruleId),
      ...(known.has(m.ruleId) ? { docsUrl: ruleDocsUrl(m.ruleId) } : {}),
    })),
    ...countMessages(result.messages),
    ...(result.skippedReason ? { skipped: result.skippedReason } : {}),
  }));
  return JSON.stringify(out, null, 2) + '\n';
};
