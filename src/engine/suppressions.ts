/**
 * Applying suppressions: drops the diagnostics that an inline directive
 * (directives.ts) or a `<vl:ignore>` in `<metadata>` (metadata-ignores.ts)
 * covers, then reports directives that are malformed (`invalid-suppression`)
 * or suppress nothing (`unused-suppression`, with a fix that removes them).
 *
 * A suppression is matched against where a problem is reported (the start of
 * its range). A suppression for a rule that did not run on this document
 * (turned off, or skipped because a host fact is unknown or out of range) is
 * not called unused: on another host it may be needed.
 */
import { makeDiagnostic, NOT_WELL_FORMED, RULE_CRASHED, type Diagnostic, type RuleSetting } from './linter.js';
import { Fixer } from './fixer.js';
import type { Fix, Rule, Severity, TextEdit } from './rule.js';
import type { Range, SourceText } from './source.js';
import type { XmlDocument, XmlElement } from './tree.js';
import { DIRECTIVE_NAMES, nextElement, parseDirectives, type Directive, type RuleRef } from './directives.js';
import { LINT_NS, parseMetadataIgnores } from './metadata-ignores.js';
import { editDistance } from '../cli/options.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const INVALID_SUPPRESSION = 'invalid-suppression';

/** Diagnostics no directive can hide: the file is broken, virt-lint is broken, or they are about directives. */
const UNSUPPRESSIBLE = new Set([NOT_WELL_FORMED, RULE_CRASHED, UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);

export interface SuppressionContext {
  /** The rules of this run: their ids are the known ones. */
  rules: readonly Rule[];
  settings?: ReadonlyMap<string, RuleSetting>;
  /** Rules that ran on this document. */
  ran: ReadonlySet<string>;
}

/** One place that suppresses: a directive comment or a `<vl:ignore>` (or an empty `<vl:lint>`). */
interface Owner {
  /** How messages name it: `virt-lint-disable-next-line`, `<vl:ignore rule='x'>`. */
  label: string;
  /** Where problems about it are reported. */
  at: Range;
  refs: RuleRef[];
  /** Refs that name a known, suppressible rule, with the ranges each covers. */
  scopes: Map<RuleRef, Scope[]>;
  /** What the unused message says is missing (after "no 'x' problem is reported"). */
  where: string;
  /** Edits that remove the whole suppression. */
  remove(): TextEdit[];
  /** Edits that keep only these refs. */
  keep(refs: RuleRef[]): TextEdit[];
  /** Set when it cannot apply to anything, whatever rules report: why, and the refs that are therefore unused. */
  inapplicable?: { why: string; refs: RuleRef[] };
  /** For virt-lint-enable: refs that end no open virt-lint-disable. */
  orphans?: RuleRef[];
}

interface Scope {
  start: number;
  end: number;
  used: boolean;
}

interface Problem {
  range: Range;
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}

const COMMENT_OPEN = '<!--';

/** Distinct unknown rule ids per file that get a "did you mean" suggestion. */
const MAX_GUESSES = 100;

/** What users of other linters type (ESLint's eslint-disable-line, markdownlint's enable-file). */
const ALIASES: Record<string, string> = {
  'virt-lint-disable-line': DIRECTIVE_NAMES['disable-next-line'],
  'virt-lint-ignore': DIRECTIVE_NAMES['disable-next-line'],
};

export function applySuppressions(doc: XmlDocument, source: SourceText, diagnostics: Diagnostic[], ctx: SuppressionContext): Diagnostic[] {
  const hasComments = doc.comments.some((c) => c.value.trimStart().startsWith('virt-lint-'));
  const hasMetadata = source.text.includes(LINT_NS);
  if (!hasComments && !hasMetadata) return diagnostics;

  const known = new Set(ctx.rules.map((r) => r.meta.id));
  const fixer = new Fixer(source);
  const owners: Owner[] = [];
  const invalid: Problem[] = [];
  const emptyContainers: Problem[] = [];
  const byRule = new Map<string, Scope[]>();
  const addScope = (owner: Owner, ref: RuleRef, start: number, end: number): Scope => {
    const scope: Scope = { start, end, used: false };
    if (!owner.scopes.has(ref)) owner.scopes.set(ref, []);
    owner.scopes.get(ref)!.push(scope);
    if (!byRule.has(ref.id)) byRule.set(ref.id, []);
    byRule.get(ref.id)!.push(scope);
    return scope;
  };
  /** Known, suppressible ids; the others become invalid-suppression problems. */
  const validRefs = (refs: RuleRef[], label: string): RuleRef[] =>
    refs.filter((ref) => {
      if (UNSUPPRESSIBLE.has(ref.id)) {
        invalid.push({
          range: ref.range,
          message: `'${ref.id}' cannot be suppressed inline; set it in .virt-lint.json ("rules": { "${ref.id}": "off" })`,
        });
        return false;
      }
      if (!known.has(ref.id)) {
        const guess = guessRule(ref.id);
        invalid.push({
          range: ref.range,
          message: `unknown rule '${ref.id}' in ${label}${guess ? `; did you mean '${guess}'?` : ''}`,
          fixes: guess ? [{ title: `Replace '${ref.id}' with '${guess}'`, safety: 'unsafe', edits: [{ range: ref.range, text: guess }] }] : undefined,
        });
        return false;
      }
      return true;
    });

  const requireReason = reasonRequired(ctx);
  // An edit distance per unknown id and known rule is costly: once per distinct id, for a bounded number of
  // ids, and not for ids longer than any rule id could be near.
  const suppressible = [...known].filter((id) => !UNSUPPRESSIBLE.has(id));
  const guesses = new Map<string, string | undefined>();
  const guessRule = (id: string): string | undefined => {
    if (id.length > 64) return undefined;
    if (!guesses.has(id)) {
      if (guesses.size >= MAX_GUESSES) return undefined;
      guesses.set(id, didYouMean(id, suppressible));
    }
    return guesses.get(id);
  };

  if (hasComments) {
    const { directives, unknown } = parseDirectives(doc);
    for (const u of unknown) {
      const guess = ALIASES[u.name] ?? (u.name.length <= 64 ? didYouMean(u.name, Object.values(DIRECTIVE_NAMES)) : undefined);
      invalid.push({
        range: u.comment.range,
        message: `unknown directive '${u.name}'${guess ? `; did you mean '${guess}'?` : ''}`,
        fixes: guess ? [{ title: `Replace '${u.name}' with '${guess}'`, safety: 'unsafe', edits: [{ range: u.range, text: guess }] }] : undefined,
      });
    }
    const open = new Map<string, Scope[]>();
    for (const d of directives) {
      const owner = commentOwner(d, source);
      owners.push(owner);
      if (d.ids.length === 0) {
        invalid.push({
          range: d.comment.range,
          message: `${d.name} needs the id of the rule it ${d.kind === 'enable' ? 'turns back on' : 'suppresses'}: <!-- ${d.name} rule-id: reason -->; turning off every rule is not supported`,
        });
      }
      if (d.doubleHyphen) invalid.push(doubleHyphenProblem(d, source));
      if (requireReason && d.kind !== 'enable' && !d.reason && d.ids.length) {
        invalid.push({ range: d.comment.range, message: `${d.name} gives no reason; add one after a colon: <!-- ${d.name} ${d.ids.map((r) => r.id).join(', ')}: why -->` });
      }
      const refs = validRefs(d.ids, d.name);
      switch (d.kind) {
        case 'disable-next-line': {
          const target = nextElement(doc, d.comment);
          if (!target) {
            owner.inapplicable = { why: 'no element follows it', refs };
            break;
          }
          owner.where = `in the <${target.name}> element that follows`;
          for (const ref of refs) addScope(owner, ref, target.range.start, target.range.end);
          break;
        }
        case 'disable':
          owner.where = 'in the region it disables';
          for (const ref of refs) {
            const scope = addScope(owner, ref, d.comment.range.end, Infinity);
            if (!open.has(ref.id)) open.set(ref.id, []);
            open.get(ref.id)!.push(scope);
          }
          break;
        case 'enable':
          owner.orphans = [];
          for (const ref of refs) {
            const scopes = open.get(ref.id);
            if (scopes?.length) {
              for (const s of scopes) s.end = d.comment.range.start;
              open.delete(ref.id);
            } else {
              owner.orphans.push(ref);
            }
          }
          break;
        case 'disable-file':
          owner.where = 'in this file';
          for (const ref of refs) addScope(owner, ref, 0, Infinity);
          break;
      }
    }
  }

  if (hasMetadata) {
    const meta = parseMetadataIgnores(doc.root);
    for (const p of meta.problems) invalid.push(p);
    for (const ignore of meta.ignores) {
      const label = `<${ignore.element.name} rule='${ignore.attribute.value}'>`;
      const owner: Owner = {
        label,
        at: ignore.element.startTag,
        refs: ignore.ids,
        scopes: new Map(),
        where: 'in this domain',
        remove: () => [removeIgnoreElement(fixer, ignore.element, ignore.container)],
        keep: (refs) => [{ range: listOf(ignore.ids), text: refs.map((r) => r.id).join(' ') }],
      };
      owners.push(owner);
      if (requireReason && !ignore.reason) {
        invalid.push({ range: ignore.element.startTag, message: `${label} gives no reason; add reason='why'` });
      }
      for (const ref of validRefs(ignore.ids, `<${ignore.element.name}>`)) addScope(owner, ref, 0, Infinity);
    }
    for (const container of meta.empty) {
      emptyContainers.push({
        range: container.startTag,
        message: `<${container.name}> suppresses nothing: it holds no <${container.prefix ? `${container.prefix}:` : ''}ignore> element`,
        fixes: [{ title: 'Remove the unused suppression', safety: 'safe', edits: [fixer.removeElement(container)] }],
      });
    }
  }

  // Drop what is suppressed; remember which suppressions did something.
  const suppressed = sweep(diagnostics, byRule);
  const kept = diagnostics.filter((d) => !suppressed.has(d));

  const ruleById = new Map(ctx.rules.map((r) => [r.meta.id, r]));
  const report = (ruleId: string, p: Problem) => {
    const setting = ctx.settings?.get(ruleId)?.severity as Severity | undefined;
    const rule = ruleById.get(ruleId)!;
    kept.push(makeDiagnostic(source, ruleId, setting ?? p.severity ?? rule.meta.severity, p.message, p.range, p.fixes));
  };
  if (ctx.ran.has(INVALID_SUPPRESSION)) for (const p of invalid) report(INVALID_SUPPRESSION, p);
  if (ctx.ran.has(UNUSED_SUPPRESSION)) {
    for (const owner of owners) {
      const p = unusedProblem(owner, ctx.ran);
      if (p) report(UNUSED_SUPPRESSION, p);
    }
    for (const p of emptyContainers) report(UNUSED_SUPPRESSION, p);
  }
  return kept;
}

/**
 * The diagnostics some scope covers (a scope covers a diagnostic whose range
 * starts inside it), marking every covering scope used. One sorted sweep per
 * rule, so thousands of suppressions and diagnostics stay linear: scopes
 * started before a diagnostic cover it exactly when the largest end among
 * them lies after it, and each scope is marked at most once.
 */
function sweep(diagnostics: readonly Diagnostic[], byRule: ReadonlyMap<string, Scope[]>): Set<Diagnostic> {
  const suppressed = new Set<Diagnostic>();
  const byRuleDiagnostics = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (UNSUPPRESSIBLE.has(d.ruleId) || !byRule.has(d.ruleId)) continue;
    if (!byRuleDiagnostics.has(d.ruleId)) byRuleDiagnostics.set(d.ruleId, []);
    byRuleDiagnostics.get(d.ruleId)!.push(d);
  }
  for (const [ruleId, list] of byRuleDiagnostics) {
    const scopes = [...byRule.get(ruleId)!].sort((a, b) => a.start - b.start);
    list.sort((a, b) => a.range.start - b.range.start);
    let next = 0;
    let maxEnd = -Infinity;
    let unmarked: Scope[] = [];
    for (const d of list) {
      const at = d.range.start;
      while (next < scopes.length && scopes[next].start <= at) {
        maxEnd = Math.max(maxEnd, scopes[next].end);
        unmarked.push(scopes[next++]);
      }
      if (maxEnd <= at) continue;
      suppressed.add(d);
      // A scope that ended before this diagnostic covers no later one either: all leave the list.
      for (const s of unmarked) if (s.end > at) s.used = true;
      unmarked = [];
    }
  }
  return suppressed;
}

