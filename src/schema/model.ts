/**
 * The compiled form of a RELAX NG grammar (libvirt's domain.rng and what it
 * includes), after the simplification of the RELAX NG specification
 * (section 4): includes, combine, refs to non-element defines and the
 * syntactic sugar (optional, zeroOrMore, mixed, ...) are gone; what is left is
 * a graph of a dozen pattern kinds. It is written as JSON at build time
 * (scripts/compile-schemas.mjs) and turned into live patterns by
 * `loadModel` (runtime.ts).
 *
 * Compactness: every string lives once in `strings`, patterns are hash-consed
 * (a shared subpattern is stored once), and choices, groups and interleaves
 * are n-ary.
 */

/** Pattern node kinds: the first number of each `nodes` entry. */
export const enum Op {
  Empty = 0,
  NotAllowed = 1,
  Text = 2,
  /** [Choice, a, b, ...] */
  Choice = 3,
  /** [Interleave, a, b, ...] */
  Interleave = 4,
  /** [Group, a, b, ...] */
  Group = 5,
  /** [OneOrMore, p] */
  OneOrMore = 6,
  /** [List, p] */
  List = 7,
  /** [Data, typeIndex, exceptNode or -1] */
  Data = 8,
  /** [Value, typeIndex, valueString] */
  Value = 9,
  /** [Attribute, nameClassIndex, contentNode] */
  Attribute = 10,
  /** [Ref, elementIndex] */
  Ref = 11,
}

/** Name class kinds: the first number of each `names` entry. */
export const enum NameOp {
  /** [Name, nsString, localString] */
  Name = 0,
  /** [AnyName, exceptNameClass or -1] */
  AnyName = 1,
  /** [NsName, nsString, exceptNameClass or -1] */
  NsName = 2,
  /** [NameChoice, a, b] */
  Choice = 3,
}

export interface CompiledModel {
  /** Format version of this structure; bumped when the runtime reading it changes. */
  format: number;
  /** The libvirt release whose schemas this is. */
  libvirt: string;
  strings: string[];
  names: number[][];
  /** Datatypes: [library (0 built-in, 1 XSD), typeNameString, paramName, paramValue, ...]. */
  types: number[][];
  /** Patterns; every index a node refers to is smaller than its own, except Ref's element index. */
  nodes: number[][];
  /** Element patterns: [nameClassIndex, contentNode]. */
  elements: number[][];
  start: number;
  /**
   * The grammar's name for a datatype pattern, as pairs [node, defineNameString]:
   * libvirt's define names (`absFilePath`, `unit`, `pciSlot`) say what a value
   * means, which a message can put in words.
   */
  labels: number[];
  /**
   * What the quick check (src/schema/fast.ts) needs to know of each node,
   * computed here so that a lint does not: `(set + 1) * 4 + nullable * 2 +
   * text`. `set` indexes `nameSets`, the attribute and element names the node
   * can take outside child elements (-1: a wildcard or a choice of names is
   * among them); `nullable` (0 or 1): it matches no attribute, element or
   * text at all; `text` (0 or 1): it can take text.
   */
  nodeNames: number[];
  /**
   * Sets of names, each sorted ascending and stored once: an element name is
   * its name class index (a `NameOp.Name`), an attribute name `-1 - index`.
   */
  nameSets: number[][];
}

export const MODEL_FORMAT = 2;

export const XSD_DATATYPES = 'http://www.w3.org/2001/XMLSchema-datatypes';
