/**
 * The document tree rules query. Every node knows where it stands in the
 * source, so a diagnostic can point at an element or at one attribute's value,
 * and a fix can edit exactly those characters.
 */
import type { Range } from './source.js';

export interface XmlAttribute {
  /** Qualified name as written (`xmlns:qemu`, `model`). */
  name: string;
  /** Value with character and predefined entity references decoded. */
  value: string;
  /** Value exactly as written between the quotes. */
  rawValue: string;
  quote: '"' | "'";
  /** From the first character of the name to the closing quote. */
  range: Range;
  nameRange: Range;
  /** Between the quotes (quotes excluded). */
  valueRange: Range;
}

export interface XmlComment {
  kind: 'comment';
  /** Text between `<!--` and `-->`. */
  value: string;
  range: Range;
  parent: XmlElement | undefined;
}

export interface XmlText {
  kind: 'text';
  /** Decoded character data (CDATA included; entity references replaced; line ends normalised to LF). */
  value: string;
  /** The text exactly as written (references and markers included): what `range` covers. */
  raw: string;
  range: Range;
  parent: XmlElement;
}

export type XmlNode = XmlElement | XmlComment | XmlText;

/** Where an element stands before the parser has placed it (shared and frozen: the parser replaces it, never edits it). */
const UNPLACED: Range = Object.freeze({ start: 0, end: 0 });

export class XmlElement {
  readonly kind = 'element' as const;
  readonly children: XmlNode[] = [];
  readonly attributes: XmlAttribute[] = [];
  /** The whole element, start tag to end tag (or the self-closing tag). Set by the parser. */
  range: Range = UNPLACED;
  /** The start tag (`<sound model='ich9'>` or `<audio id='1'/>`). Set by the parser. */
  startTag: Range = UNPLACED;
  /** The end tag; undefined for a self-closing element. */
  endTag: Range | undefined;

  constructor(
    /** Qualified name as written (`qemu:commandline`). */
    readonly name: string,
    readonly parent: XmlElement | undefined,
  ) {}

  get selfClosing(): boolean {
    return this.endTag === undefined;
  }

  /** The name without its namespace prefix. */
  get localName(): string {
    const i = this.name.indexOf(':');
    return i < 0 ? this.name : this.name.slice(i + 1);
  }

  get prefix(): string | undefined {
    const i = this.name.indexOf(':');
    return i < 0 ? undefined : this.name.slice(0, i);
  }

  attr(name: string): string | undefined {
    return this.attribute(name)?.value;
  }

  attribute(name: string): XmlAttribute | undefined {
    // An indexed loop: rules ask for attributes millions of times a corpus run; find() made a closure each time,
    // and a for-of in cold (interpreted) code an iterator and a result per step.
    const attributes = this.attributes;
    for (let i = 0; i < attributes.length; i++) if (attributes[i].name === name) return attributes[i];
    return undefined;
  }

  get elements(): XmlElement[] {
    return this.children.filter((c): c is XmlElement => c.kind === 'element');
  }

  /** Child elements with this name (read-only: the name index's own list). */
  childrenNamed(name: string): readonly XmlElement[] {
    return this.byName().get(name) ?? NO_ELEMENTS;
  }

  child(name: string): XmlElement | undefined {
    return this.byName().get(name)?.[0];
  }

