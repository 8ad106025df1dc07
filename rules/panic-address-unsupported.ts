import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { isPSeries, isS390 } from '#domain/platform.js';

export default defineRule({
  meta: {
    id: 'panic-address-unsupported',
    description: "A <panic> device of model s390, pseries or hyperv has an <address>",
    severity: 'error',
    category: 'correctness',
    fixable: 'safe',
    messages: {
      addressUnsupported:
        "A panic device of model '{{model}}' has no address to set: libvirt refuses it: \"setting the panic device address is not supported for model '{{model}}'\". Remove the <address>.",
    },
    docs: {
      whatItDoes:
        "Reports the `<address>` of a `<panic>` device whose model is `s390`, `pseries` or `hyperv` (a `<panic>` without a model on s390 or pSeries gets that machine's model). QEMU driver only.",
      whyIsThisBad:
        'These panic notifiers are provided by the firmware or the hypervisor interface, not by a device on a bus, so they cannot be placed anywhere. `virsh define` fails with "setting the panic device address is not supported for model \'pseries\'".',
      example: `<panic model='hyperv'>
  <address type='isa' iobase='0x505'/>
</panic>`,
      useInstead: `<panic model='hyperv'/>`,
      fixSafety: 'Safe: the fix removes the `<address>`, which these models cannot use anyway.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefPanic: "setting the panic device address is not supported for model \'%s\'"', 'libvirt tests qemuxmlconfdata/pseries-panic-address.xml, s390-panic-address.xml'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    for (const panic of domain.select('devices/panic')) {
      const model = panic.attr('model') ?? (isPSeries(domain) ? 'pseries' : isS390(domain) ? 's390' : undefined);
      if (model !== 's390' && model !== 'pseries' && model !== 'hyperv') continue;
      const address = panic.childrenNamed('address')[0];
      if (!address) continue;
      context.report({
        at: address,
        messageId: 'addressUnsupported',
        data: { model },
        fixes: [{ title: 'Remove the <address>', safety: 'safe', edits: [context.fixer.removeElement(address)] }],
      });
    }
  },
});
