/** XML namespace lookups for the libvirt extension namespaces. */
import { memoize } from '#shared/memo.js';
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

/** The namespace URI of an element: the one its prefix (or, without one, the default namespace) is bound to. */
export function elementNamespace(el: XmlElement): string | undefined {
  return namespaceOf(el, el.prefix);
}

/**
 * `<qemu:commandline>` elements as libvirt finds them: children of `<domain>`
 * named `commandline` in the QEMU namespace, whatever the prefix (libvirt
 * looks them up by URI: `./qemu:commandline` with its own binding of
 * `qemu`), so also `<commandline xmlns='...qemu/1.0'>`. A prefix bound to
 * another URI, or not bound at all, does not match: libvirt drops that block
 * (qemu-namespace-missing reports it).
 */
export const qemuCommandlines: (domain: XmlElement) => readonly XmlElement[] = memoize((domain) =>
  domain.elements.filter((e) => e.localName === 'commandline' && elementNamespace(e) === QEMU_NS),
);

/**
 * The values of the `<qemu:arg value='...'/>` in all command-line blocks, in
 * order: children named `arg` in the QEMU namespace (an unprefixed `<arg>`
 * inside `<qemu:commandline>` is in no namespace and libvirt skips it).
 */
export const qemuArgs: (domain: XmlElement) => readonly { readonly el: XmlElement; readonly value: string }[] = memoize((domain) => {
  const out: { el: XmlElement; value: string }[] = [];
  for (const cl of qemuCommandlines(domain)) {
    for (const arg of cl.elements) {
      if (arg.localName === 'arg' && elementNamespace(arg) === QEMU_NS) out.push({ el: arg, value: arg.attr('value') ?? '' });
    }
  }
  return out;
});
