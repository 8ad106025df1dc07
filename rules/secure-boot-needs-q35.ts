import { defineRule } from '#engine/rule.js';
import { isQ35, isQemuDomain, isX86, machineOf } from '#domain/machine.js';
import { firmwareAutoselect, secureBootFeatureEnabled, secureLoaderAttr } from '#domain/firmware.js';

export default defineRule({
  meta: {
    id: 'secure-boot-needs-q35',
    description: 'Secure Boot firmware requested on an x86 machine type that is not q35',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      secureLoader:
        '<loader secure=\'yes\'> on machine type \'{{machine}}\': libvirt refuses it: "Secure boot is supported with q35 machine types only". ' +
        "Use a q35 machine type (machine='q35' for a new guest), or remove secure='yes' and use a non-Secure-Boot firmware.",
      secureBootFeature:
        "Firmware feature 'secure-boot' on machine type '{{machine}}': Secure Boot firmware is built for q35 only, so libvirt finds no firmware: " +
        "\"Unable to find 'efi' firmware that is compatible with the current configuration\". Use a q35 machine type, or set the feature to enabled='no'.",
    },
    docs: {
      whatItDoes:
        "On QEMU/KVM x86 domains, reports `<loader secure='yes'>`, or the firmware feature `secure-boot` enabled under `<os firmware='efi'>`, when `<type machine>` is not a q35 machine type (`pc`, `pc-i440fx-*`, `isapc`, ...).",
      whyIsThisBad:
        "QEMU can only protect the UEFI variable store with SMM on the q35 chipset, so libvirt refuses a secure loader on anything else: \"Secure boot is supported with q35 machine types only\". With firmware autoselection and the `secure-boot` feature, libvirt looks for a Secure Boot firmware descriptor for your machine type; the descriptors QEMU and the distributions ship list only `pc-q35-*`, so defining the domain fails with \"Unable to find 'efi' firmware that is compatible with the current configuration\".",
      example: `<os>
  <type arch='x86_64' machine='pc-i440fx-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.secboot.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/win11_VARS.fd</nvram>
</os>`,
      useInstead: `<os firmware='efi'>
  <type arch='x86_64' machine='q35'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
</os>`,
      fixSafety:
        'No fix: moving an installed guest from i440fx to q35 changes its whole virtual hardware (PCIe, SATA instead of IDE, different device addresses); drop Secure Boot instead if the guest must stay on i440fx.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefBoot: "Secure boot is supported with q35 machine types only" (qemuDomainIsQ35: machine q35 or pc-q35-*)',
        "libvirt src/qemu/qemu_firmware.c qemuFirmwareMatchDomain: a firmware whose descriptor does not list the machine type is skipped; no match -> \"Unable to find 'efi' firmware that is compatible with the current configuration\"",
        'QEMU pc-bios/descriptors/50-edk2-x86_64-secure.json: targets x86_64 machines ["pc-q35-*"], features requires-smm, secure-boot',
      ],
      notes:
        "The `secure-boot` feature case depends on the firmware descriptors installed on the host; every Secure Boot descriptor shipped by QEMU, Fedora and Debian lists only q35 machines. When `<type machine>` is not written, libvirt uses the emulator's default machine type (i440fx `pc` for qemu-system-x86_64); virt-lint does not guess and stays quiet.",
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain) || !isX86(domain)) return;
    const machine = machineOf(domain);
    if (machine === undefined || isQ35(domain)) return;
    const secure = secureLoaderAttr(domain);
    if (secure) {
      context.report({ at: secure, messageId: 'secureLoader', data: { machine } });
      return;
    }
    const feature = secureBootFeatureEnabled(domain);
    if (feature && firmwareAutoselect(domain)?.value === 'efi') {
      context.report({ at: feature, messageId: 'secureBootFeature', data: { machine } });
    }
  },
});
