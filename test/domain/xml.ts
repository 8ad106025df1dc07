/**
 * Small documents for the src/domain tests, parsed by the engine's own parser
 * so the helpers see exactly the tree rules see.
 */
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import type { XmlElement } from '#engine/tree.js';

export const QEMU_XMLNS = "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'";

/** The root element of `xml`; throws on a parse error (a broken fixture is a broken test). */
export function root(xml: string): XmlElement {
  const parsed = parseXml(new SourceText(xml));
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.error.message}`);
  return parsed.doc.root;
}

/** `<domain {attrs}>{inner}</domain>`. */
export function domain(inner: string, attrs = "type='kvm'"): XmlElement {
  return root(`<domain ${attrs}>${inner}</domain>`);
}

/** A KVM domain whose `<devices>` hold `devicesXml`; `extra` goes after `<devices>`. */
export function withDevices(devicesXml: string, extra = '', attrs = "type='kvm'"): XmlElement {
  return domain(`<devices>${devicesXml}</devices>${extra}`, attrs);
}

/** A KVM domain with `<os><type arch machine>hvm</type></os>` (attributes left out when undefined). */
export function withOs(arch: string | undefined, machine: string | undefined, type = 'kvm'): XmlElement {
  const a = arch === undefined ? '' : ` arch='${arch}'`;
  const m = machine === undefined ? '' : ` machine='${machine}'`;
  return domain(`<os><type${a}${m}>hvm</type></os>`, `type='${type}'`);
}

/** A domain with `<qemu:commandline>` holding one `<qemu:arg>` per value. */
export function withQemuArgs(...values: string[]): XmlElement {
  const args = values.map((v) => `<qemu:arg value="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`).join('');
  return domain(`<devices/><qemu:commandline>${args}</qemu:commandline>`, `type='kvm' ${QEMU_XMLNS}`);
}

/** The first element at `path` below `el`; throws when there is none. */
export function at(el: XmlElement, path: string): XmlElement {
  const found = el.first(path);
  if (!found) throw new Error(`fixture has no ${path}`);
  return found;
}
