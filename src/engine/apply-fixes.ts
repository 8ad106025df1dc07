/**
 * Applying fixes: pick one fix per diagnostic, apply the non-overlapping ones,
 * re-lint and repeat (a fix may enable another), at most ten passes. After
 * every pass the text must still be well-formed XML; if it is not, that pass
 * is discarded and fixing stops, so a broken fix can never be written.
 *
 * A fix that reverses an explicit on/off setting (the engine marks it with
 * `overrides`) is applied only when the file as given already offered it: it
 * then resolves a conflict the user wrote. One that appears only after other
 * fixes were applied would undo the user's choice to make room for a change
 * virt-lint made, so it is withheld.
 */
import { parseXml } from './parse.js';
import { SourceText } from './source.js';
import type { Diagnostic } from './diagnostic.js';
import type { LintResult } from './linter.js';
import type { Fix, TextEdit } from './edit.js';

export type FixMode = 'safe' | 'unsafe';

const MAX_PASSES = 10;

export interface FixOutcome {
  /** The fixed text, BOM restored; equal to the input when nothing applied. */
  output: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** The lint result of the final text. */
  result: LintResult;
  /** Set when a pass produced XML that was not well-formed and was thrown away. */
  discarded?: string;
}

export function chooseFix(d: Diagnostic, mode: FixMode): Fix | undefined {
  if (d.fix) return d.fix;
  if (mode === 'unsafe') return d.suggestions?.[0];
  return undefined;
}

/** Applies edits (offsets into `text`) in order; overlapping fixes are left for a later pass (`appliedFixes` holds the others). */
export function applyEdits(text: string, fixes: Fix[]): { text: string; applied: number; appliedFixes: Set<Fix> } {
  const ordered = fixes
    .map((fix) => ({ fix, edits: [...fix.edits].sort((a, b) => a.range.start - b.range.start) }))
    .sort((a, b) => a.edits[0].range.start - b.edits[0].range.start);
  const accepted: TextEdit[] = [];
  const appliedFixes = new Set<Fix>();
  for (const { fix, edits } of ordered) {
    const clashes = edits.some((e) => accepted.some((a) => overlaps(a, e)));
    if (clashes) continue;
    accepted.push(...edits);
    appliedFixes.add(fix);
  }
  accepted.sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return { text: out, applied: appliedFixes.size, appliedFixes };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one point clash too: their order would be arbitrary.
  if (a.range.start === b.range.start) return true;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

/** Identifies a fix across passes: offsets move, rule and title do not. */
const fixKey = (d: Diagnostic, fix: Fix) => `${d.ruleId}\u0000${fix.title}`;

export function fixText(raw: string, lintText: (raw: string) => LintResult, mode: FixMode): FixOutcome {
  let result = lintText(raw);
  const hasBom = result.source.hasBom;
  let current = result.source.text;
  let applied = 0;
  let discarded: string | undefined;
  const userConflicts = new Set<string>();
  for (const d of result.messages) {
    const fix = chooseFix(d, mode);
    if (fix?.overrides) userConflicts.add(fixKey(d, fix));
  }
  const allowed = (d: Diagnostic, fix: Fix | undefined): fix is Fix => fix !== undefined && (!fix.overrides || userConflicts.has(fixKey(d, fix)));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = result.messages.flatMap((d) => {
      const fix = chooseFix(d, mode);
      return allowed(d, fix) ? [fix] : [];
    });
    if (fixes.length === 0) break;
    const next = applyEdits(current, fixes);
    if (next.applied === 0 || next.text === current) break;
    const check = parseXml(new SourceText(next.text));
    if (!check.ok) {
      discarded = `a fix produced XML that is not well-formed (${check.error.message}); those edits were discarded`;
      break;
    }
    current = next.text;
    applied += next.applied;
    result = lintText(SourceText.restore(current, hasBom));
  }
  return { output: SourceText.restore(current, hasBom), applied, result, discarded };
}
