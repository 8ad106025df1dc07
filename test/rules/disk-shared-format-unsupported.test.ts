import rule from '#rules/disk-shared-format-unsupported.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const shared = (format: string, extra = '') =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='${format}' cache='none'/>
  <source file='/srv/cluster/quorum.img'/>
  <target dev='vdb' bus='virtio'/>
  <shareable/>${extra}
</disk>`);

testRule(rule, {
  valid: [
    { name: 'a shareable raw disk', xml: shared('raw') },
    { name: 'read-only sharing of a qcow2 disk', xml: shared('qcow2', '\n  <readonly/>') },
    { name: 'a qcow2 disk that is not shareable', xml: shared('qcow2').replace(/\n\s*<shareable\/>/, '') },
  ],
  invalid: [
    {
      name: 'a shareable qcow2 disk, at the driver type',
      xml: shared('qcow2'),
      errors: [
        {
          messageId: 'unsharableFormat',
          data: { dev: 'vdb', format: 'qcow2' },
          line: 25,
          column: 27,
          endLine: 25,
          endColumn: 39,
          severity: 'error',
          message:
            'Disk \'vdb\' is shareable but its qcow2 format cannot be written by two guests at once: libvirt refuses it: "shared access for disk \'vdb\' requires use of supported storage format". Use a raw image (or drop <shareable/>).',
        },
      ],
    },
  ],
});
