import { defineRule } from '#engine/rule.js';
import { deviceBootOrders, describeDevice } from '#domain/devices.js';
import { repeats } from '#domain/repeats.js';

export default defineRule({
  meta: {
    id: 'boot-order-duplicate',
    description: 'Two devices have the same <boot order>',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      duplicate:
        'Boot order {{order}} is already used by {{device}}: libvirt refuses it: "boot order \'{{order}}\' used for more than one device". ' +
        'Give every bootable device its own order (1 boots first).',
    },
    docs: {
      whatItDoes: "Reports a device's `<boot order='N'/>` when an earlier device already uses order N (compared as numbers, so `01` equals `1`).",
      whyIsThisBad:
        'The boot order is a ranking; two devices cannot share a rank. `virsh define` fails with "boot order \'1\' used for more than one device". It typically happens when an installer ISO is added with `<boot order=\'1\'/>` while the disk keeps its own order 1.',
      example: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <boot order='1'/>
</disk>
<disk type='file' device='cdrom'>
  <source file='/srv/iso/Win11.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
  <boot order='1'/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <boot order='2'/>
</disk>
<disk type='file' device='cdrom'>
  <source file='/srv/iso/Win11.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
  <boot order='1'/>
</disk>`,
      fixSafety: 'No fix: which device boots first is your choice.',
      sources: ['libvirt 11.3 src/conf/domain_postparse.c virDomainDefCollectBootOrder: "boot order \'%1$s\' used for more than one device"'],
    },
  },
  create(context) {
    const orderOf = ({ order }: { order: string }) => (/^\s*\d+\s*$/.test(order) && Number(order) !== 0 ? Number(order) : undefined);
    for (const { item, first, key: n } of repeats(deviceBootOrders(context.domain), orderOf)) {
      context.report({ at: item.boot.attribute('order')!, messageId: 'duplicate', data: { order: n, device: describeDevice(first.device) } });
    }
  },
});
