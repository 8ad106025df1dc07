/**
 * Hyper-V enlightenments as libvirt writes them (`<features><hyperv>`,
 * docs/formatdomain.rst "Hypervisor features") and the QEMU `hv-*` properties
 * they become (libvirt src/qemu/qemu_command.c; `<timer name='hypervclock'>`
 * is `hv-time`).
 */
import type { XmlElement } from '#engine/tree.js';

/**
 * A feature as this module names it: the libvirt element under `<hyperv>`,
 * a nested one (`stimer/direct`, `tlbflush/direct`, `tlbflush/extended`), or
 * `hypervclock` for the clock timer.
 */
export type HypervFeature = string;

export interface HypervFeatureInfo {
  name: HypervFeature;
  /**
   * The first libvirt release that parses it (docs/formatdomain.rst
   * "Hypervisor features", hyperv table; NEWS.rst for 10.7.0 and 11.0.0).
   */
  libvirtSince?: string;
  /**
   * QEMU's own description, as its "Hyper-V %s requires Hyper-V %s" error
   * prints it (QEMU target/i386/kvm/kvm.c kvm_hyperv_properties).
   */
  qemuDescription?: string;
  /**
   * What it needs enabled, or QEMU refuses to start with "Hyper-V X requires
   * Hyper-V Y" (QEMU 10.2 target/i386/kvm/kvm.c: `.dependencies` of
   * kvm_hyperv_properties, plus the separate synic -> vpindex check in
   * kvm_hyperv_expand_features).
   */
  requires?: HypervFeature[];
  /**
   * In the set QEMU's docs/system/i386/hyperv.rst recommends for Windows
   * guests and virt-manager enables for new ones (the hypervclock timer is
   * recommended too, and checked on its own).
   */
  recommended?: boolean;
}

/** Every Hyper-V feature virt-lint knows, in the order of libvirt's docs. */
export const HYPERV_FEATURES: readonly HypervFeatureInfo[] = [
  { name: 'relaxed', libvirtSince: '1.0.0', qemuDescription: 'relaxed timing (hv-relaxed)', recommended: true },
  { name: 'vapic', libvirtSince: '1.1.0', qemuDescription: 'virtual APIC (hv-vapic)', recommended: true },
  { name: 'spinlocks', libvirtSince: '1.1.0', recommended: true },
  { name: 'vpindex', libvirtSince: '1.3.3', qemuDescription: 'VP_INDEX MSR (hv-vpindex)', recommended: true },
  { name: 'runtime', libvirtSince: '1.3.3', qemuDescription: 'VP_RUNTIME MSR (hv-runtime)', recommended: true },
  { name: 'synic', libvirtSince: '1.3.3', qemuDescription: 'synthetic interrupt controller (hv-synic)', requires: ['vpindex'], recommended: true },
  { name: 'stimer', libvirtSince: '1.3.3', qemuDescription: 'synthetic timers (hv-stimer)', requires: ['synic', 'hypervclock'], recommended: true },
  { name: 'reset', libvirtSince: '1.3.3', qemuDescription: 'reset MSR (hv-reset)' },
  { name: 'vendor_id', libvirtSince: '1.3.3' },
  { name: 'frequencies', libvirtSince: '4.7.0', qemuDescription: 'frequency MSRs (hv-frequencies)', recommended: true },
  { name: 'reenlightenment', libvirtSince: '4.7.0', qemuDescription: 'reenlightenment MSRs (hv-reenlightenment)' },
  { name: 'tlbflush', libvirtSince: '4.7.0', qemuDescription: 'paravirtualized TLB flush (hv-tlbflush)', requires: ['vpindex'], recommended: true },
  { name: 'ipi', libvirtSince: '4.10.0', qemuDescription: 'paravirtualized IPI (hv-ipi)', requires: ['vpindex'], recommended: true },
  { name: 'evmcs', libvirtSince: '4.10.0', qemuDescription: 'enlightened VMCS (hv-evmcs)', requires: ['vapic'] },
  { name: 'avic', libvirtSince: '8.10.0' },
  { name: 'emsr_bitmap', libvirtSince: '10.7.0' },
  { name: 'xmm_input', libvirtSince: '10.7.0' },
  { name: 'stimer/direct', libvirtSince: '5.7.0', qemuDescription: 'direct mode synthetic timers (hv-stimer-direct)', requires: ['stimer'] },
  { name: 'tlbflush/direct', libvirtSince: '11.0.0', qemuDescription: 'direct TLB flush (hv-tlbflush-direct)', requires: ['vapic'] },
  { name: 'tlbflush/extended', libvirtSince: '11.0.0', qemuDescription: 'Extended gva ranges for TLB flush hypercalls (hv-tlbflush-ext)', requires: ['tlbflush'] },
  { name: 'hypervclock', qemuDescription: 'clocksources (hv-time)' },
];

