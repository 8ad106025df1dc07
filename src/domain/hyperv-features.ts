/**
 * Hyper-V enlightenments as libvirt writes them (`<features><hyperv>`,
 * docs/formatdomain.rst "Hypervisor features") and the QEMU `hv-*` properties
 * they become (libvirt src/qemu/qemu_command.c; `<timer name='hypervclock'>`
 * is `hv-time`).
 */
import type { XmlElement } from '../engine/tree.js';

/**
 * A feature as this module names it: the libvirt element under `<hyperv>`,
 * a nested one (`stimer/direct`, `tlbflush/direct`, `tlbflush/extended`), or
 * `hypervclock` for the clock timer.
 */
export type HypervFeature = string;

/**
 * QEMU's own description of each feature, as its "Hyper-V %s requires
 * Hyper-V %s" error prints it (QEMU target/i386/kvm/kvm.c kvm_hyperv_properties).
 */
export const QEMU_HV_DESC: Record<HypervFeature, string> = {
  relaxed: 'relaxed timing (hv-relaxed)',
  vapic: 'virtual APIC (hv-vapic)',
  hypervclock: 'clocksources (hv-time)',
  vpindex: 'VP_INDEX MSR (hv-vpindex)',
  runtime: 'VP_RUNTIME MSR (hv-runtime)',
  synic: 'synthetic interrupt controller (hv-synic)',
  stimer: 'synthetic timers (hv-stimer)',
  reset: 'reset MSR (hv-reset)',
  frequencies: 'frequency MSRs (hv-frequencies)',
  reenlightenment: 'reenlightenment MSRs (hv-reenlightenment)',
  tlbflush: 'paravirtualized TLB flush (hv-tlbflush)',
  ipi: 'paravirtualized IPI (hv-ipi)',
  evmcs: 'enlightened VMCS (hv-evmcs)',
  'stimer/direct': 'direct mode synthetic timers (hv-stimer-direct)',
  'tlbflush/extended': 'Extended gva ranges for TLB flush hypercalls (hv-tlbflush-ext)',
  'tlbflush/direct': 'direct TLB flush (hv-tlbflush-direct)',
};

/**
 * What each feature needs enabled, or QEMU refuses to start with "Hyper-V X
 * requires Hyper-V Y" (QEMU 10.2 target/i386/kvm/kvm.c: `.dependencies` of
 * kvm_hyperv_properties, plus the separate synic -> vpindex check in
 * kvm_hyperv_expand_features).
 */
export const HYPERV_DEPENDENCIES: Record<HypervFeature, HypervFeature[]> = {
  stimer: ['synic', 'hypervclock'],
  synic: ['vpindex'],
  tlbflush: ['vpindex'],
  ipi: ['vpindex'],
  evmcs: ['vapic'],
  'stimer/direct': ['stimer'],
  'tlbflush/extended': ['tlbflush'],
  'tlbflush/direct': ['vapic'],
};

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

/**
 * The libvirt release that introduced each `<hyperv>` child (docs/formatdomain.rst
 * "Hypervisor features" table; avic, emsr_bitmap and xmm_input from NEWS v8.10.0
 * and v10.7.0). libvirt parses `<hyperv>` strictly: an older release refuses
 * the domain. Nested elements (`<stimer><direct>` 5.7.0, `<tlbflush><direct>` and
 * `<extended>` 11.0.0) are listed by libvirt-feature-too-new.
 */
export const HYPERV_FEATURES_SINCE: readonly (readonly [HypervFeature, string])[] = [
  ['relaxed', '1.0.0'],
  ['vapic', '1.1.0'],
  ['spinlocks', '1.1.0'],
  ['vpindex', '1.3.3'],
  ['runtime', '1.3.3'],
  ['synic', '1.3.3'],
  ['stimer', '1.3.3'],
  ['reset', '1.3.3'],
  ['vendor_id', '1.3.3'],
  ['frequencies', '4.7.0'],
  ['reenlightenment', '4.7.0'],
  ['tlbflush', '4.7.0'],
  ['ipi', '4.10.0'],
  ['evmcs', '4.10.0'],
  ['avic', '8.10.0'],
  ['emsr_bitmap', '10.7.0'],
  ['xmm_input', '10.7.0'],
];
