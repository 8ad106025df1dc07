import { defineRule } from '#engine/rule.js';
import { firmwareFeature } from '#domain/firmware.js';

export default defineRule({
  meta: {
    id: 'firmware-enrolled-keys-without-secure-boot',
    description: "Firmware feature 'enrolled-keys' enabled while 'secure-boot' is disabled",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      keysWithoutSecureBoot:
        "Firmware feature 'enrolled-keys' is enabled but 'secure-boot' is disabled: libvirt refuses it: " +
        "\"firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled\". " +
        "Set enrolled-keys to enabled='no' for a guest without Secure Boot, or secure-boot to enabled='yes'.",
    },
    docs: {
      whatItDoes: "Reports `<feature name='enrolled-keys' enabled='yes'/>` under `<os><firmware>` when the same block has `<feature name='secure-boot' enabled='no'/>`.",
      whyIsThisBad:
        "Enrolled keys are the Secure Boot certificates pre-loaded in the variable store; they only exist in Secure Boot firmware. Asking for keys while refusing Secure Boot describes no firmware, and libvirt refuses the domain: \"firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled\".",
      example: `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='no' name='secure-boot'/>
  </firmware>
</os>`,
      useInstead: `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='no' name='enrolled-keys'/>
    <feature enabled='no' name='secure-boot'/>
  </firmware>
</os>`,
      fixSafety:
        "Suggestions only: disable `enrolled-keys` (no Secure Boot, the usual intent when `secure-boot` says no) or enable `secure-boot` (Secure Boot with Microsoft's keys, needed by Windows 11).",
      sources: [
        "libvirt 11.3 src/conf/domain_validate.c virDomainDefOSValidate: \"firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled\"",
        'libvirt tests qemuxmlconfdata/firmware-auto-efi-enrolled-keys-no-secboot.xml (expected error)',
        'libvirt docs/formatdomain.rst "BIOS bootloader": enrolled-keys "Valid only for firmwares with Secure Boot feature"',
      ],
      notes:
        "libvirt only runs this check when `<os firmware=...>` is set; without it, `firmware-features-without-autoselect` reports the block first. virt-lint reports both, since adding `firmware='efi'` alone leaves this conflict.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const keys = firmwareFeature(domain, 'enrolled-keys');
    const sb = firmwareFeature(domain, 'secure-boot');
    const keysOn = keys?.attribute('enabled');
    const sbOn = sb?.attribute('enabled');
    if (!keys || !sb || keysOn?.value !== 'yes' || sbOn?.value !== 'no') return;
    context.report({
      at: keys,
      messageId: 'keysWithoutSecureBoot',
      fixes: [
        { title: "Set enrolled-keys to enabled='no'", safety: 'unsafe', edits: [fixer.replaceAttributeValue(keysOn, 'no')] },
        { title: "Set secure-boot to enabled='yes'", safety: 'unsafe', edits: [fixer.replaceAttributeValue(sbOn, 'yes')] },
      ],
    });
  },
});
