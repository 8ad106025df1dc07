/**
 * What a grammar knows, as names in context: which child elements each
 * element can have, which attributes, which enumerated values of an attribute
 * or of its text. Compared release by release at build time, this says when
 * each of them appeared: what `libvirt-feature-too-new` needs, without
 * validating a document against every older grammar at run time.
 *
 * Keys (element names qualified as `{ns}local` when in a namespace):
 *   `parent>child`         an element inside another
 *   `element@attribute`    an attribute of an element
 *   `element@attribute=v`  an enumerated attribute value
 *   `element=v`            an enumerated text value
 */
import { nameOf, NameOp, nodeOf, Op, type CompiledModel } from '../model.js';

export function vocabulary(model: CompiledModel): Set<string> {
  const str = model.strings;
  const nameKeys = (i: number): string[] => {
    const n = nameOf(model, i);
    switch (n[0] as NameOp) {
      case NameOp.Name:
        return [str[n[1]] === '' ? str[n[2]] : `{${str[n[1]]}}${str[n[2]]}`];
      case NameOp.Choice:
        return [...nameKeys(n[1]), ...nameKeys(n[2])];
      default:
        return []; // wildcards name nothing
    }
  };
  const out = new Set<string>();
  for (let e = 0; e < model.elements.length; e += 2) {
    const [nc, content] = [model.elements[e], model.elements[e + 1]];
    const owners = nameKeys(nc);
    if (!owners.length) continue;
    const seen = new Set<string>();
    // Walks an element's content (not into child elements); `attr` is the attribute whose content this is.
    const walk = (node: number, attr: string | undefined) => {
      const key = `${node}:${attr ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const n = nodeOf(model, node);
      switch (n[0] as Op) {
        case Op.Ref:
          if (attr === undefined) for (const child of nameKeys(model.elements[2 * n[1]])) for (const o of owners) out.add(`${o}>${child}`);
          return;
        case Op.Attribute:
          for (const a of nameKeys(n[1])) {
            for (const o of owners) out.add(`${o}@${a}`);
            walk(n[2], a);
          }
          return;
        case Op.Value:
          for (const o of owners) out.add(attr === undefined ? `${o}=${str[n[2]]}` : `${o}@${attr}=${str[n[2]]}`);
          return;
        case Op.Choice:
        case Op.Interleave:
        case Op.Group:
          for (let i = 1; i < n.length; i++) walk(n[i], attr);
          return;
        case Op.OneOrMore:
        case Op.List:
          walk(n[1], attr);
          return;
        default:
          return;
      }
    };
    walk(content, undefined);
  }
  return out;
}

/**
 * For every key of the newest grammar that an older one lacks: the first
 * shipped release from which every later release has it. `versions` oldest
 * first; keys known to every release are left out.
 */
export function vocabularySince(models: CompiledModel[]): Record<string, string> {
  const vocabularies = models.map(vocabulary);
  const newest = vocabularies[vocabularies.length - 1];
  const since: Record<string, string> = {};
  for (const key of [...newest].sort()) {
    let first = models.length - 1;
    while (first > 0 && vocabularies[first - 1].has(key)) first--;
    if (first > 0) since[key] = models[first].libvirt;
  }
  return since;
}

/**
 * The elements (keys) a `vocabularySince` table says anything about, sorted:
 * `disk` for `disk@type`, `disk>target` and `disk=...`; a namespace URI in
 * braces is part of it. Written with the table, so that a lint need not
 * compute them (src/schema/versions.ts).
 */
export function vocabularyContexts(since: Record<string, string>): string[] {
  return [...new Set(Object.keys(since).map(contextOf))].sort();
}

/** The element a table key is about. */
function contextOf(key: string): string {
  const from = key.startsWith('{') ? key.indexOf('}') + 1 : 0;
  let end = from;
  while (end < key.length && key[end] !== '@' && key[end] !== '>' && key[end] !== '=') end++;
  return key.slice(0, end);
}