  /**
   * Child elements by name, built on the first lookup: rules ask for the same
   * children again and again (once per report, per device), and scanning an
   * element with thousands of children each time made those rules quadratic.
   * The tree does not change once parsed.
   */
  private byName(): Map<string, XmlElement[]> {
    if (!this.index) {
      this.index = new Map();
      const children = this.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        if (c.kind !== 'element') continue;
        const list = this.index.get(c.name);
        if (list) list.push(c);
        else this.index.set(c.name, [c]);
      }
    }
    return this.index;
  }

  private index: Map<string, XmlElement[]> | undefined;

  /** What virt-lint's helpers worked out about this element (src/shared/memo.ts `remember`): rules call the helpers. */
  memo: Map<object, unknown> | undefined = undefined;

  /**
   * Elements reached by a slash-separated path of child names, e.g.
   * `devices/sound` or `os/type`. `*` matches any name. Read-only: a
   * one-step path returns the name index's own list (rules select the same
   * few paths for every document, and copying them was a fifth of what a
   * lint allocated).
   */
  select(path: string): readonly XmlElement[] {
    const steps = pathSteps(path);
    if (steps.length === 1 && steps[0] !== '*') return this.byName().get(steps[0]) ?? NO_ELEMENTS;
    let current: readonly XmlElement[] = [this];
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s];
      if (current.length === 1 && step !== '*') {
        current = current[0].byName().get(step) ?? NO_ELEMENTS;
        continue;
      }
      const next: XmlElement[] = [];
      for (let i = 0; i < current.length; i++) {
        if (step === '*') {
          const children = current[i].children;
          for (let j = 0; j < children.length; j++) if (children[j].kind === 'element') next.push(children[j] as XmlElement);
        } else {
          const named = current[i].byName().get(step);
          if (named) for (let j = 0; j < named.length; j++) next.push(named[j]);
        }
      }
      current = next;
    }
    return current;
  }

  /** The first element reached by `select(path)`. */
  first(path: string): XmlElement | undefined {
    return this.select(path)[0];
  }

  /**
   * All descendant elements in document order, optionally only those with a
   * name. Iterative: a deep document cannot overflow the stack.
   */
  descendants(name?: string): XmlElement[] {
    const out: XmlElement[] = [];
    const pending: XmlElement[] = [];
    const pushChildren = (el: XmlElement) => {
      for (let i = el.children.length - 1; i >= 0; i--) {
        const c = el.children[i];
        if (c.kind === 'element') pending.push(c);
      }
    };
    pushChildren(this);
    for (let el = pending.pop(); el; el = pending.pop()) {
      if (name === undefined || el.name === name) out.push(el);
      pushChildren(el);
    }
    return out;
  }

  /** Concatenated character data of the direct text children, trimmed. */
  text(): string {
    let s = '';
    const children = this.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.kind === 'text') s += c.value;
    }
    return s.trim();
  }

  /**
   * Range of the element's own text (trimmed), or of the element when it has
   * none. Trimmed on the text as written, so a reference (`&#32;`, `&name;`)
   * is never cut in half: a fix that replaces this range replaces whole
   * references, and only characters of the original text.
   */
  textRange(): Range {
    const texts = this.children.filter((c): c is XmlText => c.kind === 'text' && c.value.trim() !== '');
    if (texts.length === 0) return this.range;
    const first = texts[0];
    const last = texts[texts.length - 1];
    const lead = first.raw.length - first.raw.trimStart().length;
    const trail = last.raw.length - last.raw.trimEnd().length;
    return { start: first.range.start + lead, end: Math.max(first.range.start + lead, last.range.end - trail) };
  }

  /** Chain of element names from the root, e.g. `domain/devices/sound`. */
  get path(): string {
    const names: string[] = [];
    for (let el: XmlElement | undefined = this; el; el = el.parent) names.unshift(el.name);
    return names.join('/');
  }
}

export interface XmlDocument {
  /** The document element; undefined only for documents that failed to parse. */
  root: XmlElement;
  /** Every comment in the file, in document order (prolog and epilog included). */
  comments: XmlComment[];
  /**
   * The text the ranges index (the file without its BOM), when an element's
   * text alone tells its content: absent when the document has a DOCTYPE,
   * whose entities give references a meaning from outside the element.
   */
  contentText?: string;
}

/** What a path that reaches nothing returns (frozen: shared by every caller). */
const NO_ELEMENTS: readonly XmlElement[] = Object.freeze([]);

/** Rules select with a few dozen constant paths, thousands of times per run: split each once. */
const stepsOf = new Map<string, readonly string[]>();
function pathSteps(path: string): readonly string[] {
  let steps = stepsOf.get(path);
  if (!steps) {
    steps = path.split('/').filter(Boolean);
    // Bounded: a path built from document text must not grow the table without end.
    if (stepsOf.size < 4096) stepsOf.set(path, steps);
  }
  return steps;
}
