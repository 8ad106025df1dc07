import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { isPowerOfTwo } from '#domain/units.js';

export default defineRule({
  meta: {
    id: 'net-queue-size-invalid',
    description: 'A virtio-net rx_queue_size or tx_queue_size that is not a power of two',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      notPowerOfTwo: '{{name}} {{value}} is not a power of two: libvirt refuses it: "{{name}} has to be a power of two". Use 256, 512 or 1024.',
    },
    docs: {
      whatItDoes: "Reports `<interface><driver rx_queue_size='N'>` or `tx_queue_size='N'` on a virtio NIC when N is not a power of two. QEMU driver only.",
      whyIsThisBad:
        'virtio rings are sized in powers of two (256, 512, 1024). `virsh define` fails with "rx_queue_size has to be a power of two". Tuning guides suggest 1024; values like 1000 are typos.',
      example: `<interface type='bridge'>
  <source bridge='br0'/>
  <model type='virtio'/>
  <driver name='vhost' rx_queue_size='1000' tx_queue_size='1024'/>
</interface>`,
      useInstead: `<interface type='bridge'>
  <source bridge='br0'/>
  <model type='virtio'/>
  <driver name='vhost' rx_queue_size='1024' tx_queue_size='1024'/>
</interface>`,
      fixSafety: 'No fix: the nearest power of two may be larger or smaller than intended.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefNetwork: "rx_queue_size has to be a power of two", "tx_queue_size has to be a power of two"', 'libvirt test qemuxmlconfdata/net-virtio-rxqueuesize-invalid-size.xml'],
    },
  },
  create(context) {
    if (!isQemuDomain(context.domain)) return;
    for (const nic of context.domain.select('devices/interface')) {
      const model = nic.child('model')?.attr('type') ?? '';
      if (!/^virtio/.test(model)) continue;
      const driver = nic.child('driver');
      for (const name of ['rx_queue_size', 'tx_queue_size']) {
        const attr = driver?.attribute(name);
        if (!attr || !/^\d+$/.test(attr.value.trim()) || Number(attr.value) === 0 || isPowerOfTwo(Number(attr.value))) continue;
        context.report({ at: attr, messageId: 'notPowerOfTwo', data: { name, value: attr.value } });
      }
    }
  },
});
