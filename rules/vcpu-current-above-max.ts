import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'vcpu-current-above-max',
    description: '<vcpu current> is larger than the <vcpu> maximum',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      currentAboveMax:
        "<vcpu current='{{current}}'> is more than the maximum of {{max}} vCPUs: libvirt refuses it: \"maximum vCPU count must not be less than current vCPU count\". " +
        'Lower current to at most {{max}}, or raise the <vcpu> maximum.',
    },
    docs: {
      whatItDoes: "Reports `<vcpu current='N'>M</vcpu>` when N (the vCPUs online at boot) is larger than M (the most the guest can have).",
      whyIsThisBad: 'The guest cannot start with more vCPUs than its maximum. `virsh define` fails with "maximum vCPU count must not be less than current vCPU count".',
      example: `<vcpu placement='static' current='8'>4</vcpu>`,
      useInstead: `<vcpu placement='static' current='4'>8</vcpu>`,
      fixSafety:
        'The suggested fix lowers `current` to the maximum. It is only a suggestion: you may have meant to raise the maximum instead (and then the CPU topology may need to change too).',
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c virDomainDefSetVcpus / virDomainVcpuParse: "maximum vCPU count must not be less than current vCPU count"',
        'libvirt docs/formatdomain.rst "CPU Allocation" (vcpu current)',
      ],
    },
  },
  create(context) {
    const vcpu = context.domain.child('vcpu');
    const currentAttr = vcpu?.attribute('current');
    if (!vcpu || !currentAttr) return;
    const max = vcpu.text();
    const current = currentAttr.value.trim();
    if (!/^\d+$/.test(max) || !/^\d+$/.test(current)) return;
    if (Number(current) <= Number(max)) return;
    context.report({
      at: currentAttr,
      messageId: 'currentAboveMax',
      data: { current, max },
      fixes: [{ title: `Set current to ${max}`, safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(currentAttr, max)] }],
    });
  },
});
