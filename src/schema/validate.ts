/**
 * Validates a parsed domain against a grammar and explains each failure once.
 *
 * The walk follows the RELAX NG derivative algorithm (patterns.ts) over
 * virt-lint's own tree, so every failure is known at the exact node: the
 * start tag that is not allowed, the attribute whose name or value is wrong,
 * the end tag before which something required is missing. Each failure is
 * described as a finding (what, where, what was allowed), then validation goes
 * on as if it were fixed: a misspelt name is read as the name it most likely
 * means, a bad value as a good one, a missing part as present. One mistake
 * gives one finding, never a cascade.
 */
import type { Range } from '#engine/source.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlText } from '#engine/tree.js';
import { didYouMean } from '#shared/text.js';
import { trimXmlSpace } from './datatypes.js';
import { walkTop, type Grammar } from './grammar.js';
import { QuickCheck } from './fast.js';
import { isWhitespace, Kind, operands, qname, type Pattern, type Patterns, type QName } from './patterns.js';
import { declare, isNamespaceDeclaration, resolve, ROOT_SCOPE, type Scope } from './scope.js';

export { declare, resolve, ROOT_SCOPE, type Scope };

export type FindingKind = 'unknown-element' | 'misplaced-element' | 'unknown-attribute' | 'invalid-value' | 'missing-required';

interface FindingBase {
  kind: FindingKind;
  /** The element concerned: the unknown or misplaced one, the one holding the attribute or text, the one missing a part. */
  element: XmlElement;
  /** Exactly what to underline. */
  range: Range;
}

export interface UnknownElement extends FindingBase {
  kind: 'unknown-element';
  name: QName;
  /** Did-you-mean: a name allowed at this place. */
  suggestion?: string;
  /** The prefix is not bound to a namespace (a namespace problem, not a grammar one). */
  unboundPrefix?: boolean;
  /** The namespaces in which the grammar knows this local name ('' for none), when not in this one. */
  otherNamespaces?: string[];
}

export interface MisplacedElement extends FindingBase {
  kind: 'misplaced-element';
  name: QName;
  /**
   * - duplicate: the parent takes it once and already has it (`first`);
   * - order: allowed in this parent, earlier: before `before`;
   * - context: allowed in elements of this name, but not in this form of it;
   * - parent: it belongs in other elements (`parents`).
   */
  reason: 'duplicate' | 'order' | 'context' | 'parent';
  first?: XmlElement;
  before?: XmlElement;
  parents: string[];
}

export interface UnknownAttribute extends FindingBase {
  kind: 'unknown-attribute';
  attribute: XmlAttribute;
  suggestion?: string;
  /** Some form of this element takes the attribute, not this one (another type, a missing companion). */
  knownOnElement: boolean;
  /** Attributes this element could still take. */
  allowed: string[];
}

export interface InvalidValue extends FindingBase {
  kind: 'invalid-value';
  /** The attribute, or undefined for the element's text. */
  attribute?: XmlAttribute;
  value: string;
  /** Enumerated values allowed here, in grammar order. */
  values: string[];
  /** Datatype patterns allowed here (for describing the expected form). */
  forms: Pattern[];
  suggestion?: string;
  /** The value is fine without its leading or trailing whitespace. */
  whitespace: boolean;
  /** The element takes no text at all. */
  noText?: boolean;
}

export interface MissingRequired extends FindingBase {
  kind: 'missing-required';
  what: 'attribute' | 'element';
  /** All of these are required... */
  names: string[];
  /** ...or, when no single one is, one of these. */
  oneOf: boolean;
}

export type SchemaFinding = UnknownElement | MisplacedElement | UnknownAttribute | InvalidValue | MissingRequired;

export interface ValidationResult {
  grammar: Grammar;
  /** The grammar's verdict, as `xmllint --relaxng` gives it. */
  valid: boolean;
  findings: SchemaFinding[];
}

const quickChecks = new WeakMap<Grammar, QuickCheck>();

