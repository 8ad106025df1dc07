import { defineRule } from '#engine/rule.js';
import { formatBytes, scaledBytes } from '#domain/units.js';

export default defineRule({
  meta: {
    id: 'max-memory-below-memory',
    description: '<maxMemory> (the hotplug limit) is smaller than <memory>',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      belowMemory:
        '<maxMemory> ({{max}}) is smaller than <memory> ({{memory}}): libvirt refuses it: ' +
        '"maximum memory size must be equal or greater than the actual memory size". Raise <maxMemory> to at least the memory size, or remove it if you do not use memory hotplug.',
    },
    docs: {
      whatItDoes: 'Compares `<maxMemory>` with `<memory>`, both scaled by their `unit`, and reports `<maxMemory>` when it is the smaller one.',
      whyIsThisBad:
        '`<maxMemory>` is the most memory the guest may ever reach through memory hotplug, so it cannot be below what the guest boots with. `virsh define` fails with "maximum memory size must be equal or greater than the actual memory size".',
      example: `<maxMemory slots='16' unit='GiB'>4</maxMemory>
<memory unit='GiB'>8</memory>`,
      useInstead: `<maxMemory slots='16' unit='GiB'>32</maxMemory>
<memory unit='GiB'>8</memory>`,
      fixSafety: 'No fix: raising the limit or lowering the memory are both choices only you can make.',
      sources: [
        'libvirt 11.3 src/conf/domain_postparse.c virDomainDefPostParseMemory: "maximum memory size must be equal or greater than the actual memory size"',
        'libvirt docs/formatdomain.rst "Memory Allocation" (maxMemory)',
      ],
      notes:
        'libvirt compares with the total memory including `<memory model=...>` devices; virt-lint compares with `<memory>`, which libvirt keeps equal to that total in the XML it writes.',
    },
  },
  create(context) {
    const { domain } = context;
    const max = domain.child('maxMemory');
    const memory = domain.child('memory');
    const maxBytes = scaledBytes(max);
    const memBytes = scaledBytes(memory);
    if (!max || maxBytes === undefined || memBytes === undefined || maxBytes === 0) return;
    if (maxBytes >= memBytes) return;
    context.report({
      at: max,
      messageId: 'belowMemory',
      data: { max: formatBytes(maxBytes), memory: formatBytes(memBytes) },
    });
  },
});
