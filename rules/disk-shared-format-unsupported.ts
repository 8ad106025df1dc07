import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

export default defineRule({
  meta: {
    id: 'disk-shared-format-unsupported',
    description: 'A <shareable/> writable disk uses an image format (qcow2, ...) that cannot be shared between guests',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      unsharableFormat:
        'Disk \'{{dev}}\' is shareable but its {{format}} format cannot be written by two guests at once: libvirt refuses it: "shared access for disk \'{{dev}}\' requires use of supported storage format". Use a raw image (or drop <shareable/>).',
    },
    docs: {
      whatItDoes: "Reports `<disk>` elements with `<shareable/>`, without `<readonly/>`, whose `<driver type>` is not `raw`. QEMU driver only.",
      whyIsThisBad:
        'Two guests writing to one qcow2 image corrupt its metadata; only raw images (and storage that arbitrates access itself) can be shared for writing. `virsh define` fails with "shared access for disk \'hda\' requires use of supported storage format". Cluster setups (shared quorum disk) need a raw image or a shared block device.',
      example: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/srv/cluster/quorum.qcow2'/>
  <target dev='vdb' bus='virtio'/>
  <shareable/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <driver name='qemu' type='raw' cache='none'/>
  <source file='/srv/cluster/quorum.raw'/>
  <target dev='vdb' bus='virtio'/>
  <shareable/>
</disk>`,
      fixSafety: 'No fix: the image has to be converted (`qemu-img convert -O raw`).',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDisk: "shared access for disk \'%1$s\' requires use of supported storage format" (qemuBlockStorageSourceSupportsConcurrentAccess)', 'libvirt test qemuxmlconfdata/disk-shared-qcow.xml'],
      notes: 'libvirt also accepts some network protocols for shared access; virt-lint only reports file, block and volume disks.',
    },
  },
  create(context) {
    if (!isQemuDomain(context.domain)) return;
    for (const disk of context.domain.select('devices/disk')) {
      if (!disk.child('shareable') || disk.child('readonly')) continue;
      if (disk.attr('type') === 'network') continue;
      const format = disk.child('driver')?.attribute('type');
      if (!format || format.value === 'raw') continue;
      const dev = disk.child('target')?.attr('dev') ?? '';
      context.report({ at: format, messageId: 'unsharableFormat', data: { dev, format: format.value } });
    }
  },
});