/** The quick check of a grammar (fast.ts): one per grammar, since what it learns of the grammar serves every document. */
export function quickCheckOf(grammar: Grammar): QuickCheck {
  let q = quickChecks.get(grammar);
  if (!q) quickChecks.set(grammar, (q = new QuickCheck(grammar)));
  return q;
}

export function validate(grammar: Grammar, doc: XmlDocument): ValidationResult {
  const root = doc.root;
  // Most documents are valid: showing it by the quick check (fast.ts) costs far
  // less cold work than the derivative walk, which runs when it cannot.
  const quick = quickCheckOf(grammar);
  const exact = (e: number, el: XmlElement, scope: Scope) => {
    const v = new Validator(grammar, quick);
    return v.element(grammar.elementPattern(e), el, scope).nullable && v.findings.length === 0 && v.silentFailures === 0;
  };
  if (quick.root(doc, exact)) return { grammar, valid: true, findings: [] };
  const v = new Validator(grammar, quick);
  const after = v.element(grammar.start, root, ROOT_SCOPE);
  const valid = v.findings.length === 0 && v.silentFailures === 0 && after.nullable;
  return { grammar, valid, findings: v.findings };
}

class Validator {
  readonly findings: SchemaFinding[] = [];
  /** Failures without a finding of their own (none expected; kept so the verdict stays exact). */
  silentFailures = 0;
  private readonly P: Patterns;

  constructor(
    private readonly grammar: Grammar,
    /** The quick check that has seen this document (QuickCheck.root): asked which children need no deriving. */
    private readonly quick: QuickCheck,
  ) {
    this.P = grammar.patterns;
  }

  /** Validates `el` against `p` (the parent's content so far); returns the parent's content after it. */
  element(p: Pattern, el: XmlElement, outer: Scope, history?: { patterns: Pattern[]; elements: XmlElement[] }): Pattern {
    const P = this.P;
    const scope = declare(el, outer);
    const qn = resolve(el.name, scope, true);
    let p1 = P.startTagOpen(p, qn);
    if (p1.kind === Kind.NotAllowed) return this.elementNotAllowed(p, el, qn, scope, history);

    for (const a of el.attributes) {
      if (isNamespaceDeclaration(a.name)) continue;
      const aqn = resolve(a.name, scope, false);
      const p2 = P.attribute(p1, aqn, a.value);
      p1 = p2.kind === Kind.NotAllowed ? this.attributeNotAllowed(p, p1, el, qn, a, aqn) : p2;
    }

    let p3 = P.startTagClose(p1);
    if (p3.kind === Kind.NotAllowed) {
      this.missing(P.contents(p1), el, 'attribute');
      p3 = P.startTagClose(p1, true);
    }

    let p4: Pattern;
    if (!hasElementChild(el)) {
      const s = el.children.length === 1 && el.children[0].kind === 'text' ? el.children[0].value : textOf(el);
      const t = P.text(p3, s);
      if (isWhitespace(s)) p4 = P.choice(p3, t);
      else if (t.kind !== Kind.NotAllowed) p4 = t;
      else p4 = this.textNotAllowed(p3, el, s, el.children.filter((c): c is XmlText => c.kind === 'text'));
    } else {
      p4 = p3;
      const history = { patterns: [] as Pattern[], elements: [] as XmlElement[] };
      const children = el.children;
      let text = '';
      let textNodes: XmlText[] = [];
      for (let i = 0; i <= children.length; i++) {
        const c = children[i];
        if (c?.kind === 'text') {
          // Adjacent text (split by comments or CDATA) is one text node to RELAX NG.
          text += c.value;
          textNodes.push(c);
          continue;
        }
        if (c?.kind === 'comment') continue;
        if (text !== '' && !isWhitespace(text)) {
          const t = P.text(p4, text);
          p4 = t.kind !== Kind.NotAllowed ? t : this.textNotAllowed(p4, el, text, textNodes);
        }
        text = '';
        textNodes = [];
        if (c) {
          history.patterns.push(p4);
          history.elements.push(c);
          p4 = this.skipShownValid(p4, c, scope) ?? this.element(p4, c, scope, history);
        }
      }
    }

    let p5 = P.endTag(p4);
    if (p5.kind === Kind.NotAllowed) {
      this.missing(P.contents(p4), el, 'element');
      p5 = P.endTag(p4, true);
    }
    return p5;
  }