const byName = new Map(HYPERV_FEATURES.map((f) => [f.name, f]));

/** The table's entry for a feature (every name used in code is in the table). */
export function hypervFeature(name: HypervFeature): HypervFeatureInfo {
  const info = byName.get(name);
  if (!info) throw new Error(`unknown Hyper-V feature '${name}'`);
  return info;
}

/** QEMU's description of each feature, by name. */
export const QEMU_HV_DESC: Record<HypervFeature, string> = Object.fromEntries(
  HYPERV_FEATURES.filter((f) => f.qemuDescription).map((f) => [f.name, f.qemuDescription!]),
);

/** What each feature needs enabled, by name. */
export const HYPERV_DEPENDENCIES: Record<HypervFeature, HypervFeature[]> = Object.fromEntries(
  HYPERV_FEATURES.filter((f) => f.requires).map((f) => [f.name, f.requires!]),
);

/** The `<hyperv>` children recommended for Windows guests, in the table's order. */
export const RECOMMENDED_FOR_WINDOWS: readonly HypervFeature[] = HYPERV_FEATURES.filter((f) => f.recommended).map((f) => f.name);

export function hypervElement(domain: XmlElement): XmlElement | undefined {
  return domain.first('features/hyperv');
}

/** `<hyperv mode='passthrough'>` enables every feature the host supports (libvirt 8.0+). */
export function hypervPassthrough(domain: XmlElement): boolean {
  return hypervElement(domain)?.attr('mode') === 'passthrough';
}

/** `<timer name='hypervclock'>` under `<clock>`. */
export function hypervClockTimer(domain: XmlElement): XmlElement | undefined {
  return domain.select('clock/timer').find((t) => t.attr('name') === 'hypervclock');
}

/** The element that controls a feature, when written. */
export function featureElement(domain: XmlElement, feature: HypervFeature): XmlElement | undefined {
  if (feature === 'hypervclock') return hypervClockTimer(domain);
  const hyperv = hypervElement(domain);
  if (!hyperv) return undefined;
  const [outer, inner] = feature.split('/');
  const el = hyperv.child(outer);
  return inner ? el?.child(inner) : el;
}

/** Is the feature turned on (`state='on'`; for the timer `present='yes'`)? */
export function featureEnabled(domain: XmlElement, feature: HypervFeature): boolean {
  const el = featureElement(domain, feature);
  if (!el) return false;
  if (feature === 'hypervclock') return (el.attr('present') ?? 'yes') === 'yes';
  return el.attr('state') === 'on';
}

/** The XML that turns a feature on, as virt-manager writes it. */
export function featureXml(feature: HypervFeature): string {
  if (feature === 'hypervclock') return "<timer name='hypervclock' present='yes'/>";
  if (feature === 'spinlocks') return "<spinlocks state='on' retries='8191'/>";
  return `<${feature.split('/').pop()} state='on'/>`;
}

/** Is the guest Windows, by the libosinfo metadata virt-manager and virt-install write? */
export function libosinfoId(domain: XmlElement): string | undefined {
  const metadata = domain.child('metadata');
  if (!metadata) return undefined;
  for (const el of metadata.descendants()) {
    if (el.localName === 'os' && el.prefix !== undefined) {
      const id = el.attr('id');
      if (id) return id;
    }
  }
  return undefined;
}

export function isWindowsGuest(domain: XmlElement): boolean {
  return /^http:\/\/microsoft\.com\/win\//.test(libosinfoId(domain) ?? '');
}