function unusedProblem(owner: Owner, ran: ReadonlySet<string>): Problem | undefined {
  let unused: RuleRef[];
  let message: string;
  if (owner.inapplicable) {
    unused = owner.inapplicable.refs;
    if (unused.length === 0) return undefined; // no valid id: reported as invalid-suppression
    message = `${owner.label} suppresses nothing: ${owner.inapplicable.why}`;
  } else if (owner.orphans) {
    unused = owner.orphans;
    if (unused.length === 0) return undefined;
    message = `${owner.label} ${quoteList(unused)} ends nothing: no virt-lint-disable ${quoteList(unused)} is open before it`;
  } else {
    unused = [...owner.scopes].filter(([ref, scopes]) => ran.has(ref.id) && scopes.every((s) => !s.used)).map(([ref]) => ref);
    if (unused.length === 0) return undefined;
    message = `${owner.label} suppresses nothing: no ${quoteList(unused)} problem is reported ${owner.where}`;
  }
  const removeAll = unused.length === owner.refs.length;
  const fix: Fix = removeAll
    ? { title: 'Remove the unused suppression', safety: 'safe', edits: owner.remove() }
    : { title: `Remove ${quoteList(unused, 'and')} from the suppression`, safety: 'safe', edits: owner.keep(owner.refs.filter((r) => !unused.includes(r))) };
  return { range: owner.at, message, fixes: [fix] };
}

