import { defineRule } from '#engine/rule.js';
import { formatBytes, scaledBytes } from '#domain/units.js';

export default defineRule({
  meta: {
    id: 'current-memory-above-memory',
    description: '<currentMemory> is larger than <memory>; libvirt silently lowers it',
    severity: 'warning',
    category: 'correctness',
    fixable: 'safe',
    messages: {
      aboveMemory:
        '<currentMemory> ({{current}}) is larger than <memory> ({{memory}}): libvirt silently lowers it to {{memory}}. ' +
        'Set <currentMemory> to at most <memory>, or raise <memory> if the guest should have more.',
    },
    docs: {
      whatItDoes: 'Compares `<currentMemory>` (the balloon target at boot) with `<memory>` (the maximum), both scaled by their `unit`.',
      whyIsThisBad:
        'The guest can never have more than `<memory>`. libvirt does not refuse the domain: it quietly sets `<currentMemory>` to `<memory>`, so the larger value you wrote is dropped without a word. Usually one of the two was edited and the other forgotten (for example `<memory>` lowered from 16 GiB to 8 GiB with `<currentMemory>` still at 16 GiB).',
      example: `<memory unit='GiB'>8</memory>
<currentMemory unit='GiB'>16</currentMemory>`,
      useInstead: `<memory unit='GiB'>16</memory>
<currentMemory unit='GiB'>16</currentMemory>`,
      fixSafety:
        'Safe: the fix writes into `<currentMemory>` the value libvirt would use anyway (the `<memory>` size, with its unit), so the running guest does not change. If you meant the guest to have more memory, raise `<memory>` instead.',
      sources: [
        'libvirt 11.3 src/conf/domain_postparse.c virDomainDefPostParseMemory: cur_balloon larger than the total memory is set to the total, without an error',
        'libvirt docs/formatdomain.rst "Memory Allocation" (currentMemory)',
      ],
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const memory = domain.child('memory');
    const current = domain.child('currentMemory');
    const memBytes = scaledBytes(memory);
    const curBytes = scaledBytes(current);
    if (!memory || !current || memBytes === undefined || curBytes === undefined || memBytes === 0) return;
    if (curBytes <= memBytes) return;
    const unit = memory.attr('unit');
    const q = current.attributes[0]?.quote ?? memory.attributes[0]?.quote ?? "'";
    const replacement = `<currentMemory${unit !== undefined ? ` unit=${q}${unit}${q}` : ''}>${memory.text()}</currentMemory>`;
    context.report({
      at: current,
      messageId: 'aboveMemory',
      data: { current: formatBytes(curBytes), memory: formatBytes(memBytes) },
      fixes: [{ title: `Set <currentMemory> to the <memory> size (${formatBytes(memBytes)})`, safety: 'safe', edits: [fixer.replaceElement(current, replacement)] }],
    });
  },
});
