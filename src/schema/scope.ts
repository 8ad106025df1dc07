/** XML namespaces in scope while a document is validated: prefixes declared by `xmlns` attributes, and names resolved with them. */
import type { XmlElement } from '#engine/tree.js';
import { qname, type QName } from './patterns.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Namespace prefixes in scope (the default namespace under ''). */
export type Scope = ReadonlyMap<string, string>;
export const ROOT_SCOPE: Scope = new Map([['xml', XML_NS]]);

/** Whether an attribute name declares a namespace (`xmlns`, `xmlns:p`) rather than naming an attribute. */
export function isNamespaceDeclaration(name: string): boolean {
  return name.charCodeAt(0) === 120 /* x */ && (name === 'xmlns' || name.startsWith('xmlns:'));
}

/** Namespace declarations of `el` added to the scope around it. */
export function declare(el: XmlElement, outer: Scope): Scope {
  let scope: Map<string, string> | undefined;
  const attributes = el.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i];
    if (isNamespaceDeclaration(a.name)) {
      scope ??= new Map(outer);
      scope.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
    }
  }
  return scope ?? outer;
}

/** Element names take the default namespace, attribute names do not; an unbound prefix stays part of the name. */
export function resolve(name: string, scope: Scope, isElement: boolean): QName {
  const colon = name.indexOf(':');
  if (colon < 0) return qname(isElement ? (scope.get('') ?? '') : '', name);
  const ns = scope.get(name.slice(0, colon));
  return ns === undefined ? qname('', name) : qname(ns, name.slice(colon + 1));
}

/** The key of an attribute's resolved name: an attribute without a prefix is in no namespace, so its key is its name (no lookup). */
export function attributeKey(name: string, scope: Scope): string {
  return name.indexOf(':') < 0 ? name : resolve(name, scope, false).key;
}

/** The key of an element's resolved name: without a prefix and outside a default namespace, its name (no lookup). */
export function elementKey(name: string, scope: Scope): string {
  if (name.indexOf(':') < 0 && !scope.get('')) return name;
  return resolve(name, scope, true).key;
}
