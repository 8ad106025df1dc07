/**
 * `applyFixes(text, messages)`: the fixes of messages from `lintText` applied
 * to the text they were made from, in one pass (ESLint's SourceCodeFixer).
 * For everything fixable in one call, with the passes a fix can enable, use
 * `lintText(text, { fix: true })` instead.
 */
import { applyEdits } from '#engine/apply-fixes.js';
import type { Fix } from '#engine/edit.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import type { LintFix, LintMessage } from './results.js';

export interface ApplyFixesOptions {
  /** Also apply the first suggestion of a message that has no safe fix (the CLI's `--unsafe-fixes`). Default false. */
  unsafe?: boolean;
}

export interface AppliedFixes {
  /** Whether any fix was applied. */
  fixed: boolean;
  /** The text with the fixes applied (BOM kept); the input when none was. */
  output: string;
  /** How many fixes were applied. */
  applied: number;
  /** The messages whose fix was not applied (none offered, unsafe, or overlapping one applied before it). */
  messages: LintMessage[];
  /** Set when the fixes together left XML that is not well-formed: nothing was applied. */
  discarded?: string;
}

/**
 * Applies each message's fix (with `unsafe`, else its first suggestion) to
 * `text`, skipping a fix whose edits overlap one applied before it. The
 * messages must come from linting this very text: an edit outside it throws
 * a RangeError. When the result would not be well-formed XML, nothing is
 * applied and `discarded` says why.
 */
export function applyFixes(text: string, messages: readonly LintMessage[], options: ApplyFixesOptions = {}): AppliedFixes {
  const source = new SourceText(text);
  const chosen = new Map<Fix, LintMessage>();
  for (const m of messages) {
    const fix = m.fix ?? (options.unsafe ? m.suggestions?.[0] : undefined);
    if (fix) chosen.set(engineFix(fix, source.text.length), m);
  }
  const unchanged = (discarded?: string): AppliedFixes => ({ fixed: false, output: text, applied: 0, messages: [...messages], ...(discarded ? { discarded } : {}) });
  if (chosen.size === 0) return unchanged();
  const next = applyEdits(source.text, [...chosen.keys()]);
  if (next.applied === 0) return unchanged();
  const check = parseXml(new SourceText(next.text));
  if (!check.ok) return unchanged(`the fixes produced XML that is not well-formed (${check.error.message}); none was applied`);
  const fixedMessages = new Set([...next.appliedFixes].map((f) => chosen.get(f)));
  return {
    fixed: true,
    output: SourceText.restore(next.text, source.hasBom),
    applied: next.applied,
    messages: messages.filter((m) => !fixedMessages.has(m)),
  };
}

function engineFix(fix: LintFix, length: number): Fix {
  return {
    title: fix.title,
    safety: fix.safety,
    edits: fix.edits.map(({ range: [start, end], text }) => {
      if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= length)) {
        throw new RangeError(`applyFixes: the fix '${fix.title}' edits [${start}, ${end}), outside the text (${length} characters after any BOM): the messages were not made from this text`);
      }
      return { range: { start, end }, text };
    }),
  };
}
