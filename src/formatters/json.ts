/**
 * JSON: an array with one entry per file, documented in the README. Offsets
 * are left out (line/column are the interface); fixes carry their edits as
 * offsets into the file's text after any BOM. Each message carries the id of
 * the rule message it was rendered from and its data (what the Node API gives
 * too), and each file the rules that did not run for want of a host fact.
 * Fields are only ever added, after the existing ones.
 *
 * Written file by file: the text is exactly `JSON.stringify(array, null, 2)`,
 * one array element at a time.
 */
import { type FileReport, type Formatter, type StreamingFormatter, collect, countMessages, docsCommand } from './types.js';
import type { Fix, FixSafety } from '#engine/edit.js';
import type { MessageData, Severity } from '#engine/rule.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import type { HostFactName } from '#engine/host-facts.js';
import { ruleDocsUrl } from '../docs/links.js';

/** A fix or suggestion in the JSON output. */
export interface JsonFix {
  /** Imperative: "Set <audio id='1'> to type='none'". */
  title: string;
  /** 'safe': `--fix` applies it; 'unsafe': it changes what the VM does, applied only on request. */
  safety: FixSafety;
  /** `[start, end)` offsets (UTF-16 code units) into the text after any BOM, and the text that replaces them. */
  edits: { range: [number, number]; text: string }[];
}

/** One message of the JSON output; also the Node API's message shape (src/api). */
export interface JsonMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The key of the rule's `meta.messages` the message was rendered from (absent for the engine's own messages). */
  messageId?: string;
  /** The values filled into that message. */
  data?: MessageData;
  /** 1-based, as an editor counts (a BOM is not counted, CRLF is one line break). */
  line: number;
  column: number;
  /** Just past the reported range. */
  endLine: number;
  endColumn: number;
  /** What `--fix` applies for this message. */
  fix?: JsonFix;
  /** Other fixes, applied only on request (`--unsafe-fixes` applies the first when there is no safe fix). */
  suggestions?: JsonFix[];
  /** The command that prints the rule's documentation. */
  docs: string;
  /** The rule's documentation page. */
  docsUrl?: string;
}

/** One file's entry of the JSON output. */
export interface JsonFileReport {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableCount: number;
  /** Why nothing was checked (a file that is not a domain). */
  skipped?: string;
  /** Rules that did not run because a host fact they need is unknown. */
  skippedRules: JsonSkippedRule[];
}

export interface JsonSkippedRule {
  ruleId: string;
  /** The host facts the rule needs that were not given (or detected). */
  missing: HostFactName[];
}

const fixJson = (f: Fix): JsonFix => ({ title: f.title, safety: f.safety, edits: f.edits.map((e) => ({ range: [e.range.start, e.range.end], text: e.text })) });

/** One message as the JSON output shows it. */
export function messageJson(m: Diagnostic, known: ReadonlySet<string>): JsonMessage {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.message,
    ...(m.messageId !== undefined ? { messageId: m.messageId } : {}),
    ...(m.data !== undefined ? { data: m.data } : {}),
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
export function fileJson({ filePath, result }: FileReport, known: ReadonlySet<string>): JsonFileReport {
  return {
    filePath,
    messages: result.messages.map((m) => messageJson(m, known)),
    ...countMessages(result.messages),
    ...(result.skippedReason ? { skipped: result.skippedReason } : {}),
    skippedRules: result.skippedRules.map((s) => ({ ruleId: s.ruleId, missing: [...s.missing] })),
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
