import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

const AXES = ['sockets', 'dies', 'clusters', 'cores', 'threads'] as const;

export default defineRule({
  meta: {
    id: 'cpu-topology-mismatch',
    description: 'sockets x dies x clusters x cores x threads in <cpu><topology> differs from the <vcpu> maximum',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      productDiffers:
        'The CPU topology ({{topology}}) gives {{product}} vCPUs but <vcpu> is {{vcpus}}: libvirt refuses it: "CPU topology doesn\'t match maximum vcpu count". ' +
        'Change the topology (usually cores) so the product is {{vcpus}}, or set <vcpu> to {{product}}.',
    },
    docs: {
      whatItDoes:
        'Multiplies the `<cpu><topology>` attributes (`dies` and `clusters` default to 1) and compares the product with the `<vcpu>` maximum (not `current`). QEMU driver only.',
      whyIsThisBad:
        'Since QEMU 2.5 the topology must describe exactly the maximum number of vCPUs. libvirt refuses the domain with "CPU topology doesn\'t match maximum vcpu count". It happens when `<vcpu>` is changed (in virt-manager\'s XML editor or by hand) and the topology is not, e.g. 8 vCPUs with `cores=\'4\' threads=\'2\'` edited down to `<vcpu>6</vcpu>`.',
      example: `<vcpu placement='static'>6</vcpu>
<cpu mode='host-passthrough'>
  <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
</cpu>`,
      useInstead: `<vcpu placement='static'>6</vcpu>
<cpu mode='host-passthrough'>
  <topology sockets='1' dies='1' clusters='1' cores='3' threads='2'/>
</cpu>`,
      fixSafety:
        'The suggested fix sets `<vcpu>` to the topology\'s product. It is only a suggestion because it changes the number of vCPUs; you may prefer to change the topology (cores, usually) instead.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainVCpuTopology: "CPU topology doesn\'t match maximum vcpu count" ("Starting from QEMU 2.5, max vCPU count and overall vCPU topology must agree")',
        'libvirt 11.3 src/conf/domain_conf.c virDomainDefGetVcpusTopology (product of sockets, dies, clusters, cores, threads)',
        'libvirt docs/formatdomain.rst "CPU model and topology"',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const vcpu = domain.child('vcpu');
    const topology = domain.first('cpu/topology');
    if (!vcpu || !topology) return;
    const max = vcpu.text();
    if (!/^\d+$/.test(max)) return;
    let product = 1;
    for (const axis of AXES) {
      const v = topology.attr(axis);
      if (v === undefined) {
        if (axis === 'dies' || axis === 'clusters') continue;
        return; // sockets, cores and threads are required; the schema reports their absence
      }
      if (!/^\d+$/.test(v.trim()) || Number(v) === 0) return;
      product *= Number(v);
    }
    if (product === Number(max)) return;
    const parts = AXES.filter((a) => topology.attr(a) !== undefined).map((a) => `${a}=${topology.attr(a)}`);
    context.report({
      at: topology,
      messageId: 'productDiffers',
      data: { topology: parts.join(' x '), product, vcpus: max },
      fixes: [
        {
          title: `Set <vcpu> to ${product}`,
          safety: 'unsafe',
          edits: [{ range: vcpu.textRange(), text: String(product) }],
        },
      ],
    });
  },
});
