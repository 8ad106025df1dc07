/**
 * Inline suppression comments:
 *
 *   <!-- virt-lint-disable-next-line rule-id[, rule-id]: reason -->   the next element and its content
 *   <!-- virt-lint-disable rule-id -->  …  <!-- virt-lint-enable rule-id -->
 *   <!-- virt-lint-disable-file rule-id -->
 *
 * The reason follows a colon. ESLint's ` -- reason` cannot be used: XML
 * forbids `--` inside a comment and libvirt (libxml2) refuses such a file
 * ("Double hyphen within comment"); a directive written that way is reported
 * with a fix that turns the `--` into a colon.
 *
 * This module only reads comments; suppressions.ts decides what they
 * suppress and reports the ones that are wrong or unused.
 */
import { memoize } from '#shared/memo.js';
import type { Range } from './source.js';
import type { XmlComment, XmlDocument, XmlElement } from './tree.js';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export const DIRECTIVE_NAMES: Record<DirectiveKind, string> = {
  'disable-next-line': 'virt-lint-disable-next-line',
  disable: 'virt-lint-disable',
  enable: 'virt-lint-enable',
  'disable-file': 'virt-lint-disable-file',
};

const KIND_BY_NAME = new Map(Object.entries(DIRECTIVE_NAMES).map(([k, v]) => [v, k as DirectiveKind]));

/** A rule id as written, with its place in the source. */
export interface RuleRef {
  id: string;
  range: Range;
}

export interface Directive {
  kind: DirectiveKind;
  /** `virt-lint-disable-next-line`, ... */
  name: string;
  comment: XmlComment;
  ids: RuleRef[];
  /** From the first id to the last (empty at the end of the name when there is none). */
  listRange: Range;
  reason?: string;
  /** Where a ` -- ` separator stands (XML forbids `--` in comments). */
  doubleHyphen?: Range;
}

/** A comment that starts like a directive but is not one (`virt-lint-disable-line ...`). */
export interface UnknownDirective {
  name: string;
  comment: XmlComment;
  /** The misspelled name. */
  range: Range;
}

export interface ParsedDirectives {
  directives: Directive[];
  unknown: UnknownDirective[];
}

const START = /^\s*(virt-lint-[^\s:,]*)/;
const ID = /[^\s,]+/g;

export function parseDirectives(doc: XmlDocument): ParsedDirectives {
  const directives: Directive[] = [];
  const unknown: UnknownDirective[] = [];
  for (const comment of doc.comments) {
    const m = START.exec(comment.value);
    if (!m) continue;
    const name = m[1];
    const valueStart = comment.range.start + 4; // after `<!--`
    const nameStart = valueStart + m[0].length - name.length;
    const kind = KIND_BY_NAME.get(name);
    if (!kind) {
      unknown.push({ name, comment, range: { start: nameStart, end: nameStart + name.length } });
      continue;
    }
    const rest = comment.value.slice(m[0].length);
    const restStart = valueStart + m[0].length;
    const colon = rest.indexOf(':');
    const dashes = rest.indexOf('--');
    let cut = rest.length;
    let doubleHyphen: Range | undefined;
    let reason: string | undefined;
    if (dashes >= 0 && (colon < 0 || dashes < colon)) {
      cut = dashes;
      // The separator with the blanks around it, so a fix can write ': ' in its place.
      let s = dashes;
      while (s > 0 && /\s/.test(rest[s - 1])) s--;
      let e = dashes + 2;
      while (e < rest.length && /\s/.test(rest[e])) e++;
      doubleHyphen = { start: restStart + s, end: restStart + e };
      reason = rest.slice(dashes + 2).trim();
    } else if (colon >= 0) {
      cut = colon;
      reason = rest.slice(colon + 1).trim();
    }
    const ids: RuleRef[] = [];
    for (const idMatch of rest.slice(0, cut).matchAll(ID)) {
      const start = restStart + idMatch.index!;
      ids.push({ id: idMatch[0], range: { start, end: start + idMatch[0].length } });
    }
    const listRange = ids.length
      ? { start: ids[0].range.start, end: ids[ids.length - 1].range.end }
      : { start: nameStart + name.length, end: nameStart + name.length };
    directives.push({ kind, name, comment, ids, listRange, reason: reason || undefined, doubleHyphen });
  }
  return { directives, unknown };
}

/**
 * The element a `virt-lint-disable-next-line` comment applies to: the next
 * element after it among its siblings (other comments and text in between are
 * skipped), or the root element for a comment before it.
 */
export function nextElement(doc: XmlDocument, comment: XmlComment): XmlElement | undefined {
  const parent = comment.parent;
  if (!parent) return comment.range.end <= doc.root.range.start ? doc.root : undefined;
  return nextElements(parent).get(comment);
}

/** Each comment among an element's children, with the element after it: one backward pass per parent (looking each comment up among its siblings would be quadratic). */
const nextElements = memoize((parent: XmlElement): Map<XmlComment, XmlElement | undefined> => {
  const next = new Map<XmlComment, XmlElement | undefined>();
  let following: XmlElement | undefined;
  for (let i = parent.children.length - 1; i >= 0; i--) {
    const node = parent.children[i];
    if (node.kind === 'element') following = node;
    else if (node.kind === 'comment') next.set(node, following);
  }
  return next;
});
