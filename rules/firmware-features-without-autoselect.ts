import { defineRule } from '#engine/rule.js';
import { autoselectRequirements, firmwareAutoselect, firmwareFeatures } from '#domain/firmware.js';

/** What follows the count of features: libvirt's refusal and the two ways out. */
const REFUSED =
  ' but <os> has no firmware attribute: libvirt refuses it: "cannot use feature-based firmware autoselection when firmware autoselection is disabled". ' +
  "Add firmware='efi' to <os> to let libvirt pick the firmware, or remove the <firmware> block to keep your manual <loader>.";

export default defineRule({
  meta: {
    id: 'firmware-features-without-autoselect',
    description: '<os><firmware><feature> without firmware autoselection (<os firmware=...>)',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      featureWithoutAutoselect: '<firmware> lists a feature' + REFUSED,
      featuresWithoutAutoselect: '<firmware> lists {{count}} features' + REFUSED,
    },
    docs: {
      whatItDoes: "Reports an `<os><firmware>` block with `<feature>` elements when `<os>` has no `firmware` attribute.",
      whyIsThisBad:
        "Firmware features (`secure-boot`, `enrolled-keys`) are the criteria libvirt uses when it picks the firmware itself. With a manually chosen `<loader>` there is nothing to pick, and libvirt refuses the domain: \"cannot use feature-based firmware autoselection when firmware autoselection is disabled\". It is a common result of copying the `<firmware>` block from a dumped XML into a hand-written `<os>`.",
      example: `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <loader readonly='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.fd</loader>
</os>`,
      useInstead: `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
</os>`,
      fixSafety:
        "Two suggestions, neither applied by `--fix`: add `firmware='efi'` to `<os>` (libvirt then chooses the firmware matching the features and any `<loader>` attributes you kept; a `<loader>` path that no descriptor lists makes autoselection fail), or remove the `<firmware>` block and keep the manual loader. libvirt before 9.2.0 refuses autoselection next to a `<loader>` path, `readonly`, `type` or `secure='no'`, or an `<nvram template>`: with such settings the first suggestion is not offered on an older libvirt, and says it needs 9.2.0 when the libvirt version is unknown.",
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDefOSValidate: "cannot use feature-based firmware autoselection when firmware autoselection is disabled"',
        'libvirt docs/formatdomain.rst "BIOS bootloader": os/firmware "Since 7.2.0 QEMU/KVM only"',
        'libvirt tests qemuxmlconfdata/firmware-manual-efi-features.xml (expected error)',
        'libvirt NEWS v9.2.0 "qemu: Make firmware selection persistent", and libvirt 9.0.0 refusing `<os firmware=\'efi\'>` with `<loader readonly=\'yes\'>` ("loader attribute \'readonly\' cannot be specified when firmware autoselection is enabled", tested with virsh 9.0.0): the version the first suggestion needs',
      ],
      notes: 'An empty `<firmware/>` is accepted. The check is in the generic validator, so it applies to every driver.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (firmwareAutoselect(domain)) return;
    const features = firmwareFeatures(domain);
    if (features.length === 0) return;
    const block = features[0].parent!;
    const os = domain.child('os')!;
    context.report({
      at: block,
      messageId: features.length === 1 ? 'featureWithoutAutoselect' : 'featuresWithoutAutoselect',
      data: features.length === 1 ? undefined : { count: features.length },
      fixes: [
        // libvirt < 9.2.0 refuses autoselection next to the manual <loader>/<nvram> settings this block usually comes with.
        { title: "Add firmware='efi' to <os>", safety: 'unsafe', edits: [fixer.setAttribute(os, 'firmware', 'efi')], requires: autoselectRequirements(domain) },
        { title: 'Remove the <firmware> block', safety: 'unsafe', edits: [fixer.removeElement(block)] },
      ],
    });
  },
});