  /**
   * The pattern after child `el` when the quick check shows it valid against
   * some of the element patterns `p` lets it start: the choice of what
   * follows each of those, which is what deriving it would give (deriving a
   * valid element reports nothing, and the alternatives it does not match end
   * not nullable, so endTag drops them). Undefined when none is shown valid,
   * or `p` opens the element in a form not handled here: then it is derived.
   * Why: a document with one mistake used to be derived whole, which cost
   * about 100 ms of cold code in a lint; now only the parts around the mistake are.
   */
  private skipShownValid(p: Pattern, el: XmlElement, outer: Scope): Pattern | undefined {
    const P = this.P;
    const scope = declare(el, outer);
    const opened = P.startTagOpen(p, resolve(el.name, scope, true));
    const afters = opened.kind === Kind.Choice ? opened.parts! : [opened];
    const rests: Pattern[] = [];
    for (let i = 0; i < afters.length; i++) {
      const after = afters[i];
      if (after.kind !== Kind.After) return undefined;
      const e = P.contentOwners.get(after.a!);
      if (e === undefined) return undefined;
      if (this.quick.valid(e, el, scope)) rests.push(after.b!);
    }
    return rests.length ? P.choiceOf(rests) : undefined;
  }

  // ---- failures -----------------------------------------------------------------

  private elementNotAllowed(p: Pattern, el: XmlElement, qn: QName, scope: Scope, history?: { patterns: Pattern[]; elements: XmlElement[] }): Pattern {
    const P = this.P;
    const range = nameRange(el);
    if (!this.grammar.knowsElement(qn)) {
      const unbound = el.prefix !== undefined && el.prefix !== 'xml' && !scope.has(el.prefix);
      const here = firstElements(p).filter((n) => n.ns === qn.ns);
      const suggestion = unbound ? undefined : didYouMean(qn.local, sortedNames(here.map((n) => n.local))); // sorted: ties do not depend on pattern ids
      const other = unique(this.grammar.elements.flatMap((e) => e.names).filter((n) => n.local === qn.local && n.ns !== qn.ns).map((n) => n.ns));
      this.findings.push({
        kind: 'unknown-element',
        element: el,
        range,
        name: qn,
        suggestion,
        unboundPrefix: unbound || undefined,
        otherNamespaces: other.length ? other : undefined,
      });
      if (suggestion !== undefined) {
        // Read the misspelt element as the one meant, so its absence is not reported too.
        const meant = P.startTagOpen(p, qname(qn.ns, suggestion));
        if (meant.kind !== Kind.NotAllowed) return P.skipContent(meant);
      }
      return p;
    }

    const parents = this.grammar.parentsOf(qn);
    const base = { kind: 'misplaced-element' as const, element: el, range, name: qn, parents };
    if (history) {
      const { patterns, elements } = history;
      const i = patterns.length - 1; // this element's own position
      const first = elements.slice(0, i).find((s) => resolve(s.name, declare(s, scope), true) === qn);
      const earliest = patterns.slice(0, i).findIndex((q) => P.startTagOpen(q, qn).kind !== Kind.NotAllowed);
      if (first && earliest >= 0) this.findings.push({ ...base, reason: 'duplicate', first });
      else if (earliest >= 0) this.findings.push({ ...base, reason: 'order', before: elements[earliest] });
      else this.findings.push({ ...base, reason: el.parent && parents.includes(el.parent.localName) ? 'context' : 'parent' });
    } else {
      this.findings.push({ ...base, reason: el.parent && parents.includes(el.parent.localName) ? 'context' : 'parent' });
    }
    return p;
  }

