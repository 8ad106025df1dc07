/**
 * Firmware settings under `<os>` as libvirt reads them (libvirt 11.3
 * src/conf/domain_conf.c virDomainDefParseBootLoaderOptions /
 * virDomainLoaderDefParseXML; docs/formatdomain.rst "BIOS bootloader").
 */
import type { XmlAttribute, XmlElement } from '../engine/tree.js';

/** `<os firmware='efi|bios'>`: firmware autoselection (libvirt 5.2+, QEMU driver). */
export function firmwareAutoselect(domain: XmlElement): XmlAttribute | undefined {
  return domain.child('os')?.attribute('firmware');
}

/** The `<loader>` libvirt uses: the first one under `<os>`. */
export function loaderOf(domain: XmlElement): XmlElement | undefined {
  return domain.first('os/loader');
}

export function nvramOf(domain: XmlElement): XmlElement | undefined {
  return domain.first('os/nvram');
}

/** The firmware path written as the `<loader>` text ('' when there is none). */
export function loaderPath(loader: XmlElement): string {
  return loader.text();
}

/**
 * Whether `<nvram>` names an NVRAM store: a path as its text, or a `type`
 * (file/block/network) with a `<source>`. An empty `<nvram/>` or one that only
 * carries `template` does not (libvirt then creates no NVRAM source).
 */
export function nvramHasStore(nvram: XmlElement | undefined): boolean {
  if (!nvram) return false;
  return nvram.text() !== '' || nvram.attribute('type') !== undefined || nvram.child('source') !== undefined;
}

/** `<os><firmware><feature name=... enabled=...>` elements. */
export function firmwareFeatures(domain: XmlElement): XmlElement[] {
  return domain.select('os/firmware/feature');
}

/** The feature element with this name (the last wins, as libvirt overwrites earlier ones). */
export function firmwareFeature(domain: XmlElement, name: string): XmlElement | undefined {
  const found = firmwareFeatures(domain).filter((f) => f.attr('name') === name);
  return found[found.length - 1];
}

/** `<smm>` state: `<smm/>` means on (docs: "values on, off, default on"); undefined when absent. */
export function smmState(domain: XmlElement): 'on' | 'off' | undefined {
  const smm = domain.first('features/smm');
  if (!smm) return undefined;
  return smm.attr('state') === 'off' ? 'off' : 'on';
}

/** A secure-boot request: `<loader secure='yes'>` or firmware feature `secure-boot` enabled. */
export function secureLoaderAttr(domain: XmlElement): XmlAttribute | undefined {
  const secure = loaderOf(domain)?.attribute('secure');
  return secure?.value === 'yes' ? secure : undefined;
}

export function secureBootFeatureEnabled(domain: XmlElement): XmlElement | undefined {
  const f = firmwareFeature(domain, 'secure-boot');
  return f?.attr('enabled') === 'yes' ? f : undefined;
}
