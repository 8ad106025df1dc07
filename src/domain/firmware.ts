/**
 * Firmware settings under `<os>` as libvirt reads them (libvirt 11.3
 * src/conf/domain_conf.c virDomainDefParseBootLoaderOptions /
 * virDomainLoaderDefParseXML; docs/formatdomain.rst "BIOS bootloader").
 */
import type { XmlAttribute, XmlElement } from '#engine/tree.js';
import type { HostRequirements as RuleRequirements } from '#engine/host-facts.js';
import { rawText } from './platform.js';

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

/**
 * The firmware path written as the `<loader>` text ('' when there is none),
 * untrimmed as libvirt reads it: `virsh define` keeps `<loader> </loader>`
 * (a path of one space) and refuses only an empty loader.
 */
export function loaderPath(loader: XmlElement): string {
  return rawText(loader);
}

/**
 * Whether `<nvram>` names an NVRAM store: a path as its text, or a `type`
 * (file/block/network) with a `<source>`. An empty `<nvram/>` or one that only
 * carries `template` does not (libvirt then creates no NVRAM source).
 */
export function nvramHasStore(nvram: XmlElement | undefined): boolean {
  if (!nvram) return false;
  // Untrimmed, as for the loader: `virsh define` keeps <nvram> </nvram> and drops <nvram></nvram>.
  return rawText(nvram) !== '' || nvram.attribute('type') !== undefined || nvram.child('source') !== undefined;
}

/** `<os><firmware><feature name=... enabled=...>` elements. */
export function firmwareFeatures(domain: XmlElement): readonly XmlElement[] {
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

/**
 * What adding `<os firmware='...'>` to this domain needs. libvirt before 9.2.0
 * refuses manual firmware settings next to autoselection ("loader attribute
 * 'readonly' cannot be specified when firmware autoselection is enabled",
 * likewise `type`, `secure='no'` and a loader path, which implies a type;
 * "nvram attribute 'template' cannot be specified ..."), as libvirt 9.0.0's
 * generic parser (`virsh -c test:///... define`) reports them; `secure='yes'`,
 * `stateless`, `format` and an NVRAM path pass. libvirt 9.2.0 made the
 * selection persistent (NEWS v9.2.0 "qemu: Make firmware selection
 * persistent"), recording the chosen firmware in these very attributes, and
 * accepts them (libvirt issue #81 shows such a domain on 9.2.0).
 */
export function autoselectRequirements(domain: XmlElement): RuleRequirements {
  const loader = loaderOf(domain);
  const secure = loader?.attr('secure');
  const refusedBefore920 =
    (loader !== undefined && (loader.attribute('readonly') !== undefined || loader.attribute('type') !== undefined || loaderPath(loader) !== '' || (secure !== undefined && secure !== 'yes'))) ||
    nvramOf(domain)?.attribute('template') !== undefined;
  // Without such settings: autoselection itself, "Since 5.2.0 (QEMU and KVM only)" (formatdomain.rst "BIOS bootloader").
  return { libvirt: refusedBefore920 ? '>=9.2.0' : '>=5.2.0' };
}
