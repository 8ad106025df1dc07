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

export interface MetadataProblem {
  range: Range;
  message: string;
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
      out.problems.push({ range: el.startTag, message: `<${el.name}> must stand inside <${el.prefix ? `${el.prefix}:` : ''}lint> (libvirt keeps only one element per namespace under <metadata>); it is ignored` });
    } else {
      out.problems.push({ range: el.startTag, message: `<${el.name}> in virt-lint's namespace belongs in <domain><metadata>, where libvirt keeps it; here it is ignored` });
    }
  }
  if (metadata.length === 0) return out;

  containers.forEach((container, index) => {
    if (index > 0) {
      out.problems.push({
        range: container.startTag,
        message: `a second <${container.name}>: libvirt keeps only the first element of a namespace under <metadata> and drops this one on \`virsh define\`; move its <${container.prefix ? `${container.prefix}:` : ''}ignore> elements into the first`,
      });
    }
    for (const child of container.elements) {
      if (child.localName !== 'ignore' || !ours(child)) {
        out.problems.push({ range: child.startTag, message: `unknown element <${child.name}> in <${container.name}>; expected <${container.prefix ? `${container.prefix}:` : ''}ignore rule='rule-id' reason='...'/>` });
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
        out.problems.push({ range: child.startTag, message: `<${child.name}> needs a rule attribute naming the rule(s) to turn off: rule='rule-id'` });
        continue;
      }
      out.ignores.push({ element: child, container, attribute, ids, reason: child.attr('reason') || undefined });
    }
    if (container.elements.length === 0) out.empty.push(container);
  });
  return out;
}