function commentOwner(d: Directive, source: SourceText): Owner {
  return {
    label: d.name,
    at: d.comment.range,
    refs: d.ids,
    scopes: new Map(),
    where: '',
    remove: () => [removeWithLine(source, d.comment.range)],
    keep: (refs) => [{ range: d.listRange, text: refs.map((r) => r.id).join(', ') }],
  };
}

function doubleHyphenProblem(d: Directive, source: SourceText): Problem {
  const inner = source.text.slice(d.comment.range.start + COMMENT_OPEN.length, d.comment.range.end - 3);
  // One `--` (the separator) and no `-` before `-->`: replacing it with a colon makes the comment legal.
  const fixable = inner.split('--').length === 2 && !inner.endsWith('-');
  return {
    range: d.doubleHyphen!,
    message: `"--" inside an XML comment: libvirt refuses the file ("Double hyphen within comment"); write the reason after a colon: <!-- ${d.name} rule-id: reason -->`,
    severity: 'error',
    fixes: fixable ? [{ title: "Replace ' -- ' with ': '", safety: 'safe', edits: [{ range: d.doubleHyphen!, text: ': ' }] }] : undefined,
  };
}

/** Removes a comment, with its line when nothing else stands on it. */
function removeWithLine(source: SourceText, range: Range): TextEdit {
  const text = source.text;
  const lineStart = source.lineStart(range.start);
  if (source.blankBefore(range.start) && source.blankAfter(range.end)) {
    const lineEnd = source.lineEnd(range.end);
    return { range: { start: lineStart, end: lineEnd + source.breakLength(lineEnd) }, text: '' };
  }
  let start = range.start;
  while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { range: { start, end: range.end }, text: '' };
}

/** Removes a `<vl:ignore>`, or its `<vl:lint>` when it is the only thing in it. */
function removeIgnoreElement(fixer: Fixer, element: XmlElement, container: XmlElement): TextEdit {
  return fixer.removeElement(container.elements.length === 1 ? container : element);
}

function listOf(refs: RuleRef[]): Range {
  return { start: refs[0].range.start, end: refs[refs.length - 1].range.end };
}

function reasonRequired(ctx: SuppressionContext): boolean {
  const rule = ctx.rules.find((r) => r.meta.id === INVALID_SUPPRESSION);
  if (!rule?.meta.options || !ctx.ran.has(INVALID_SUPPRESSION)) return false;
  const parsed = rule.meta.options.parse(ctx.settings?.get(INVALID_SUPPRESSION)?.options ?? {}) as { requireReason?: boolean };
  return parsed.requireReason === true;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
function quoteList(refs: RuleRef[], conjunction = 'or'): string {
  const q = [...new Set(refs.map((r) => `'${r.id}'`))];
  return q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1]}`;
}

/** The closest candidate, when it is close enough to be what was meant. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) > limit) continue; // the distance is at least the difference in length
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}
