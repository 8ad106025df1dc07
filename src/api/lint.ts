/**
 * Linting one document, and fixing it: the one path from a document to its
 * diagnostics that the CLI, the Node API and the language server share. The
 * callers bring the document (text or a file's bytes), the host facts and the
 * rule settings; they read files, find configuration and detect the host.
 *
 * Statically imported by the CLI, so it imports only the engine: a plain lint
 * must not load what the public API adds (validation, formatters, metadata).
 */
import { rules as allRules } from '#rules/index.js';
import { lint, type LintOptions, type LintResult } from '#engine/linter.js';
import { decodeXmlBytes } from '#engine/decode.js';
import { fixText, type FixMode } from '#engine/apply-fixes.js';

export type { FixMode } from '#engine/apply-fixes.js';

export interface DocumentOptions {
  /** The rules to run (default: every rule). */
  rules?: LintOptions['rules'];
  host: LintOptions['host'];
  settings?: LintOptions['settings'];
}

export interface LintOutcome {
  /** The lint of the document as it is now: after the fixes when some were applied. */
  result: LintResult;
  /** With a fix mode, when the document decoded: the document with the fixes applied (equal to the input when none applied). */
  output?: string;
  /** The decoded text the fixes were applied to (the input with a BOM, as `output` has one). */
  input?: string;
  /** How many fixes were applied, over all passes. */
  fixed: number;
  /** Why a pass of fixes was thrown away (it left XML that is not well-formed). */
  discarded?: string;
  /**
   * The bytes are not text libvirt reads (not UTF-8): nothing is fixed, and
   * nothing may be rewritten (virt-lint never re-encodes a document). The
   * problem itself is the lint's one `xml-not-well-formed` message.
   */
  undecodable?: { byteOffset: number; line: number; column: number; message: string };
}

/**
 * Lints a document, given as text or as a file's bytes (decoded as libvirt
 * decodes them); with `fix`, applies fixes of that kind in passes
 * (src/engine/apply-fixes.ts) and lints the result.
 */
export function lintDocument(input: string | Uint8Array, options: DocumentOptions, fix?: FixMode): LintOutcome {
  const engineOptions: LintOptions = { rules: options.rules ?? allRules, host: options.host, settings: options.settings };
  const lintText = (raw: string | Uint8Array): LintResult => lint(raw, engineOptions);
  const decoded = typeof input === 'string' ? { ok: true as const, text: input } : decodeXmlBytes(input);
  if (!decoded.ok) {
    const { byteOffset, line, column, message } = decoded;
    return { result: lintText(input), fixed: 0, undecodable: { byteOffset, line, column, message } };
  }
  if (!fix) return { result: lintText(decoded.text), fixed: 0 };
  const outcome = fixText(decoded.text, lintText, fix);
  return { result: outcome.result, output: outcome.output, input: decoded.text, fixed: outcome.applied, discarded: outcome.discarded };
}
