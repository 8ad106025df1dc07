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
import { INVALID_SUPPRESSION, makeMessageDiagnostic, NOT_WELL_FORMED, RULE_CRASHED, UNUSED_SUPPRESSION, type Diagnostic } from './diagnostic.js';
import { Fixer } from './fixer.js';
import type { Fix, TextEdit } from './edit.js';
import { resolveOptions, type MessageData, type Rule, type RuleOverride, type Severity } from './rule.js';
import type { Range, SourceText } from './source.js';
import type { XmlDocument, XmlElement } from './tree.js';
import { DIRECTIVE_NAMES, nextElement, parseDirectives, type Directive, type RuleRef } from './directives.js';
import { LINT_NS, parseMetadataIgnores, prefixed } from './metadata-ignores.js';
import { INVALID_SUPPRESSION_MESSAGES, UNUSED_SUPPRESSION_MESSAGES, type InvalidSuppressionMessageId, type UnusedSuppressionMessageId } from './suppression-messages.js';
import { didYouMean } from '#shared/text.js';


/** Diagnostics no directive can hide: the file is broken, virt-lint is broken, or they are about directives. */
const UNSUPPRESSIBLE = new Set([NOT_WELL_FORMED, RULE_CRASHED, UNUSED_SUPPRESSION, INVALID_SUPPRESSION]);

export interface SuppressionContext {
  /** The rules of this run: their ids are the known ones. */
  rules: readonly Rule[];
  settings?: ReadonlyMap<string, RuleOverride>;
  /** Rules that ran on this document. */
  ran: ReadonlySet<string>;
}

/** One place that suppresses: a directive comment or a `<vl:ignore>` (or an empty `<vl:lint>`). */
interface Owner {
  /** How messages name it: `{ directive: 'virt-lint-disable-next-line' }`, `{ element: 'vl:ignore', rule: 'x' }`. */
  names: MessageData;
  /** Where problems about it are reported. */
  at: Range;
  refs: RuleRef[];
  /** Refs that name a known, suppressible rule, with the ranges each covers. */
  scopes: Map<RuleRef, Scope[]>;
  /** How the unused message says where no problem is reported. */
  unused?: { messageId: UnusedSuppressionMessageId; data?: MessageData };
  /** Edits that remove the whole suppression. */
  remove(): TextEdit[];
  /** Edits that keep only these refs. */
  keep(refs: RuleRef[]): TextEdit[];
  /** Set when it cannot apply to anything, whatever rules report: why, and the refs that are therefore unused. */
  inapplicable?: { messageId: UnusedSuppressionMessageId; refs: RuleRef[] };
  /** For virt-lint-enable: refs that end no open virt-lint-disable. */
  orphans?: RuleRef[];
}

interface Scope {
  start: number;
  end: number;
  used: boolean;
}

