import { defineRule } from '#engine/rule.js';
import { archOf, isQemuDomain } from '#domain/machine.js';
import { secureLoaderAttr } from '#domain/firmware.js';

export default defineRule({
  meta: {
    id: 'secure-boot-x86-64-only',
    description: "<loader secure='yes'> on a guest architecture other than x86_64",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      unsupportedArch:
        '<loader secure=\'yes\'> on a guest of architecture {{arch}}: libvirt refuses it: "Secure boot is supported for x86_64 architecture only". ' +
        "Remove secure='yes' (and use a firmware build without Secure Boot), or make the guest x86_64.",
    },
    docs: {
      whatItDoes:
        "On QEMU/KVM domains, reports `<loader secure='yes'>` when `<type arch>` is written and is not `x86_64` (for example `i686`, `aarch64`).",
      whyIsThisBad:
        "`secure='yes'` asks QEMU to restrict writes to the firmware's flash to SMM, which libvirt implements for 64-bit x86 only. libvirt refuses anything else: \"Secure boot is supported for x86_64 architecture only\".",
      example: `<os>
  <type arch='i686' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf-ia32/OVMF_CODE.secboot.fd</loader>
</os>`,
      useInstead: `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
</os>`,
      fixSafety: 'No fix: the architecture and the firmware image must change together.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefBoot: "Secure boot is supported for x86_64 architecture only"',
        'libvirt docs/formatdomain.rst "BIOS bootloader" (loader secure attribute, since 2.1.0)',
      ],
      notes:
        "libvirt checks the machine type first; on an i686 guest that is not q35 it reports the q35 message (see `secure-boot-needs-q35`) before this one. libvirt 12.1 added Secure Boot for aarch64 `virt` guests through the uefi-vars device, enabled with the `secure-boot` firmware feature rather than `secure='yes'`; whether newer libvirt relaxes this check for `secure='yes'` was not verified, so a domain with `<varstore>` is not reported. Without `arch`, libvirt uses the host's architecture; virt-lint assumes x86_64.",
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const arch = archOf(domain);
    if (arch === undefined || arch === 'x86_64') return;
    if (domain.first('os/varstore')) return;
    const secure = secureLoaderAttr(domain);
    if (!secure) return;
    context.report({ at: secure, messageId: 'unsupportedArch', data: { arch } });
  },
});
