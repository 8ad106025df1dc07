/**
 * What the Node API returns for one document: the JSON output's entry for a
 * file (src/formatters/json.ts is the one source of the message shape, and
 * of the rules skipped for unknown host facts), plus the text the messages
 * refer to. And back: a result as the formatters take it, so `formatters.*` print
 * what `lintText` and `lintFiles` returned, even after a caller filtered it.
 */
import { rules as allRules } from '#rules/index.js';
import { SourceText } from '#engine/source.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import type { Fix } from '#engine/edit.js';
import type { FileReport } from '../formatters/types.js';
import { fileJson, type JsonFileReport, type JsonFix, type JsonMessage, type JsonSkippedRule } from '../formatters/json.js';
import type { LintOutcome } from './lint.js';

/** One message: exactly an element of a file's `messages` in `--format json`. */
export type LintMessage = JsonMessage;
/** A fix or suggestion of a message: edits are `[start, end)` offsets (UTF-16 code units) into the text after any BOM. */
export type LintFix = JsonFix;

/** A rule that did not run because a host fact it needs is unknown: give `qemuVersion` / `libvirtVersion`. */
export type SkippedRule = JsonSkippedRule;

/** One linted document: its entry of `--format json` (with `skippedRules`), and more. */
export interface LintResult extends JsonFileReport {
  /** The text the messages refer to, when no fix changed it (ESLint's `source`). */
  source?: string;
  /** With `fix`, the fixed text, when a fix changed it; the messages are then those left in it (ESLint's `output`). */
  output?: string;
}

const known: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

/** The public result of one lint (or lint and fix). */
export function toLintResult(filePath: string, outcome: LintOutcome): LintResult {
  const { result } = outcome;
  const entry = fileJson({ filePath, result }, known);
  const changed = outcome.output !== undefined && outcome.output !== outcome.input;
  const text = SourceText.restore(result.source.text, result.source.hasBom);
  return {
    ...entry,
    ...(changed ? { output: outcome.output } : { source: text }),
  };
}

/** A public result as the formatters take it. */
export function toFileReport(r: LintResult): FileReport {
  const source = new SourceText(r.output ?? r.source ?? '');
  const toFix = (f: LintFix): Fix => ({ title: f.title, safety: f.safety, edits: f.edits.map((e) => ({ range: { start: e.range[0], end: e.range[1] }, text: e.text })) });
  const messages = r.messages.map((m): Diagnostic => {
    const d: Diagnostic = {
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      range: { start: source.offset(m.line, m.column), end: source.offset(m.endLine, m.endColumn) },
    };
    if (m.messageId !== undefined) d.messageId = m.messageId;
    if (m.data !== undefined) d.data = m.data;
    if (m.fix) d.fix = toFix(m.fix);
    if (m.suggestions) d.suggestions = m.suggestions.map(toFix);
    return d;
  });
  return { filePath: r.filePath, result: { source, messages, skippedRules: r.skippedRules ?? [], ...(r.skipped ? { skippedReason: r.skipped } : {}) } };
}