interface Problem<M extends string> {
  range: Range;
  messageId: M;
  data: MessageData;
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
  const invalid: Problem<InvalidSuppressionMessageId>[] = [];
  const emptyContainers: Problem<UnusedSuppressionMessageId>[] = [];
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
  const validRefs = (refs: RuleRef[], suppression: string): RuleRef[] =>
    refs.filter((ref) => {
      if (UNSUPPRESSIBLE.has(ref.id)) {
        if (ref.id === NOT_WELL_FORMED) invalid.push({ range: ref.range, messageId: 'notWellFormedUnsuppressible', data: {} });
        else if (ref.id === RULE_CRASHED) invalid.push({ range: ref.range, messageId: 'crashUnsuppressible', data: {} });
        else invalid.push({ range: ref.range, messageId: 'unsuppressible', data: { ruleId: ref.id } });
        return false;
      }
      if (!known.has(ref.id)) {
        const guess = guessRule(ref.id);
        invalid.push(
          guess
            ? {
                range: ref.range,
                messageId: 'unknownRuleDidYouMean',
                data: { ruleId: ref.id, suppression, guess },
                fixes: [{ title: `Replace '${ref.id}' with '${guess}'`, safety: 'unsafe', edits: [{ range: ref.range, text: guess }] }],
              }
            : { range: ref.range, messageId: 'unknownRule', data: { ruleId: ref.id, suppression } },
        );
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
      invalid.push(
        guess
          ? {
              range: u.comment.range,
              messageId: 'unknownDirectiveDidYouMean',
              data: { directive: u.name, guess },
              fixes: [{ title: `Replace '${u.name}' with '${guess}'`, safety: 'unsafe', edits: [{ range: u.range, text: guess }] }],
            }
          : { range: u.comment.range, messageId: 'unknownDirective', data: { directive: u.name } },
      );
    }
    const open = new Map<string, Scope[]>();
    for (const d of directives) {
      const owner = commentOwner(d, source);
      owners.push(owner);
      if (d.ids.length === 0) {
        invalid.push({ range: d.comment.range, messageId: d.kind === 'enable' ? 'enableNoRuleId' : 'noRuleId', data: { directive: d.name } });
      }
      if (d.doubleHyphen) invalid.push(doubleHyphenProblem(d, source));
      if (requireReason && d.kind !== 'enable' && !d.reason && d.ids.length) {
        invalid.push({ range: d.comment.range, messageId: 'noReason', data: { directive: d.name, ruleIds: d.ids.map((r) => r.id).join(', ') } });
      }
      const refs = validRefs(d.ids, d.name);
      switch (d.kind) {
        case 'disable-next-line': {
          const target = nextElement(doc, d.comment);
          if (!target) {
            owner.inapplicable = { messageId: 'nothingFollows', refs };
            break;
          }
          owner.unused = { messageId: 'unusedNextLine', data: { element: target.name } };
          for (const ref of refs) addScope(owner, ref, target.range.start, target.range.end);
          break;
        }
        case 'disable':
          owner.unused = { messageId: 'unusedRegion' };
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
          owner.unused = { messageId: 'unusedFile' };
          for (const ref of refs) addScope(owner, ref, 0, Infinity);
          break;
      }
    }
  }

  if (hasMetadata) {
    const meta = parseMetadataIgnores(doc.root);
    for (const p of meta.problems) invalid.push(p);
    for (const ignore of meta.ignores) {
      const names = { element: ignore.element.name, rule: ignore.attribute.value };
      const owner: Owner = {
        names,
        at: ignore.element.startTag,
        refs: ignore.ids,
        scopes: new Map(),
        unused: { messageId: 'unusedIgnore' },
        remove: () => [removeIgnoreElement(fixer, ignore.element, ignore.container)],
        keep: (refs) => [{ range: listOf(ignore.ids), text: refs.map((r) => r.id).join(' ') }],
      };
      owners.push(owner);
      if (requireReason && !ignore.reason) {
        invalid.push({ range: ignore.element.startTag, messageId: 'ignoreNoReason', data: names });
      }
      for (const ref of validRefs(ignore.ids, `<${ignore.element.name}>`)) addScope(owner, ref, 0, Infinity);
    }
    for (const container of meta.empty) {
      emptyContainers.push({
        range: container.startTag,
        messageId: 'emptyLint',
        data: { element: container.name, ignore: prefixed(container, 'ignore') },
        fixes: [{ title: 'Remove the unused suppression', safety: 'safe', edits: [fixer.removeElement(container)] }],
      });
    }
  }

  // Drop what is suppressed; remember which suppressions did something.
  const suppressed = sweep(diagnostics, byRule);
  const kept = diagnostics.filter((d) => !suppressed.has(d));

  const ruleById = new Map(ctx.rules.map((r) => [r.meta.id, r]));
  const report = <M extends string>(ruleId: string, messages: Record<M, string>, p: Problem<M>) => {
    const setting = ctx.settings?.get(ruleId)?.severity as Severity | undefined;
    const rule = ruleById.get(ruleId)!;
    kept.push(makeMessageDiagnostic(source, ruleId, setting ?? p.severity ?? rule.meta.severity, messages, p, p.range, p.fixes));
  };
  if (ctx.ran.has(INVALID_SUPPRESSION)) for (const p of invalid) report(INVALID_SUPPRESSION, INVALID_SUPPRESSION_MESSAGES, p);
  if (ctx.ran.has(UNUSED_SUPPRESSION)) {
    for (const owner of owners) {
      const p = unusedProblem(owner, ctx.ran);
      if (p) report(UNUSED_SUPPRESSION, UNUSED_SUPPRESSION_MESSAGES, p);
    }
    for (const p of emptyContainers) report(UNUSED_SUPPRESSION, UNUSED_SUPPRESSION_MESSAGES, p);
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

function unusedProblem(owner: Owner, ran: ReadonlySet<string>): Problem<UnusedSuppressionMessageId> | undefined {
  let unused: RuleRef[];
  let message: { messageId: UnusedSuppressionMessageId; data: MessageData };
  if (owner.inapplicable) {
    unused = owner.inapplicable.refs;
    if (unused.length === 0) return undefined; // no valid id: reported as invalid-suppression
    message = { messageId: owner.inapplicable.messageId, data: owner.names };
  } else if (owner.orphans) {
    unused = owner.orphans;
    if (unused.length === 0) return undefined;
    message = { messageId: 'endsNothing', data: { ...owner.names, rules: quoteList(unused) } };
  } else {
    unused = [...owner.scopes].filter(([ref, scopes]) => ran.has(ref.id) && scopes.every((s) => !s.used)).map(([ref]) => ref);
    if (unused.length === 0) return undefined;
    message = { messageId: owner.unused!.messageId, data: { ...owner.names, rules: quoteList(unused), ...owner.unused!.data } };
  }
  const removeAll = unused.length === owner.refs.length;
  const fix: Fix = removeAll
    ? { title: 'Remove the unused suppression', safety: 'safe', edits: owner.remove() }
    : { title: `Remove ${quoteList(unused, 'and')} from the suppression`, safety: 'safe', edits: owner.keep(owner.refs.filter((r) => !unused.includes(r))) };
  return { range: owner.at, ...message, fixes: [fix] };
}

function commentOwner(d: Directive, source: SourceText): Owner {
  return {
    names: { directive: d.name },
    at: d.comment.range,
    refs: d.ids,
    scopes: new Map(),
    remove: () => [removeWithLine(source, d.comment.range)],
    keep: (refs) => [{ range: d.listRange, text: refs.map((r) => r.id).join(', ') }],
  };
}

function doubleHyphenProblem(d: Directive, source: SourceText): Problem<InvalidSuppressionMessageId> {
  const inner = source.text.slice(d.comment.range.start + COMMENT_OPEN.length, d.comment.range.end - 3);
  // One `--` (the separator) and no `-` before `-->`: replacing it with a colon makes the comment legal.
  const fixable = inner.split('--').length === 2 && !inner.endsWith('-');
  return {
    range: d.doubleHyphen!,
    messageId: 'doubleHyphen',
    data: { directive: d.name },
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
  if (!rule || !ctx.ran.has(INVALID_SUPPRESSION)) return false;
  const options = resolveOptions(rule, ctx.settings?.get(INVALID_SUPPRESSION)?.options) as { requireReason?: boolean };
  return options.requireReason === true;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
function quoteList(refs: RuleRef[], conjunction = 'or'): string {
  const q = [...new Set(refs.map((r) => `'${r.id}'`))];
  return q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1]}`;
}
