import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'vcpu-id-out-of-range',
    description: '<vcpus><vcpu id> is not below the <vcpu> maximum',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      outOfRange:
        'vCPU id {{id}} does not exist: the maximum is {{max}} vCPUs (ids 0 to {{last}}). libvirt refuses it: "vcpu id \'{{id}}\' is out of range of maximum vcpu count". ' +
        'Renumber the <vcpus> entries or raise the <vcpu> maximum.',
    },
    docs: {
      whatItDoes: "Reports `<vcpus><vcpu id='N'>` entries whose id is not lower than the `<vcpu>` maximum (ids count from 0).",
      whyIsThisBad:
        'Each `<vcpus><vcpu>` entry describes one of the guest\'s vCPUs, numbered 0 to maximum - 1. An id outside that range names a vCPU that does not exist; `virsh define` fails with "vcpu id \'N\' is out of range of maximum vcpu count".',
      example: `<vcpu placement='static' current='2'>4</vcpu>
<vcpus>
  <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>
  <vcpu id='4' enabled='yes' hotpluggable='yes' order='2'/>
</vcpus>`,
      useInstead: `<vcpu placement='static' current='2'>4</vcpu>
<vcpus>
  <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>
  <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>
  <vcpu id='2' enabled='no' hotpluggable='yes'/>
  <vcpu id='3' enabled='no' hotpluggable='yes'/>
</vcpus>`,
      fixSafety: 'No fix: renumbering vCPUs changes which ones are online and their hotplug order.',
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c virDomainDefParseVcpus (vcpus/vcpu parsing): "vcpu id \'%1$u\' is out of range of maximum vcpu count"',
        'libvirt docs/formatdomain.rst "CPU Allocation" (vcpus)',
      ],
    },
  },
  create(context) {
    const vcpu = context.domain.child('vcpu');
    const max = vcpu ? vcpu.text() : '1';
    if (!/^\d+$/.test(max)) return;
    for (const entry of context.domain.select('vcpus/vcpu')) {
      const idAttr = entry.attribute('id');
      if (!idAttr || !/^\d+$/.test(idAttr.value.trim())) continue;
      if (Number(idAttr.value) < Number(max)) continue;
      context.report({ at: idAttr, messageId: 'outOfRange', data: { id: idAttr.value.trim(), max, last: Number(max) - 1 } });
    }
  },
});