  private attributeNotAllowed(p: Pattern, p1: Pattern, el: XmlElement, qn: QName, a: XmlAttribute, aqn: QName): Pattern {
    const P = this.P;
    const anyValue = P.attribute(p1, aqn, undefined);
    if (anyValue.kind !== Kind.NotAllowed) {
      const contents = attributeContents(P, P.contents(p1), aqn);
      const { values, forms } = valueForms(contents);
      const trimmed = trimXmlSpace(a.value);
      const whitespace = trimmed !== a.value && contents.some((c) => P.valueMatches(c, trimmed));
      this.findings.push({
        kind: 'invalid-value',
        element: el,
        range: a.valueRange,
        attribute: a,
        value: a.value,
        values,
        forms,
        suggestion: whitespace || !values.length ? undefined : didYouMean(a.value, values),
        whitespace,
      });
      return anyValue;
    }

    const present = new Set(el.attributes.map((x) => x.name));
    const allowed = unique(
      attributeNames(P.contents(p1))
        .filter((n) => n.ns === '' && !present.has(n.local))
        .map((n) => n.local),
    );
    // In the order of the grammar's definitions of the element: the residual
    // patterns list them by pattern id, the order the process happened to
    // build patterns in (it depends on the documents validated before, in the
    // language server or lintFiles).
    const rank = new Map<string, number>();
    for (const e of elementPatterns(p, qn)) this.grammar.attributeOrder(e.element).forEach((name, i) => rank.set(name, Math.min(rank.get(name) ?? i, i)));
    const at = (name: string) => rank.get(name) ?? Number.MAX_SAFE_INTEGER;
    allowed.sort((x, y) => at(x) - at(y) || (x < y ? -1 : x > y ? 1 : 0));
    const suggestion = aqn.ns === '' ? didYouMean(aqn.local, allowed) : undefined;
    this.findings.push({
      kind: 'unknown-attribute',
      element: el,
      range: a.nameRange,
      attribute: a,
      suggestion,
      knownOnElement: this.grammar.attributesOf(qn).has(aqn.key),
      allowed,
    });
    if (suggestion !== undefined) {
      // Read the misspelt attribute as the one meant, so its absence is not reported too.
      const meant = P.attribute(p1, qname('', suggestion), undefined);
      if (meant.kind !== Kind.NotAllowed) return meant;
    }
    return p1;
  }

  private textNotAllowed(p: Pattern, el: XmlElement, s: string, nodes: XmlText[]): Pattern {
    const P = this.P;
    const lenient = P.text(p, s, true);
    const range = textRange(el, nodes);
    if (lenient.kind === Kind.NotAllowed) {
      this.findings.push({ kind: 'invalid-value', element: el, range, value: s, values: [], forms: [], whitespace: false, noText: true });
      return p;
    }
    const { values, forms } = valueForms(textPatterns(P.contents(p)));
    const trimmed = trimXmlSpace(s);
    const whitespace = trimmed !== s && P.text(p, trimmed).kind !== Kind.NotAllowed;
    this.findings.push({
      kind: 'invalid-value',
      element: el,
      range,
      value: s,
      values,
      forms,
      suggestion: whitespace || !values.length ? undefined : didYouMean(trimmed, values),
      whitespace,
    });
    return lenient;
  }

