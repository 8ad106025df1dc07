/**
 * `<qemu:override>` (libvirt 8.2+, docs/drvqemu.rst "Overriding properties of
 * QEMU devices"): properties of the devices libvirt creates, set or removed
 * by the device's alias.
 *
 *   <qemu:override>
 *     <qemu:device alias='hostdev0'>
 *       <qemu:frontend>
 *         <qemu:property name='x-pci-sub-vendor-id' type='unsigned' value='6058'/>
 *       </qemu:frontend>
 *     </qemu:device>
 *   </qemu:override>
 */
import type { XmlElement } from '#engine/tree.js';
import { namespaceOf, QEMU_NS } from './namespaces.js';

/** Property types libvirt's grammar allows (domaincommon.rng qemuoverrideproperty). */
export type OverrideType = 'string' | 'signed' | 'unsigned' | 'bool' | 'remove';

/** Is `el` in libvirt's QEMU namespace, with this local name? */
function isQemu(el: XmlElement, localName: string): boolean {
  return el.localName === localName && el.prefix !== undefined && namespaceOf(el, el.prefix) === QEMU_NS;
}

/** The domain's `<qemu:override>` (libvirt reads one). */
export function qemuOverride(domain: XmlElement): XmlElement | undefined {
  return domain.elements.find((e) => isQemu(e, 'override'));
}

/** The `<qemu:device alias=...>` entry of an override. */
export function overrideDevice(override: XmlElement, alias: string): XmlElement | undefined {
  return override.elements.find((e) => isQemu(e, 'device') && e.attr('alias') === alias);
}

/** The `<qemu:frontend>` of an override's device entry. */
export function overrideFrontend(device: XmlElement): XmlElement | undefined {
  return device.elements.find((e) => isQemu(e, 'frontend'));
}

/** Every frontend property override: the device alias, the property's name and value. */
export function overrideProperties(domain: XmlElement): { alias: string; name: string; value: string | undefined; el: XmlElement }[] {
  const override = qemuOverride(domain);
  if (!override) return [];
  const out: { alias: string; name: string; value: string | undefined; el: XmlElement }[] = [];
  for (const device of override.elements.filter((e) => isQemu(e, 'device'))) {
    const frontend = overrideFrontend(device);
    for (const p of frontend?.elements.filter((e) => isQemu(e, 'property')) ?? []) {
      out.push({ alias: device.attr('alias') ?? '', name: p.attr('name') ?? '', value: p.attr('value'), el: p });
    }
  }
  return out;
}
