/**
 * The compiled form of a RELAX NG grammar (libvirt's domain.rng and what it
 * includes), after the simplification of the RELAX NG specification
 * (section 4): includes, combine, refs to non-element defines and the
 * syntactic sugar (optional, zeroOrMore, mixed, ...) are gone; what is left is
 * a graph of a dozen pattern kinds. scripts/compile-schemas.mjs compiles it
 * at build time; `Grammar` (grammar.ts) turns it into live patterns.
 *
 * Compactness: every string lives once in `strings`, patterns are hash-consed
 * (a shared subpattern is stored once), and choices, groups and interleaves
 * are n-ary.
 *
 * Flat tables: `names`, `nodes`, `elements`, `labels`, `nodeNames` and
 * `nameSets` are each one table of integers (with an offsets table where
 * entries vary in length), not an array per entry, so that they can be
 * stored as bytes. The build works with plain arrays (and writes the older
 * releases' models, read only by scripts and tests, as JSON); the newest
 * model, the one a lint loads, is written in binary (model-binary.ts) and
 * decoded into typed arrays over one buffer outside the JavaScript heap: no
 * number of its ~28,000 is parsed from text, which made loading the grammar
 * 2.1 to 2.3 ms of every lint, against about 1.25 ms now (docs/schema.md).
 * Code that reads a model therefore takes any `IntTable`.
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

/** A table of integers: a plain array at build time, a typed array in the model a lint decodes (model-binary.ts). */
export type IntTable = readonly number[] | Int16Array | Int32Array;

export interface CompiledModel {
  /** Format version of this structure; bumped when the runtime reading it changes. */
  format: number;
  /** The libvirt release whose schemas this is. */
  libvirt: string;
  strings: string[];
  /** Name classes, NAME_WIDTH numbers each: name class `i` is `names[i * NAME_WIDTH ...]`. */
  names: IntTable;
  /** Datatypes: [library (0 built-in, 1 XSD), typeNameString, paramName, paramValue, ...]. */
  types: (readonly number[])[];
  /**
   * Patterns, one after another: node `i` is `nodes[nodeAt[i]]` (its Op)
   * followed by its operands up to `nodeAt[i + 1]`. Every node index a node
   * refers to is smaller than its own, except Ref's element index.
   */
  nodes: IntTable;
  /** Where each node starts in `nodes`, plus one entry for the end (length: node count + 1). */
  nodeAt: IntTable;
  /** Element patterns, two numbers each: element `e` is `[elements[2e]` (name class), `elements[2e + 1]` (content node)]. */
  elements: IntTable;
  start: number;
  /**
   * The grammar's name for a datatype pattern, as pairs [node, defineNameString]:
   * libvirt's define names (`absFilePath`, `unit`, `pciSlot`) say what a value
   * means, which a message can put in words.
   */
  labels: IntTable;
  /**
   * What the quick check (src/schema/fast.ts) needs to know of each node,
   * computed here so that a lint does not: `(set + 1) * 4 + nullable * 2 +
   * text`. `set` indexes `nameSets`, the attribute and element names the node
   * can take outside child elements (-1: a wildcard or a choice of names is
   * among them); `nullable` (0 or 1): it matches no attribute, element or
   * text at all; `text` (0 or 1): it can take text.
   */
  nodeNames: IntTable;
  /**
   * Sets of names, each sorted ascending and stored once: an element name is
   * its name class index (a `NameOp.Name`), an attribute name `-1 - index`.
   */
  nameSets: IntTable;
  /** Where each name set starts in `nameSets`, plus one entry for the end. */
  nameSetAt: IntTable;
}

export const MODEL_FORMAT = 4;

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

/** Node `i` of a model as [op, operands...] (for build-time code and checks made once per node, not for hot paths). */
export function nodeOf(model: CompiledModel, i: number): IntTable {
  return entriesOf(model.nodes, model.nodeAt[i], model.nodeAt[i + 1]);
}

/** Name class `i` of a model as [kind, a, b] (for build-time code). */
export function nameOf(model: CompiledModel, i: number): IntTable {
  return entriesOf(model.names, i * NAME_WIDTH, (i + 1) * NAME_WIDTH);
}

/**
 * Entries `from` up to `to` of a table, to read only: a view of a typed array
 * (no copy: a lint asks for several hundred), a copy of a plain array.
 */
export function entriesOf(table: IntTable, from: number, to: number): IntTable {
  return ArrayBuffer.isView(table) ? (table as Int16Array | Int32Array).subarray(from, to) : table.slice(from, to);
}

export const XSD_DATATYPES = 'http://www.w3.org/2001/XMLSchema-datatypes';
