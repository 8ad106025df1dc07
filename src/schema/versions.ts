/**
 * What a domain uses that the host's libvirt does not know, by release: each
 * child element, attribute and enumerated value is looked up in a table of
 * when the shipped grammars gained it (built with the models:
 * src/schema/compile/vocabulary.ts), so no older grammar is loaded.
 *
 * Grammars only grow, release by release. So a part the grammar of shipped
 * release S lacks is also unknown to every release up to S, and a host running
 * libvirt V ≤ S does not have it. Between shipped releases nothing is certain:
 * a part added after 9.0.0 and present in 11.3.0 may or may not be in 10.0.0,
 * and is not reported for a 10.0.0 host. Names are compared in context (an
 * attribute of this element, a child of this parent), not in the exact form
 * the grammar allows them in: a part that exists under the same names in an
 * older grammar but in another form is not reported.
 */
import type { XmlAttribute, XmlDocument, XmlElement } from '#engine/tree.js';
import { compareVersions } from '#engine/version.js';
import { SCHEMA_VERSIONS, VOCABULARY_CONTEXTS_JSON, VOCABULARY_SINCE_JSON } from './generated/newest.js';
import { attributeKey, declare, elementKey, isNamespaceDeclaration, ROOT_SCOPE, type Scope } from './scope.js';

export interface TooNew {
  /** What: an element (inside its parent), an attribute, or an attribute's or the element's text value. */
  kind: 'element' | 'attribute' | 'value' | 'text';
  element: XmlElement;
  attribute?: XmlAttribute;
  /** The newest shipped release that lacks it. */
  after: string;
  /** The first shipped release that has it. */
  present: string;
}

let since: Record<string, string> | undefined;
/** The elements (keys) the table says anything about, as the build listed them: the walk skips the lookups of all others. */
let contexts: Set<string> | undefined;

/** Parts of `doc` that libvirt `host` (a normalised version) does not know, outermost first. */
export function tooNewFor(doc: XmlDocument, host: string): TooNew[] {
  since ??= JSON.parse(VOCABULARY_SINCE_JSON) as Record<string, string>;
  contexts ??= new Set(JSON.parse(VOCABULARY_CONTEXTS_JSON) as string[]);
  const table = since;
  const known = contexts;
  const out: TooNew[] = [];
  /** The release range of a key the host lacks, or undefined. */
  const gap = (key: string): { after: string; present: string } | undefined => {
    const present = table[key];
    if (present === undefined) return undefined;
    const i = SCHEMA_VERSIONS.indexOf(present);
    const after = SCHEMA_VERSIONS[i - 1];
    // Certain only for a host no newer than the last release without it.
    return compareVersions(host, after) <= 0 ? { after, present } : undefined;
  };
  // Indexed loops: this runs cold in a lint, where the interpreter makes an iterator per for-of.
  const walk = (el: XmlElement, key: string, scope: Scope) => {
    const listed = known.has(key);
    if (listed) {
      const attributes = el.attributes;
      for (let i = 0; i < attributes.length; i++) {
        const a = attributes[i];
        if (isNamespaceDeclaration(a.name)) continue;
        const name = attributeKey(a.name, scope);
        const g = gap(`${key}@${name}`);
        if (g) out.push({ kind: 'attribute', element: el, attribute: a, ...g });
        else {
          const v = gap(`${key}@${name}=${a.value.trim()}`);
          if (v) out.push({ kind: 'value', element: el, attribute: a, ...v });
        }
      }
    }
    const children = el.elements;
    if (listed && !children.length) {
      const t = gap(`${key}=${el.text()}`);
      if (t) out.push({ kind: 'text', element: el, ...t });
    }
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      const inner = declare(child, scope);
      const childKey = elementKey(child.name, inner);
      if (childKey === 'metadata') continue; // anything goes inside
      const g = listed ? gap(`${key}>${childKey}`) : undefined;
      if (g) out.push({ kind: 'element', element: child, ...g });
      else walk(child, childKey, inner);
    }
  };
  const scope = declare(doc.root, ROOT_SCOPE);
  walk(doc.root, elementKey(doc.root.name, scope), scope);
  return out;
}
