import { defineRule } from '#engine/rule.js';
import { parseAddressNumber } from '#domain/pci.js';

/** The smallest retry count libvirt accepts (0xFFF). */
const MIN_RETRIES = 4095;
/** What virt-manager writes for Windows guests. */
const SUGGESTED = '8191';

export default defineRule({
  meta: {
    id: 'hyperv-spinlocks-retries',
    description: 'Hyper-V <spinlocks> retry count below 4095',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      belowMinimum:
        "Hyper-V spinlock retries='{{retries}}' is below the minimum: libvirt refuses it: \"HyperV spinlock retry count must be at least 4095\". " +
        `Use retries='${SUGGESTED}' (what virt-manager writes) or any value of at least 4095.`,
    },
    docs: {
      whatItDoes: "Reports `<features><hyperv><spinlocks state='on' retries='N'/>` with N below 4095.",
      whyIsThisBad:
        "The retry count tells Windows how often to spin on a lock before notifying the hypervisor; Hyper-V defines 0xFFF (4095) as the minimum, and libvirt refuses smaller values: \"HyperV spinlock retry count must be at least 4095\". Old passthrough guides copied values such as 1024 or 4094.",
      example: `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='1024'/>
</hyperv>`,
      useInstead: `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
</hyperv>`,
      fixSafety:
        "A suggestion (not applied by `--fix`): it sets `retries='8191'`, the value virt-manager writes for Windows guests. Any value from 4095 up is valid and the fix cannot know which you want (4095 is the closest to what old guides wrote), so it picks a value you did not write; `--fix --unsafe-fixes` applies it.",
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c (Hyper-V features parser): "HyperV spinlock retry count must be at least 4095"',
        'libvirt docs/formatdomain.rst "Hypervisor features": spinlocks "retries - at least 4095", since 1.1.0 (QEMU 2.0)',
        'QEMU docs/system/i386/hyperv.rst "hv-spinlocks"',
      ],
      notes:
        "Since libvirt 11.9.0 `retries` may be omitted (it then means 4294967295, \"never notify\"); older libvirt requires it, which `libvirt-feature-too-new` reports when the libvirt version is known. libvirt 11.0 and later ignore the feature list under `<hyperv mode='passthrough'>`, so it is not checked there.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const hyperv = domain.first('features/hyperv');
    if (!hyperv || hyperv.attr('mode') === 'passthrough') return;
    for (const spinlocks of hyperv.childrenNamed('spinlocks')) {
      if (spinlocks.attr('state') !== 'on') continue;
      const retries = spinlocks.attribute('retries');
      if (!retries || retries.value.trim() === '') continue;
      const n = parseAddressNumber(retries.value);
      if (n === undefined || n >= MIN_RETRIES) continue;
      context.report({
        at: retries,
        messageId: 'belowMinimum',
        data: { retries: retries.value },
        fixes: [{ title: `Set retries='${SUGGESTED}'`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(retries, SUGGESTED)] }],
      });
    }
  },
});
