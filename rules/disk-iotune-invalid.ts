import { defineRule } from '#engine/rule.js';

const PAIRS = ['bytes_sec', 'iops_sec', 'bytes_sec_max', 'iops_sec_max'];

export default defineRule({
  meta: {
    id: 'disk-iotune-invalid',
    description: '<iotune> sets a total limit together with a read or write limit, or is combined with <throttlefilters>',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      totalWithDirection:
        'total_{{quantity}} is set together with read_{{quantity}} or write_{{quantity}}: libvirt refuses it: "total and read/write {{quantity}} cannot be set at the same time". Keep either the total or the per-direction limits.',
      withThrottleFilters:
        'Disk \'{{dev}}\' has both <iotune> and <throttlefilters>: libvirt refuses it: "block \'throttlefilters\' can\'t be used together with \'iotune\' for disk \'{{dev}}\'". Use one of them.',
    },
    docs: {
      whatItDoes:
        'Reports `<iotune>` where `total_X` and `read_X` / `write_X` are set together (for bytes_sec, iops_sec and their _max variants), and disks that have both `<iotune>` and `<throttlefilters>`.',
      whyIsThisBad:
        'A total limit and a per-direction limit for the same quantity contradict each other; QEMU takes one or the other. `virsh define` fails with "total and read/write bytes_sec cannot be set at the same time". Throttle filters replace `<iotune>`, so both on one disk is refused too ("block \'throttlefilters\' can\'t be used together with \'iotune\' for disk \'vda\'").',
      example: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/db.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <iotune>
    <total_bytes_sec>104857600</total_bytes_sec>
    <read_bytes_sec>52428800</read_bytes_sec>
  </iotune>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/db.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <iotune>
    <read_bytes_sec>52428800</read_bytes_sec>
    <write_bytes_sec>52428800</write_bytes_sec>
  </iotune>
</disk>`,
      fixSafety: 'No fix: which limit you meant is unknown.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDiskDefValidate: "total and read/write bytes_sec cannot be set at the same time" (and iops_sec, bytes_sec_max, iops_sec_max)',
        'libvirt 11.3 src/qemu/qemu_validate.c (throttle filters): "block \'throttlefilters\' can\'t be used together with \'iotune\' for disk \'%1$s\'"',
        'libvirt test qemuxmlconfdata/throttlefilter-invalid.xml',
      ],
    },
  },
  create(context) {
    for (const disk of context.domain.select('devices/disk')) {
      const iotune = disk.child('iotune');
      if (!iotune) continue;
      const set = (name: string) => {
        const el = iotune.child(name);
        return el !== undefined && /^\d+$/.test(el.text()) && Number(el.text()) > 0 ? el : undefined;
      };
      for (const q of PAIRS) {
        const total = set(`total_${q}`);
        if (total && (set(`read_${q}`) || set(`write_${q}`))) {
          context.report({ at: total, messageId: 'totalWithDirection', data: { quantity: q } });
        }
      }
      if (disk.child('throttlefilters')) {
        const dev = disk.child('target')?.attr('dev') ?? '';
        context.report({ at: iotune, messageId: 'withThrottleFilters', data: { dev } });
      }
    }
  },
});
