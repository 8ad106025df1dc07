import { defineRule } from '#engine/rule.js';
import { scaledBytes } from '#domain/units.js';

const NO_SIZE =
  ' and no NUMA cell gives a size: libvirt refuses it: "Memory size must be specified via <memory> or in the <numa> configuration". ' +
  "Add the guest's memory size, e.g. <memory unit='GiB'>4</memory>.";

export default defineRule({
  meta: {
    id: 'memory-missing',
    description: 'The domain states no memory size: no <memory> and no NUMA cell with memory',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      noMemory: 'The domain has no <memory>' + NO_SIZE,
      zeroMemory: '<memory> is 0' + NO_SIZE,
    },
    docs: {
      whatItDoes:
        'Reports a `<domain>` that has no `<memory>` element (or a `<memory>` of 0) and no `<cpu><numa><cell memory=...>` that would give the size instead.',
      whyIsThisBad:
        'libvirt needs the guest memory size and has no default for it. `virsh define` fails with "Memory size must be specified via <memory> or in the <numa> configuration".',
      example: `<domain type='kvm'>
  <name>lab-vm</name>
  <vcpu>2</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
</domain>`,
      useInstead: `<domain type='kvm'>
  <name>lab-vm</name>
  <memory unit='GiB'>4</memory>
  <vcpu>2</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
</domain>`,
      fixSafety: 'No fix: only you know how much memory the guest should have.',
      sources: [
        'libvirt 11.3 src/conf/domain_postparse.c virDomainDefPostParseMemory: "Memory size must be specified via <memory> or in the <numa> configuration"',
        'libvirt test qemuxmlconfdata/no-memory.xml (expected to fail with that message)',
        'libvirt docs/formatdomain.rst "Memory Allocation"',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    const memory = domain.child('memory');
    if (memory && scaledBytes(memory) !== 0) return;
    const numaMemory = domain.select('cpu/numa/cell').some((c) => /^[1-9]\d*$/.test(c.attr('memory') ?? ''));
    if (numaMemory) return;
    context.report({
      at: memory ?? domain,
      messageId: memory ? 'zeroMemory' : 'noMemory',
    });
  },
});
