import rule from '#rules/disk-format-unsupported.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const cdrom = (format: string) =>
  domain(`<disk type='file' device='cdrom'>
  <driver name='qemu' type='${format}'/>
  <source file='/srv/iso/debian-12.9.0-amd64-netinst.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
</disk>`);
const sheepdog = domain(`<disk type='network' device='disk'>
  <driver name='qemu' type='raw'/>
  <source protocol='sheepdog' name='vm-images/win11'>
    <host name='sheep.example.org' port='7000'/>
  </source>
  <target dev='vda' bus='virtio'/>
</disk>`);

testRule(rule, {
  valid: [
    { name: 'raw', xml: cdrom('raw') },
    { name: 'qcow2', xml: cdrom('qcow2') },
    { name: 'an unknown format name that is also an object property (constructor)', xml: cdrom('constructor') },
    { name: 'the format check is for the QEMU driver only', xml: cdrom('iso').replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: "driver type 'iso', at the type attribute; type='raw' is only a suggestion",
      xml: cdrom('iso'),
      errors: [
        {
          messageId: 'isoFormat',
          line: 25,
          column: 27,
          endLine: 25,
          endColumn: 37,
          severity: 'error',
          message:
            'QEMU has no \'iso\' image format: libvirt refuses it: "storage format \'iso\' is not directly supported by QEMU, use \'raw\' instead". Instead, use type=\'raw\' (an ISO image is a raw image).',
          suggestions: [{ title: "Set type='raw'", output: cdrom('raw') }],
        },
      ],
      output: null,
      unsafeOutput: cdrom('raw'),
    },
    {
      name: "driver type 'cow', without a fix",
      xml: cdrom('cow'),
      errors: [
        {
          messageId: 'cowFormat',
          line: 25,
          column: 27,
          message: 'QEMU has no \'cow\' image format: libvirt refuses it: "\'cow\' storage format is not supported". Instead, use type=\'qcow2\' (convert the image with qemu-img).',
        },
      ],
      output: null,
    },
    {
      name: "driver type 'dir', without a fix",
      xml: cdrom('dir'),
      errors: [
        {
          messageId: 'dirFormat',
          line: 25,
          column: 27,
          message:
            'QEMU has no \'dir\' image format: libvirt refuses it: "\'directory\' storage format is not directly supported by QEMU, use \'dir\' disk type instead". Instead, use <disk type=\'dir\'> with <driver type=\'fat\'/>.',
        },
      ],
      output: null,
    },
    {
      name: 'the sheepdog protocol, at the protocol attribute',
      xml: sheepdog,
      errors: [
        {
          messageId: 'sheepdogRemoved',
          line: 26,
          column: 15,
          endColumn: 34,
          message:
            'Sheepdog storage was removed from QEMU and libvirt: libvirt refuses it: "\'sheepdog\' protocol is no longer supported by any hypervisor driver". Move the image to another storage backend (rbd, iscsi, nbd, a local file).',
        },
      ],
      output: null,
    },
    {
      name: 'the sheepdog protocol on any driver',
      xml: sheepdog.replace("<domain type='kvm'>", "<domain type='xen'>"),
      errors: [{ messageId: 'sheepdogRemoved', line: 26, column: 15 }],
      output: null,
    },
  ],
});
