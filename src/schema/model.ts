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
 *
 * Flat tables: `nodes`, `names`, `elements` and `nameSets` are each one array
 * of numbers (with an offsets array where entries vary in length), not an
 * array per entry: JSON.parse then builds a handful of packed arrays instead
 * of some 6,000 small ones, which made the cold parse and the young-generation
 * collections of every lint several milliseconds slower.
 */

/** Pattern node kinds: the first number of each `nodes` entry (operands follow it). */
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

/** Name class kinds: the first number of each `names` entry (NAME_WIDTH numbers, unused ones 0). */
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
  /** Name classes, NAME_WIDTH numbers each: name class `i` is `names[i * NAME_WIDTH ...]`. */
  names: number[];
  /** Datatypes: [library (0 built-in, 1 XSD), typeNameString, paramName, paramValue, ...]. */
  types: number[][];
  /**
   * Patterns, one after another: node `i` is `nodes[nodeAt[i]]` (its Op)
   * followed by its operands up to `nodeAt[i + 1]`. Every node index a node
   * refers to is smaller than its own, except Ref's element index.
   */
  nodes: number[];
  /** Where each node starts in `nodes`, plus one entry for the end (length: node count + 1). */
  nodeAt: number[];
  /** Element patterns, two numbers each: element `e` is `[elements[2e]` (name class), `elements[2e + 1]` (content node)]. */
  elements: number[];
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
  nameSets: number[];
  /** Where each name set starts in `nameSets`, plus one entry for the end. */
  nameSetAt: number[];
}

export const MODEL_FORMAT = 3;

/** Numbers per name class in CompiledModel.names. */
export const NAME_WIDTH = 3;

/** Flattens a table of entries into one array and the offsets of its entries (plus the end). */
export function flatTable(entries: readonly (readonly number[])[]): { data: number[]; at: number[] } {
  const data: number[] = [];
  const at: number[] = [0];
  for (const e of entries) {
    for (const x of e) data.push(x);
    at.push(data.length);
  }
  return { data, at };
}

/** Node `i` of a model as an array [op, operands...] (a copy: for build-time code and checks made once per node, not for hot paths). */
export function nodeOf(model: CompiledModel, i: number): number[] {
  return model.nodes.slice(model.nodeAt[i], model.nodeAt[i + 1]);
}

/** Name class `i` of a model as [kind, a, b] (a copy: for build-time code). */
export function nameOf(model: CompiledModel, i: number): number[] {
  return model.names.slice(i * NAME_WIDTH, (i + 1) * NAME_WIDTH);
}

export const XSD_DATATYPES = 'http://www.w3.org/2001/XMLSchema-datatypes';
