/** XML namespace lookups for the libvirt extension namespaces. */
import type { XmlElement } from '#engine/tree.js';

export const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';

/** The namespace URI `prefix` is bound to at `el`, walking up the ancestors. */
export function namespaceOf(el: XmlElement, prefix: string | undefined): string | undefined {
  const attrName = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const v = e.attr(attrName);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * `<qemu:commandline>` elements: children of `<domain>` named `commandline`
 * under any prefix. Whether the prefix is bound to the right URI is a separate
 * question (libvirt drops the element when it is not); rules that care check
 * `namespaceOf`.
 */
export function qemuCommandlines(domain: XmlElement): XmlElement[] {
  return domain.elements.filter((e) => e.localName === 'commandline' && e.prefix !== undefined);
}

/** The values of `<qemu:arg value='...'/>` in all command-line blocks, in order. */
export function qemuArgs(domain: XmlElement): { el: XmlElement; value: string }[] {
  const out: { el: XmlElement; value: string }[] = [];
  for (const cl of qemuCommandlines(domain)) {
    for (const arg of cl.elements) {
      if (arg.localName === 'arg') out.push({ el: arg, value: arg.attr('value') ?? '' });
    }
  }
  return out;
}
