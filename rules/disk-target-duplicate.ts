import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { diskSourcePath } from '#domain/devices.js';
import { repeats } from '#domain/repeats.js';

export default defineRule({
  meta: {
    id: 'disk-target-duplicate',
    description: 'Two <disk> elements use the same <target dev>',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      duplicate:
        'Target \'{{dev}}\' is already used by another <disk>: libvirt refuses it: "target \'{{dev}}\' duplicated for disk sources \'{{firstSource}}\' and \'{{source}}\'". ' +
        'Give each disk its own target name (vda, vdb, ... or sda, sdb, ...).',
    },
    docs: {
      whatItDoes: "Reports every `<disk>` whose `<target dev='...'>` name was already used by an earlier disk, whatever their buses.",
      whyIsThisBad:
        'The target name identifies the disk in libvirt (for `virsh detach-disk`, block jobs, boot order) and decides its default drive address, so it must be unique. `virsh define` fails with "target \'sda\' duplicated for disk sources \'...\' and \'...\'". It typically happens when a disk block is copied to add a second disk and only the source path is changed.',
      example: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/system.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/data.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/system.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/data.qcow2'/>
  <target dev='vdb' bus='virtio'/>
</disk>`,
      fixSafety: 'No fix: the next free name depends on the bus and on how the guest refers to its disks.',
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c virDomainDiskDefCheckDuplicateInfo: "target \'%1$s\' duplicated for disk sources \'%2$s\' and \'%3$s\'", called from src/conf/domain_validate.c virDomainDefDuplicateDiskInfoValidate',
        'libvirt test qemuxmlconfdata/disk-same-targets.xml',
      ],
    },
  },
  create(context) {
    const targetOf = (disk: XmlElement) => disk.child('target')?.attr('dev');
    for (const { item: disk, first } of repeats(context.domain.select('devices/disk'), targetOf)) {
      const devAttr = disk.child('target')!.attribute('dev')!;
      // libvirt prints each disk's source path, NULL (a volume disk, for one) as '<null>'.
      const firstSource = diskSourcePath(first) ?? '<null>';
      const source = diskSourcePath(disk) ?? '<null>';
      context.report({ at: devAttr, messageId: 'duplicate', data: { dev: devAttr.value, firstSource, source } });
    }
  },
});
