import { defineRule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';
import { autoselectRequirements, firmwareAutoselect, loaderOf, loaderPath, nvramHasStore, nvramOf } from '#domain/firmware.js';

export default defineRule({
  meta: {
    id: 'loader-without-path',
    description: '<loader> without a firmware path while firmware autoselection is off',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      missingPath:
        '<loader> names no firmware image and <os> has no firmware attribute: libvirt refuses it: "no loader path specified and firmware auto selection disabled". ' +
        "Write the firmware path as the <loader> text, or add firmware='{{firmware}}' to <os> so libvirt picks one.",
    },
    docs: {
      whatItDoes: "Reports a `<loader>` element with no path as its text when `<os>` has no `firmware` attribute.",
      whyIsThisBad:
        "Without `<os firmware=...>` libvirt does not choose a firmware, so a `<loader>` must name the image. An empty one (often `<loader readonly='yes' type='pflash'/>` copied from an autoselection example) is refused: \"no loader path specified and firmware auto selection disabled\".",
      example: `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'/>
</os>`,
      useInstead: `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'/>
</os>`,
      fixSafety:
        "Suggestion only: add `firmware='efi'` to `<os>` (offered when the loader is `type='pflash'`, `secure='yes'` or has an NVRAM store, i.e. clearly UEFI) or `firmware='bios'` (for `type='rom'`), so libvirt picks a matching image. Writing a path yourself is the other way. libvirt before 9.2.0 refuses autoselection next to the loader's `type`, `readonly` or `secure='no'` (or an `<nvram template>`): then the suggestion is not offered on an older libvirt, and says it needs 9.2.0 when the libvirt version is unknown.",
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDefOSValidate: "no loader path specified and firmware auto selection disabled"',
        'libvirt tests qemuxmlconfdata/firmware-manual-efi-loader-no-path.xml (expected error)',
        'libvirt docs/formatdomain.rst "BIOS bootloader" (QEMU with automatic UEFI firmware and secure boot example)',
        'libvirt NEWS v9.2.0 "qemu: Make firmware selection persistent", and libvirt 9.0.0 refusing `<os firmware=\'efi\'>` with `<loader type=\'pflash\'>` ("loader attribute \'type\' cannot be specified when firmware autoselection is enabled", tested with virsh 9.0.0): the version the suggestion needs',
      ],
      notes: 'The check is in the generic validator, so it applies to every driver.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (firmwareAutoselect(domain)) return;
    const loader = loaderOf(domain);
    if (!loader || loaderPath(loader) !== '') return;
    const os = domain.child('os')!;
    const type = loader.attr('type');
    const uefi = type === 'pflash' || loader.attr('secure') === 'yes' || nvramHasStore(nvramOf(domain));
    const fixes: Fix[] = [];
    // libvirt < 9.2.0 refuses autoselection next to loader attributes such as type and readonly.
    const requires = autoselectRequirements(domain);
    if (uefi) fixes.push({ title: "Add firmware='efi' to <os>", safety: 'unsafe', edits: [fixer.setAttribute(os, 'firmware', 'efi')], requires });
    else if (type === 'rom') fixes.push({ title: "Add firmware='bios' to <os>", safety: 'unsafe', edits: [fixer.setAttribute(os, 'firmware', 'bios')], requires });
    context.report({
      at: loader,
      messageId: 'missingPath',
      data: { firmware: type === 'rom' ? 'bios' : 'efi' },
      fixes,
    });
  },
});
