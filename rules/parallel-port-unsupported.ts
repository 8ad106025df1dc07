import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { isPSeries, isS390 } from '#domain/platform.js';

export default defineRule({
  meta: {
    id: 'parallel-port-unsupported',
    description: 'A <parallel> port on an s390 or pSeries guest, which have none',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      noParallelPort: '{{platform}} guests have no parallel port: libvirt refuses it: "parallel ports are not supported". Remove the <parallel> device.',
    },
    docs: {
      whatItDoes: 'Reports `<parallel>` devices in s390x and pSeries (ppc64) domains. QEMU driver only.',
      whyIsThisBad: 'These machines have no parallel port hardware. `virsh define` fails with "parallel ports are not supported".',
      example: `<type arch='s390x' machine='s390-ccw-virtio'>hvm</type>
...
<parallel type='pty'/>`,
      useInstead: `<console type='pty'>
  <target type='sclp'/>
</console>`,
      fixSafety: 'The suggested fix removes the `<parallel>` element; a suggestion because you may want another character device in its place.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainChrDef: "parallel ports are not supported"', 'libvirt tests qemuxmlconfdata/pseries-no-parallel.xml, s390-no-parallel.xml'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain) || !(isS390(domain) || isPSeries(domain))) return;
    for (const p of domain.select('devices/parallel')) {
      context.report({
        at: p,
        messageId: 'noParallelPort',
        data: { platform: isS390(domain) ? 's390' : 'pSeries' },
        fixes: [{ title: 'Remove the <parallel> device', safety: 'unsafe', edits: [context.fixer.removeElement(p)] }],
      });
    }
  },
});
