import { defineRule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';
import type { XmlElement } from '#engine/tree.js';
import type { Fixer } from '#engine/fixer.js';
import { archOf, isQemuDomain } from '#domain/machine.js';
import { firmwareAutoselect, secureBootFeatureEnabled, secureLoaderAttr, smmState } from '#domain/firmware.js';

const MANUAL_REFUSED =
  ": libvirt refuses it: \"Secure boot requires SMM feature enabled\". Add <smm state='on'/> to <features>, or let libvirt pick the firmware with <os firmware='efi'>.";
const AUTOSELECT_FINDS_NONE =
  " with <smm state='off'/>: every Secure Boot firmware requires SMM, so autoselection finds none: " +
  "\"Unable to find 'efi' firmware that is compatible with the current configuration\". Set <smm state='on'/> (or remove the <smm> element and let libvirt decide).";

export default defineRule({
  meta: {
    id: 'secure-boot-needs-smm',
    description: 'Secure Boot firmware without System Management Mode (<smm state=\'on\'/>) where libvirt does not turn it on itself',
    severity: 'error',
    category: 'correctness',
    fixable: 'safe',
    messages: {
      secureLoaderWithoutSmm: "<loader secure='yes'> without <smm state='on'/>" + MANUAL_REFUSED,
      secureLoaderSmmOff: "<loader secure='yes'> without SMM (<smm state='off'/>)" + MANUAL_REFUSED,
      autoselectLoaderSmmOff: "<loader secure='yes'>" + AUTOSELECT_FINDS_NONE,
      autoselectFeatureSmmOff: "Firmware feature 'secure-boot'" + AUTOSELECT_FINDS_NONE,
    },
    docs: {
      whatItDoes:
        "On QEMU/KVM x86_64 domains, reports a Secure Boot request without SMM: `<loader secure='yes'>` with a manually chosen firmware (no `<os firmware>`) and no `<smm state='on'/>` under `<features>`; or, with firmware autoselection (`<os firmware='efi'>`), `<loader secure='yes'>` or the `secure-boot` firmware feature together with an explicit `<smm state='off'/>`. Autoselection without any `<smm>` element is fine: libvirt enables SMM itself when the chosen firmware requires it.",
      whyIsThisBad:
        "Secure Boot builds of OVMF protect their variable store through SMM. With a manual loader libvirt refuses the domain: \"Secure boot requires SMM feature enabled\". With autoselection and SMM explicitly off, every Secure Boot firmware is discarded (its descriptor says `requires-smm`) and so is every firmware without SMM (because `secure='yes'` asks for it), so defining the domain fails with \"Unable to find 'efi' firmware that is compatible with the current configuration\".",
      example: `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <nvram template='/usr/share/edk2/ovmf/OVMF_VARS.secboot.fd'>/var/lib/libvirt/qemu/nvram/win11_VARS.fd</nvram>
</os>
<features>
  <acpi/>
  <apic/>
</features>`,
      useInstead: `<features>
  <acpi/>
  <apic/>
  <smm state='on'/>
</features>`,
      fixSafety:
        "When `<smm>` is missing, the fix adds `<smm state='on'/>` as the last child of `<features>`: safe, it is what Secure Boot needs and what virt-manager writes. When SMM is explicitly `off`, turning it on is only offered as a suggestion (someone chose off on purpose).",
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefBoot: "Secure boot requires SMM feature enabled" (only when os firmware is not set: "SMM will be enabled by qemuFirmwareFillDomain() if needed")',
        'libvirt src/qemu/qemu_firmware.c qemuFirmwareMatchDomain: requires-smm firmware is skipped when the domain disables SMM; firmware without SMM is skipped when loader secure=yes',
        'QEMU pc-bios/descriptors/50-edk2-x86_64-secure.json: the Secure Boot build has feature requires-smm',
        'libvirt docs/formatdomain.rst "Hypervisor features": smm "values on, off, default on"',
      ],
      notes:
        "The autoselection case with only the `secure-boot` feature depends on the host's firmware descriptors; all Secure Boot builds shipped for x86 by QEMU, Fedora and Debian require SMM.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    const arch = archOf(domain);
    if (arch !== undefined && arch !== 'x86_64') return;
    const autoselect = firmwareAutoselect(domain)?.value;
    const smm = smmState(domain);
    const secure = secureLoaderAttr(domain);

    if (autoselect === undefined) {
      if (!secure || smm === 'on') return;
      context.report({
        at: secure,
        messageId: smm === 'off' ? 'secureLoaderSmmOff' : 'secureLoaderWithoutSmm',
        fixes: smmFixes(domain, fixer),
      });
      return;
    }

    if (autoselect !== 'efi' || smm !== 'off') return;
    const feature = secureBootFeatureEnabled(domain);
    const at = secure ?? feature;
    if (!at) return;
    context.report({
      at,
      messageId: secure ? 'autoselectLoaderSmmOff' : 'autoselectFeatureSmmOff',
      fixes: smmFixes(domain, fixer),
    });
  },
});

function smmFixes(domain: XmlElement, fixer: Fixer): Fix[] {
  const smm = domain.first('features/smm');
  const state = smm?.attribute('state');
  if (smm && state) {
    return [{ title: "Set <smm state='on'/>", safety: 'unsafe', edits: [fixer.replaceAttributeValue(state, 'on')] }];
  }
  const features = domain.child('features');
  if (!smm && features) {
    return [{ title: "Add <smm state='on'/> to <features>", safety: 'safe', edits: [fixer.appendChild(features, "<smm state='on'/>")] }];
  }
  return [];
}
