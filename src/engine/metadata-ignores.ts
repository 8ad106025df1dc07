/**
 * Suppressions that survive libvirt: `virsh define` / `virsh edit` /
 * `dumpxml` drop every XML comment, but keep namespaced elements under
 * `<metadata>`:
 *
 *   <metadata>
 *     <vl:lint xmlns:vl="https://virt-lint.dev/xmlns/lint/1">
 *       <vl:ignore rule="qemu-911-spice-hda-audio" reason="..."/>
 *     </vl:lint>
 *   </metadata>
 *
 * Each `<vl:ignore>` turns its rules off for the whole domain. The prefix is
 * free; the namespace URI is what counts. libvirt keeps only the first element
 * of each namespace under `<metadata>` (checked with libvirt 9.0's test
 * driver), so everything goes into one `<vl:lint>`.
 */
import type { Range } from './source.js';
import type { XmlAttribute, XmlElement } from './tree.js';
import type { RuleRef } from './directives.js';
import type { MessageData } from './rule.js';
import type { InvalidSuppressionMessageId } from './suppression-messages.js';

/** The namespace of virt-lint's metadata element. Never dereferenced; it only names the vocabulary. */
export const LINT_NS = 'https://virt-lint.dev/xmlns/lint/1';

export interface MetadataIgnore {
  /** `<vl:ignore>`. */
  element: XmlElement;
  /** Its `<vl:lint>`. */
  container: XmlElement;
  attribute: XmlAttribute;
  ids: RuleRef[];
  reason?: string;
}

/** An `invalid-suppression` problem. */
export interface MetadataProblem {
  range: Range;
  messageId: InvalidSuppressionMessageId;
  data: MessageData;
}

export interface ParsedMetadata {
  ignores: MetadataIgnore[];
  problems: MetadataProblem[];
  /** `<vl:lint>` elements without any `<vl:ignore>`: unused. */
  empty: XmlElement[];
}

function namespaceUri(el: XmlElement): string | undefined {
  const attrName = el.prefix ? `xmlns:${el.prefix}` : 'xmlns';
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const v = e.attr(attrName);
    if (v !== undefined) return v;
  }
  return undefined;
}

const ours = (el: XmlElement) => namespaceUri(el) === LINT_NS;

/** `vl:lint`, `lint`: a name of virt-lint's vocabulary with the prefix `el` uses. */
export const prefixed = (el: XmlElement, localName: string) => (el.prefix ? `${el.prefix}:${localName}` : localName);

export function parseMetadataIgnores(domain: XmlElement): ParsedMetadata {
  const out: ParsedMetadata = { ignores: [], problems: [], empty: [] };
  const metadata = domain.childrenNamed('metadata');
  const containers: XmlElement[] = [];
  // Our elements anywhere else are dropped by libvirt.
  for (const el of domain.descendants()) {
    if ((el.localName !== 'lint' && el.localName !== 'ignore') || !ours(el)) continue;
    const parent = el.parent!;
    if (el.localName === 'lint' && parent.name === 'metadata' && parent.parent === domain) {
      containers.push(el);
    } else if (el.localName === 'ignore' && parent.localName === 'lint' && ours(parent)) {
      continue; // handled with its container
    } else if (el.localName === 'ignore' && parent.name === 'metadata') {
      out.problems.push({ range: el.startTag, messageId: 'ignoreOutsideLint', data: { element: el.name, lint: prefixed(el, 'lint') } });
    } else {
      out.problems.push({ range: el.startTag, messageId: 'outsideMetadata', data: { element: el.name } });
    }
  }
  if (metadata.length === 0) return out;

  containers.forEach((container, index) => {
    if (index > 0) {
      out.problems.push({ range: container.startTag, messageId: 'secondLint', data: { element: container.name, ignore: prefixed(container, 'ignore') } });
    }
    for (const child of container.elements) {
      if (child.localName !== 'ignore' || !ours(child)) {
        out.problems.push({ range: child.startTag, messageId: 'unknownElement', data: { element: child.name, lint: container.name, ignore: prefixed(container, 'ignore') } });
        continue;
      }
      const attribute = child.attribute('rule');
      const ids: RuleRef[] = [];
      if (attribute) {
        for (const m of attribute.rawValue.matchAll(/[^\s,]+/g)) {
          const start = attribute.valueRange.start + m.index!;
          ids.push({ id: m[0], range: { start, end: start + m[0].length } });
        }
      }
      if (!attribute || ids.length === 0) {
        out.problems.push({ range: child.startTag, messageId: 'ignoreNoRule', data: { element: child.name } });
        continue;
      }
      out.ignores.push({ element: child, container, attribute, ids, reason: child.attr('reason') || undefined });
    }
    if (container.elements.length === 0) out.empty.push(container);
  });
  return out;
}
