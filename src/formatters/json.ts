/**
 * JSON: an array with one entry per file, documented in the README. Offsets
 * are left out (line/column are the interface); fixes carry their edits as
 * offsets into the file's text after any BOM.
 *
 * Written file by file: the text is exactly `JSON.stringify(array, null, 2)`,
 * one array element at a time.
 */
import { type FileReport, type Formatter, type StreamingFormatter, collect, countMessages, docsCommand } from './types.js';
import type { Fix } from '#engine/edit.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import { ruleDocsUrl } from '../docs/links.js';

const fixJson = (f: Fix) => ({ title: f.title, safety: f.safety, edits: f.edits.map((e) => ({ range: [e.range.start, e.range.end] as [number, number], text: e.text })) });

/** One message as the JSON output shows it; also the Node API's message shape (src/api). */
export function messageJson(m: Diagnostic, known: ReadonlySet<string>) {
  return {
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
  };
}

/** One file's entry of the JSON output; the Node API's result adds to it (src/api). */
export function fileJson({ filePath, result }: FileReport, known: ReadonlySet<string>) {
  return {
    filePath,
    messages: result.messages.map((m) => messageJson(m, known)),
    ...countMessages(result.messages),
    ...(result.skippedReason ? { skipped: result.skippedReason } : {}),
  };
}

export const streamJson: StreamingFormatter = (ctx) => {
  const known = new Set(ctx.rules.map((r) => r.meta.id));
  let count = 0;
  return {
    file(report) {
      const element = JSON.stringify(fileJson(report, known), null, 2).replace(/\n/g, '\n  ');
      return `${count++ === 0 ? '[\n' : ',\n'}  ${element}`;
    },
    end() {
      return count === 0 ? '[]\n' : '\n]\n';
    },
  };
};

export const formatJson: Formatter = collect(streamJson);