  /** Reports what `contents` (the element's residual patterns) still require. */
  private missing(contents: Pattern[], el: XmlElement, what: 'attribute' | 'element'): void {
    const P = this.P;
    const satisfied = what === 'attribute' ? (p: Pattern) => P.startTagClose(p).kind !== Kind.NotAllowed : (p: Pattern) => p.nullable;
    const needs = contents.map((c) => required(c, satisfied, new Set()));
    const need = needs.reduce((x, y) => (x && y ? meet(x, y) : (x ?? y)));
    if (!need || (need.all.size === 0 && need.any.size === 0)) {
      this.silentFailures++;
      return;
    }
    const text = [...need.all.values(), ...need.any.values()].filter((p) => p.kind === Kind.Data || p.kind === Kind.Value || p.kind === Kind.List);
    if (what === 'element' && text.length) {
      // The element needs a value and has none: an empty value, not a missing part.
      const { values, forms } = valueForms(text);
      this.findings.push({ kind: 'invalid-value', element: el, range: nameRange(el), value: '', values, forms, whitespace: false });
      return;
    }
    const oneOf = need.all.size === 0;
    const names = [...(oneOf ? need.any : need.all).keys()];
    this.findings.push({ kind: 'missing-required', element: el, range: nameRange(el), what, names, oneOf });
  }
}

// ---- what a pattern requires ------------------------------------------------------

/** Required parts: all of `all`, or (when `all` is empty) one of `any`. Keyed by name ('#text' for text). */
interface Need {
  all: Map<string, Pattern>;
  any: Map<string, Pattern>;
}

function required(p: Pattern, satisfied: (p: Pattern) => boolean, seen: Set<Pattern>): Need | null {
  if (satisfied(p) || seen.has(p)) return null;
  seen.add(p);
  try {
    switch (p.kind) {
      case Kind.Element:
      case Kind.Attribute: {
        const names = p.nc!.names();
        const key = names.length === 1 ? names[0].local : names.map((n) => n.local).join('|');
        return { all: new Map([[key, p]]), any: new Map() };
      }
      case Kind.Data:
      case Kind.Value:
      case Kind.List:
        return { all: new Map([['#text', p]]), any: new Map() };
      case Kind.Group:
      case Kind.Interleave: {
        let all = new Map<string, Pattern>();
        let any = new Map<string, Pattern>();
        for (const q of operands(p)) {
          const n = required(q, satisfied, seen);
          if (!n) continue;
          all = new Map([...all, ...n.all]);
          any = new Map([...any, ...n.any]);
        }
        return all.size || any.size ? { all, any: all.size ? new Map() : any } : null;
      }
      case Kind.Choice: {
        let need: Need | undefined;
        for (const q of p.parts!) {
          const n = required(q, satisfied, seen);
          if (!n) return null;
          need = need ? meet(need, n) : n;
        }
        return need ?? null;
      }
      case Kind.OneOrMore:
      case Kind.After:
        return required(p.a!, satisfied, seen);
      default:
        return null;
    }
  } finally {
    seen.delete(p);
  }
}

/** Of two alternatives: what both require, or else one of what either requires. */
function meet(a: Need, b: Need): Need {
  const all = new Map([...a.all].filter(([k]) => b.all.has(k)));
  if (all.size) return { all, any: new Map() };
  return { all, any: new Map([...a.all, ...a.any, ...b.all, ...b.any]) };
}

// ---- what a pattern allows --------------------------------------------------------

/** Names of the elements `p` accepts next. */
function firstElements(p: Pattern, out: QName[] = [], seen = new Set<Pattern>()): QName[] {
  if (seen.has(p)) return out;
  seen.add(p);
  switch (p.kind) {
    case Kind.Element:
      p.nc!.names(out);
      break;
    case Kind.Choice:
    case Kind.Interleave:
      for (const q of p.parts!) firstElements(q, out, seen);
      break;
    case Kind.Group:
      firstElements(p.a!, out, seen);
      if (p.a!.nullable) firstElements(p.b!, out, seen);
      break;
    case Kind.OneOrMore:
    case Kind.After:
      firstElements(p.a!, out, seen);
      break;
  }
  return out;
}

function attributeNames(contents: Pattern[]): QName[] {
  const out: QName[] = [];
  const seen = new Set<Pattern>();
  for (const c of contents) walkTop(c, (p) => (p.kind === Kind.Attribute ? void p.nc!.names(out) : undefined), seen);
  return out;
}

