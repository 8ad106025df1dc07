/**
 * Reads a .rng file into the elements of the RELAX NG namespace, with what
 * simplification needs from their context resolved on the way (RELAX NG
 * specification, sections 4.1-4.3, 4.8-4.10): foreign elements and attributes
 * (annotations) are dropped, whitespace around attribute values and name text
 * is trimmed, `datatypeLibrary` and `ns` are inherited, and each element keeps
 * the in-scope namespace declarations for QNames in `name`.
 */
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import type { XmlElement } from '#engine/tree.js';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface RngNode {
  /** Local name of an element in the RELAX NG namespace. */
  name: string;
  attrs: Map<string, string>;
  children: RngNode[];
  /** Character data directly inside (for `value`, `param`, `name`, `nsName`'s text). */
  text: string;
  /** The inherited `ns` attribute ('' when none). */
  ns: string;
  /** The inherited `datatypeLibrary` ('' when none). */
  datatypeLibrary: string;
  /** Prefix → namespace URI in scope (the default namespace under ''). */
  scope: Map<string, string>;
  /** For messages: file and line. */
  where: string;
}

export class SchemaCompileError extends Error {}

export function readRng(text: string, file: string): RngNode {
  const source = new SourceText(text);
  const parsed = parseXml(source);
  if (!parsed.ok) {
    const { line } = source.position(parsed.error.offset);
    throw new SchemaCompileError(`${file}:${line}: ${parsed.error.message}`);
  }
  const root = convert(parsed.doc.root, new Map([['xml', XML_NS]]), '', '', file, source);
  if (!root) throw new SchemaCompileError(`${file}: the document element is not in the RELAX NG namespace`);
  return root;
}

function convert(el: XmlElement, outer: Map<string, string>, ns: string, lib: string, file: string, source: SourceText): RngNode | undefined {
  let scope = outer;
  for (const a of el.attributes) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      if (scope === outer) scope = new Map(outer);
      scope.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
    }
  }
  const prefix = el.prefix;
  const elementNs = scope.get(prefix ?? '');
  if (elementNs !== RNG_NS) return undefined; // an annotation (foreign element): ignored with all it holds

  const attrs = new Map<string, string>();
  for (const a of el.attributes) {
    if (a.name === 'xmlns' || a.name.includes(':')) continue; // declarations and foreign (qualified) attributes
    attrs.set(a.name, trimXml(a.value));
  }
  if (attrs.has('ns')) ns = attrs.get('ns')!;
  if (attrs.has('datatypeLibrary')) lib = attrs.get('datatypeLibrary')!;
  const node: RngNode = {
    name: el.localName,
    attrs,
    children: [],
    text: '',
    ns,
    datatypeLibrary: lib,
    scope,
    where: `${file}:${source.position(el.startTag.start).line}`,
  };
  for (const c of el.children) {
    if (c.kind === 'text') node.text += c.value;
    else if (c.kind === 'element') {
      const child = convert(c, scope, ns, lib, file, source);
      if (child) node.children.push(child);
    }
  }
  // Section 4.2: whitespace is insignificant except in value and param.
  if (node.name !== 'value' && node.name !== 'param') node.text = trimXml(node.text);
  return node;
}

/** XML whitespace only (space, tab, CR, LF): JavaScript's trim() also strips NBSP and others. */
export function trimXml(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}
