import { defineRule } from '#engine/rule.js';
import { firmwareAutoselect, loaderOf, nvramHasStore, nvramOf } from '#domain/firmware.js';

const STATELESS_LOADER = "<nvram> with <loader stateless='yes'>: libvirt refuses it: ";
const NO_VARIABLES = ". A stateless firmware keeps no variables: remove <nvram>, or remove stateless='yes' to give the guest a variable store.";
const ASKS_FOR_STORE = "<loader stateless='no'> asks for an NVRAM store, which ";
const ONLY_PFLASH = ' cannot have: libvirt refuses it: "Only pflash loader type permits NVRAM". Remove stateless=\'no\', or make it a UEFI loader with type=\'pflash\'.';

export default defineRule({
  meta: {
    id: 'nvram-not-permitted',
    description: 'UEFI variable store (<nvram>, stateless=\'no\') combined with BIOS firmware, a non-pflash loader or a stateless loader',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      nvramWithBios:
        "<nvram> with <os firmware='{{firmware}}'>: libvirt refuses it: \"firmware type '{{firmware}}' does not support nvram\". " +
        "Remove <nvram> for a BIOS guest, or use firmware='efi' for a UEFI guest.",
      templateWithStatelessLoader: STATELESS_LOADER + '"NVRAM template is not permitted when loader is stateless"' + NO_VARIABLES,
      storeWithStatelessLoader: STATELESS_LOADER + '"NVRAM is not permitted when loader is stateless"' + NO_VARIABLES,
      statefulLoaderWithBios: ASKS_FOR_STORE + "firmware='{{firmware}}' cannot have: libvirt refuses it: \"Only EFI firmware permits NVRAM\". Remove stateless='no', or use firmware='efi'.",
      statefulLoaderNotPflash: ASKS_FOR_STORE + "a loader of type '{{type}}'" + ONLY_PFLASH,
      statefulLoaderWithoutType: ASKS_FOR_STORE + "a loader without type='pflash'" + ONLY_PFLASH,
    },
    docs: {
      whatItDoes:
        "Reports the NVRAM combinations libvirt's validator rejects: `<nvram>` with `<os firmware='bios'>`; `<nvram>` (a store or a `template`) with `<loader stateless='yes'>`; and `<loader stateless='no'>` (which asks for an NVRAM store) with BIOS firmware or, without autoselection, with a loader that is not `type='pflash'`.",
      whyIsThisBad:
        "Only UEFI firmware mapped as pflash keeps variables in an NVRAM store, and a stateless loader by definition has none. libvirt refuses these domains with one of: \"firmware type 'bios' does not support nvram\", \"NVRAM template is not permitted when loader is stateless\", \"NVRAM is not permitted when loader is stateless\", \"Only pflash loader type permits NVRAM\", \"Only EFI firmware permits NVRAM\".",
      example: `<os firmware='bios'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
</os>`,
      useInstead: `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
</os>`,
      fixSafety:
        "Suggestions only: remove the `<nvram>` element (or the `stateless` attribute), or switch to `firmware='efi'`. Which one is right depends on whether the guest boots with BIOS or UEFI.",
      sources: [
        "libvirt 11.3 src/conf/domain_validate.c virDomainDefOSValidate: \"firmware type '%1$s' does not support nvram\", \"NVRAM template is not permitted when loader is stateless\", \"NVRAM is not permitted when loader is stateless\", \"Only pflash loader type permits NVRAM\", \"Only EFI firmware permits NVRAM\"",
        'libvirt tests qemuxmlconfdata/firmware-auto-bios-nvram.xml, firmware-manual-efi-nvram-stateless.xml, firmware-manual-efi-nvram-template-stateless.xml, firmware-manual-bios-not-stateless.xml, firmware-auto-bios-not-stateless.xml (expected errors)',
        'libvirt docs/formatdomain.rst "BIOS bootloader": nvram "It is not valid to provide this element if the loader is marked as stateless"',
      ],
      notes:
        'An `<nvram/>` with neither a path, a `type` nor a `<source>` creates no NVRAM store in libvirt and is not reported for BIOS firmware. The checks are in the generic validator, so they apply to every driver.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const os = domain.child('os');
    if (!os) return;
    const autoselect = firmwareAutoselect(domain);
    const loader = loaderOf(domain);
    const nvram = nvramOf(domain);
    const hasStore = nvramHasStore(nvram);
    const removeNvram = nvram ? { title: 'Remove the <nvram> element', safety: 'unsafe' as const, edits: [fixer.removeElement(nvram)] } : undefined;

    if (autoselect && autoselect.value !== 'efi' && nvram && hasStore) {
      const toEfi = { title: "Use firmware='efi'", safety: 'unsafe' as const, edits: [fixer.replaceAttributeValue(autoselect, 'efi')] };
      context.report({
        at: nvram,
        messageId: 'nvramWithBios',
        data: { firmware: autoselect.value },
        fixes: [removeNvram!, toEfi],
      });
    }

    const stateless = loader?.attribute('stateless');
    if (!loader || !stateless) return;
    const removeStateless = { title: `Remove stateless='${stateless.value}' from <loader>`, safety: 'unsafe' as const, edits: [fixer.removeAttribute(stateless)] };

    if (stateless.value === 'yes' && nvram) {
      const template = nvram.attribute('template');
      if (template || hasStore) {
        context.report({
          at: nvram,
          messageId: template ? 'templateWithStatelessLoader' : 'storeWithStatelessLoader',
          fixes: [removeNvram!, removeStateless],
        });
      }
      return;
    }

    if (stateless.value !== 'no') return;
    const type = loader.attr('type');
    if (!autoselect && type !== 'pflash') {
      context.report({
        at: stateless,
        messageId: type ? 'statefulLoaderNotPflash' : 'statefulLoaderWithoutType',
        data: type ? { type } : undefined,
        fixes: [removeStateless],
      });
    } else if (autoselect && autoselect.value !== 'efi') {
      context.report({ at: stateless, messageId: 'statefulLoaderWithBios', data: { firmware: autoselect.value }, fixes: [removeStateless] });
    }
  },
});
