import { versionAtLeast } from '#engine/version.js';
import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

/**
 * The oldest QEMU each libvirt release accepts, newest first (libvirt
 * NEWS.rst "Removed features": v12.4.0, v11.2.0, v10.6.0, v8.7.0, v8.3.0, v7.4.0).
 */
const LIBVIRT_MIN_QEMU: readonly { libvirt: string; qemu: string }[] = [
  { libvirt: '12.4.0', qemu: '7.2.0' },
  { libvirt: '11.2.0', qemu: '6.2.0' },
  { libvirt: '10.6.0', qemu: '5.2.0' },
  { libvirt: '8.7.0', qemu: '4.2.0' },
  { libvirt: '8.3.0', qemu: '3.1.0' },
  { libvirt: '7.4.0', qemu: '2.11.0' },
];

export default defineRule({
  meta: {
    id: 'libvirt-qemu-too-old',
    description: "The host's libvirt no longer supports the host's QEMU version",
    severity: 'error',
    category: 'compatibility',
    fixable: false,
    requires: { libvirt: '*', qemu: '*' },
    messages: {
      qemuTooOld:
        'libvirt {{libvirt}} requires QEMU {{minimum}} or newer (support for older QEMU was removed in libvirt {{removedIn}}), but the host runs QEMU {{qemu}}: ' +
        'libvirt refuses this emulator, so the domain can be neither defined nor started. Upgrade QEMU to {{minimum}} or later, or use a libvirt older than {{removedIn}}.',
    },
    docs: {
      whatItDoes:
        "For QEMU/KVM domains, compares the host's QEMU with the oldest QEMU the host's libvirt supports: QEMU 7.2 for libvirt 12.4 and later, 6.2 for 11.2, 5.2 for 10.6, 4.2 for 8.7, 3.1 for 8.3, 2.11 for 7.4. It reports at `<emulator>` (or the `<domain>` tag).",
      whyIsThisBad:
        "libvirt probes the emulator's version and refuses a QEMU older than its minimum, so no domain of the QEMU driver can be defined or started on that host. It happens when libvirt is upgraded (or built from source, or taken from backports) but QEMU is not.",
      example: `<emulator>/usr/bin/qemu-system-x86_64</emulator>   <!-- libvirt 11.3.0 with QEMU 5.2.0 -->`,
      useInstead: '<!-- upgrade QEMU to 6.2 or later, or use a libvirt older than 11.2.0 -->',
      fixSafety: 'No fix: this is about the host, not the XML.',
      sources: [
        'libvirt NEWS.rst v12.4.0 "qemu: Bump minimum version to QEMU-7.2", v11.2.0 "Remove support for qemu-6.1 and older", v10.6.0 "qemu: Require QEMU-5.2.0 or newer", v8.7.0 "qemu: Remove support for QEMU < 4.2", v8.3.0 "qemu: Remove support for QEMU < 3.1", v7.4.0 "qemu: Remove support for QEMU < 2.11"',
        'libvirt src/qemu/qemu_capabilities.c: QEMU_MIN_MAJOR / QEMU_MIN_MINOR checked when probing the emulator',
      ],
      notes:
        "The exact wording of libvirt's error is not quoted because it was not verified. The QEMU version is the one given to virt-lint; a domain whose `<emulator>` points to another QEMU build is judged by that same version.",
    },
  },
  create(context) {
    const { domain, host } = context;
    if (!isQemuDomain(domain) || !host.libvirt || !host.qemu) return;
    const floor = LIBVIRT_MIN_QEMU.find((e) => versionAtLeast(host.libvirt!.version, e.libvirt));
    if (!floor || versionAtLeast(host.qemu.version, floor.qemu)) return;
    const emulator = domain.first('devices/emulator');
    context.report({
      at: emulator ?? domain,
      messageId: 'qemuTooOld',
      data: { libvirt: host.libvirt.version, minimum: short(floor.qemu), removedIn: floor.libvirt, qemu: host.qemu.version },
    });
  },
});

function short(version: string): string {
  return version.replace(/\.0$/, '');
}
