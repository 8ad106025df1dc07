/**
 * What the engine reports: a diagnostic at a range of the text, with its
 * line and column, and the fixes that go with it. Also the ids the engine
 * reports under itself rather than through a rule's `create`.
 */
import type { SourceText, Range } from './source.js';
import { renderMessage, type MessageData, type Severity } from './rule.js';
import type { Fix } from './edit.js';
import { boundMessage } from './message.js';

/** Reported by the parser path when the document is not XML libvirt would read. */
export const NOT_WELL_FORMED = 'xml-not-well-formed';
/**
 * The messages of `xml-not-well-formed` (rules/xml-not-well-formed.ts declares
 * them): the parser's or the decoder's own words follow the prefix.
 */
export const NOT_WELL_FORMED_MESSAGES = {
  notWellFormed: 'XML is not well-formed: {{detail}}',
  /** Bytes libvirt does not read as text (not UTF-8, or UTF-16). */
  notUtf8: 'XML is not well-formed: {{detail}}',
};
/** Reported when a rule throws: a bug in virt-lint, never in the document. */
export const RULE_CRASHED = 'internal-error';
/** Reported by the suppression pass (src/engine/suppressions.ts). */
export const UNUSED_SUPPRESSION = 'unused-suppression';
export const INVALID_SUPPRESSION = 'invalid-suppression';

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The key of the rule's `meta.messages` the message was rendered from, and its data. */
  messageId?: string;
  data?: MessageData;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range: Range;
  /** What `--fix` applies: the rule's first fix, when it is safe. */
  fix?: Fix;
  /** Other fixes, shown but applied only on request (`--unsafe-fixes` applies the first). */
  suggestions?: Fix[];
}

export function makeDiagnostic(source: SourceText, ruleId: string, severity: Severity, message: string, range: Range, fixes: Fix[] = []): Diagnostic {
  const start = source.position(range.start);
  const end = source.position(range.end);
  const d: Diagnostic = {
    ruleId,
    severity,
    message: boundMessage(message),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    range,
  };
  const [first, ...rest] = fixes;
  if (first?.safety === 'safe') {
    d.fix = first;
    if (rest.length) d.suggestions = rest;
  } else if (fixes.length) {
    d.suggestions = fixes;
  }
  return d;
}

/**
 * A diagnostic the engine reports itself (xml-not-well-formed, the suppression
 * rules), its text rendered from a message table and its id and data kept, as
 * for a rule's report.
 */
export function makeMessageDiagnostic<M extends string>(
  source: SourceText,
  ruleId: string,
  severity: Severity,
  messages: Readonly<Record<M, string>>,
  report: { messageId: M; data?: MessageData },
  range: Range,
  fixes: Fix[] = [],
): Diagnostic {
  const d = makeDiagnostic(source, ruleId, severity, renderMessage(messages[report.messageId], report.data), range, fixes);
  d.messageId = report.messageId;
  if (report.data) d.data = report.data;
  return d;
}
