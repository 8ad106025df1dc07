import rule from '#rules/disk-iotune-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const disk = (iotune: string, extra = '') =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/db.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <iotune>
${iotune}
  </iotune>${extra}
</disk>`);
const THROTTLE_FILTERS = "\n  <throttlefilters>\n    <throttlefilter group='limit0'/>\n  </throttlefilters>";

testRule(rule, {
  valid: [
    { name: 'per-direction limits', xml: disk('    <read_bytes_sec>52428800</read_bytes_sec>\n    <write_bytes_sec>52428800</write_bytes_sec>') },
    { name: 'a total of 0 is not set', xml: disk('    <total_bytes_sec>0</total_bytes_sec>\n    <read_bytes_sec>52428800</read_bytes_sec>') },
    { name: 'a total limit of one quantity next to a read limit of another', xml: disk('    <total_bytes_sec>104857600</total_bytes_sec>\n    <read_iops_sec>500</read_iops_sec>') },
  ],
  invalid: [
    {
      name: 'a total limit next to a read limit, at the total element',
      xml: disk('    <total_bytes_sec>104857600</total_bytes_sec>\n    <read_bytes_sec>52428800</read_bytes_sec>'),
      errors: [
        {
          messageId: 'totalWithDirection',
          data: { quantity: 'bytes_sec' },
          line: 29,
          column: 9,
          endLine: 29,
          endColumn: 26,
          severity: 'error',
          message:
            'total_bytes_sec is set together with read_bytes_sec or write_bytes_sec: libvirt refuses it: "total and read/write bytes_sec cannot be set at the same time". Keep either the total or the per-direction limits.',
        },
      ],
    },
    {
      name: 'the _max variants: a total next to a write limit',
      xml: disk('    <total_iops_sec_max>2000</total_iops_sec_max>\n    <write_iops_sec_max>1000</write_iops_sec_max>'),
      errors: [{ messageId: 'totalWithDirection', data: { quantity: 'iops_sec_max' }, line: 29, column: 9 }],
    },
    {
      name: '<iotune> combined with <throttlefilters>, at <iotune>',
      xml: disk('    <total_iops_sec>1000</total_iops_sec>', THROTTLE_FILTERS),
      errors: [
        {
          messageId: 'withThrottleFilters',
          data: { dev: 'vda' },
          line: 28,
          column: 7,
          message:
            'Disk \'vda\' has both <iotune> and <throttlefilters>: libvirt refuses it: "block \'throttlefilters\' can\'t be used together with \'iotune\' for disk \'vda\'". Use one of them.',
        },
      ],
    },
  ],
});
