import { defineRule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';
import { archOf, isQemuDomain, isX86 } from '#domain/machine.js';
import { firmwareAutoselect, loaderOf } from '#domain/firmware.js';

export default defineRule({
  meta: {
    id: 'uefi-acpi-mismatch',
    description: 'UEFI firmware without <acpi/> on x86, or <acpi/> without UEFI on aarch64',
    severity: 'error',
    category: 'correctness',
    fixable: 'safe',
    messages: {
      uefiWithoutAcpi: 'UEFI firmware on an x86 guest without <acpi/>: libvirt refuses it: "UEFI requires ACPI on this architecture". Add <acpi/> to <features>.',
      acpiWithoutUefi:
        "<acpi/> on an aarch64 guest without UEFI firmware: libvirt refuses it: \"ACPI requires UEFI on this architecture\". Use <os firmware='efi'> (or a pflash UEFI loader), or remove <acpi/>.",
    },
    docs: {
      whatItDoes:
        "On QEMU/KVM domains, reports an x86 guest with UEFI firmware (`<os firmware='efi'>` or a `<loader type='pflash'>`) whose `<features>` lack `<acpi/>`, and an aarch64 guest with `<acpi/>` but no UEFI firmware.",
      whyIsThisBad:
        "OVMF on x86 needs ACPI tables to boot an operating system, and on aarch64 QEMU only provides ACPI through UEFI. libvirt refuses both combinations: \"UEFI requires ACPI on this architecture\" and \"ACPI requires UEFI on this architecture\". Hand-written and tool-generated XML (Terraform providers, scripts) often omit `<features>` entirely, because virt-install and virt-manager add `<acpi/>` implicitly.",
      example: `<os>
  <type arch='x86_64' machine='q35'>hvm</type>
  <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
  <boot dev='hd'/>
</os>
<features>
  <apic/>
</features>`,
      useInstead: `<features>
  <acpi/>
  <apic/>
</features>`,
      fixSafety:
        "x86: `--fix` adds `<acpi/>` as the first child of `<features>` (creating `<features>` after `</os>` when there is none); safe, every UEFI guest has it and the domain could not be defined without it. aarch64: removing `<acpi/>` is only a suggestion, since switching to `firmware='efi'` may be what you want.",
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefFeatures... "UEFI requires ACPI on this architecture" (x86: os firmware efi or a pflash loader, virDomainDefHasOldStyleUEFI) and "ACPI requires UEFI on this architecture" (aarch64)',
        'libvirt tests qemuxmlconfdata/firmware-manual-efi-noacpi-q35.xml and firmware-manual-noefi-acpi-aarch64.xml (expected errors)',
      ],
      notes: 'Without `<type arch>` libvirt uses the host architecture; virt-lint assumes x86_64 then.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    const uefi = firmwareAutoselect(domain)?.value === 'efi' || loaderOf(domain)?.attr('type') === 'pflash';
    const features = domain.child('features');
    const acpi = features?.child('acpi');

    if (isX86(domain) && uefi && !acpi) {
      const os = domain.child('os')!;
      const add: Fix = features
        ? { title: 'Add <acpi/> to <features>', safety: 'safe', edits: [fixer.prependChild(features, '<acpi/>')] }
        : { title: 'Add <features><acpi/></features>', safety: 'safe', edits: [fixer.insertAfter(os, '<features>\n  <acpi/>\n</features>')] };
      context.report({
        at: features ?? os,
        messageId: 'uefiWithoutAcpi',
        fixes: [add],
      });
      return;
    }

    if (archOf(domain) === 'aarch64' && acpi && !uefi) {
      context.report({
        at: acpi,
        messageId: 'acpiWithoutUefi',
        fixes: [{ title: 'Remove <acpi/>', safety: 'unsafe', edits: [fixer.removeElement(acpi)] }],
      });
    }
  },
});