/** The element patterns named `qn` that `p` accepts next (as firstElements walks). */
function elementPatterns(p: Pattern, qn: QName, out: Pattern[] = [], seen = new Set<Pattern>()): Pattern[] {
  if (seen.has(p)) return out;
  seen.add(p);
  switch (p.kind) {
    case Kind.Element:
      if (p.nc!.contains(qn)) out.push(p);
      break;
    case Kind.Choice:
    case Kind.Interleave:
      for (const q of p.parts!) elementPatterns(q, qn, out, seen);
      break;
    case Kind.Group:
      elementPatterns(p.a!, qn, out, seen);
      if (p.a!.nullable) elementPatterns(p.b!, qn, out, seen);
      break;
    case Kind.OneOrMore:
    case Kind.After:
      elementPatterns(p.a!, qn, out, seen);
      break;
  }
  return out;
}

/** Content patterns of the attributes named `qn` that `contents` allows. */
function attributeContents(P: Patterns, contents: Pattern[], qn: QName): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<Pattern>();
  for (const c of contents) walkTop(c, (p) => (p.kind === Kind.Attribute && p.nc!.contains(qn) ? void out.push(P.content(p)) : undefined), seen);
  return unique(out);
}

/** The text patterns (values, data, lists) `contents` allows outside child elements. */
function textPatterns(contents: Pattern[]): Pattern[] {
  const out: Pattern[] = [];
  const seen = new Set<Pattern>();
  for (const c of contents) {
    walkTop(c, (p) => (p.kind === Kind.Data || p.kind === Kind.Value || p.kind === Kind.List || p.kind === Kind.Text ? void out.push(p) : undefined), seen);
  }
  return out;
}

/** Enumerated values (in grammar order) and the other forms a value pattern allows. */
function valueForms(patterns: Pattern[]): { values: string[]; forms: Pattern[] } {
  const values: string[] = [];
  const forms: Pattern[] = [];
  const visit = (p: Pattern) => {
    if (p.kind === Kind.Value) values.push(p.value!);
    else if (p.kind === Kind.Choice && !(p.label && !hasValue(p))) {
      // A choice from the grammar lists its values in the grammar's order.
      p.parts!.forEach(visit);
    } else if (p.kind !== Kind.NotAllowed && p.kind !== Kind.Empty) forms.push(p);
  };
  for (const p of patterns) visit(p);
  return { values: unique(values), forms: unique(forms) };
}

// ---- the tree as RELAX NG sees it ------------------------------------------------------

/** A choice that lists values: its values are listed one by one, not described as a whole. */
function hasValue(p: Pattern): boolean {
  return p.kind === Kind.Value || (p.kind === Kind.Choice && p.parts!.some(hasValue));
}

function hasElementChild(el: XmlElement): boolean {
  for (const c of el.children) if (c.kind === 'element') return true;
  return false;
}

function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (c.kind === 'text') s += c.value;
  return s;
}

function nameRange(el: XmlElement): Range {
  const start = el.startTag.start + 1;
  return { start, end: start + el.name.length };
}

function textRange(el: XmlElement, nodes: XmlText[]): Range {
  const nonBlank = nodes.filter((n) => !isWhitespace(n.value));
  if (!nonBlank.length) return nameRange(el);
  const first = nonBlank[0];
  const last = nonBlank[nonBlank.length - 1];
  const lead = first.value.length - first.value.replace(/^[ \t\r\n]+/, '').length;
  const trail = last.value.length - trimXmlSpace(`.${last.value}`).length + 1; // trailing white space only (the '.' keeps the leading)
  // Offsets of decoded text; entity references make them approximate, which only shifts the underline.
  return { start: first.range.start + lead, end: Math.max(first.range.start + lead, last.range.end - trail) };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Distinct names in code-unit order (the same on every machine and in every process). */
function sortedNames(names: string[]): string[] {
  return unique(names).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
