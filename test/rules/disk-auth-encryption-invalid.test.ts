import rule from '#rules/disk-auth-encryption-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const network = (protocol: string, secret: string, name = 'iqn.2013-06.com.example:storage/1') =>
  domain(`<disk type='network' device='disk'>
  <driver name='qemu' type='raw'/>
  <auth username='libvirt'>
    <secret ${secret}/>
  </auth>
  <source protocol='${protocol}' name='${name}'>
    <host name='storage.example.org'/>
  </source>
  <target dev='vdb' bus='virtio'/>
</disk>`);
const iscsi = (secret: string) => network('iscsi', secret);

const luks = (format: string, inner: string, outer: string) =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='${format}'/>
  <source file='/var/lib/libvirt/images/secret.luks'>${inner}
  </source>
  <target dev='vdb' bus='virtio'/>${outer}
</disk>`);
const LUKS_SOURCE = `
    <encryption format='luks'>
      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>
    </encryption>`;
const LUKS_WITH_CIPHER = `
  <encryption format='luks'>
    <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>
    <cipher name='aes' size='256' mode='xts' hash='sha256'/>
  </encryption>`;

testRule(rule, {
  valid: [
    { name: 'an iSCSI secret on an iSCSI disk', xml: iscsi("type='iscsi' usage='libvirtiscsi'") },
    { name: 'a Ceph secret on an RBD disk', xml: network('rbd', "type='ceph' usage='client.libvirt secret'", 'pool/image') },
    { name: 'a LUKS raw image with its secret', xml: luks('raw', LUKS_SOURCE, '') },
  ],
  invalid: [
    {
      name: 'a Ceph secret on an iSCSI disk, at the secret type',
      xml: iscsi("type='ceph' usage='libvirtiscsi'"),
      errors: [
        {
          messageId: 'wrongSecretType',
          data: { protocol: 'iscsi', expected: 'iscsi', type: 'ceph' },
          line: 27,
          column: 17,
          endLine: 27,
          endColumn: 28,
          severity: 'error',
          message: 'A iscsi disk needs a secret of type \'iscsi\': libvirt refuses it: "invalid secret type \'ceph\'".',
        },
      ],
    },
    {
      name: 'an iSCSI secret on an RBD disk',
      xml: network('rbd', "type='iscsi' usage='libvirtiscsi'", 'pool/image'),
      errors: [{ messageId: 'wrongSecretType', data: { protocol: 'rbd', expected: 'ceph', type: 'iscsi' }, line: 27, column: 17 }],
    },
    {
      name: 'a secret without a type, at <secret>',
      xml: iscsi("usage='libvirtiscsi'"),
      errors: [
        {
          messageId: 'missingSecretType',
          line: 27,
          column: 9,
          message: 'The <auth><secret> has no type: libvirt refuses it: "unknown secret type \'<null>\'".',
        },
      ],
    },
    {
      name: 'a secret of an unknown type',
      xml: iscsi("type='chap' usage='libvirtiscsi'"),
      errors: [
        {
          messageId: 'unknownSecretType',
          data: { type: 'chap' },
          line: 27,
          column: 17,
          message: 'The <auth><secret> has an unknown type \'chap\': libvirt refuses it: "unknown secret type \'chap\'".',
        },
      ],
    },
    {
      name: '<encryption> given twice and <cipher> in a LUKS disk',
      xml: luks('raw', LUKS_SOURCE, LUKS_WITH_CIPHER),
      errors: [
        {
          messageId: 'givenTwice',
          data: { element: 'encryption' },
          line: 32,
          column: 7,
          message: '<encryption> is given both in <disk> and in its <source>: libvirt refuses it: "an <encryption> definition already found for disk source".',
        },
        {
          messageId: 'luksCipher',
          line: 34,
          column: 9,
          message: 'LUKS stores its cipher in the image header; <cipher> belongs in storage volume XML: libvirt refuses it: "supplying <cipher> for domain disk definition is unnecessary".',
        },
      ],
    },
    {
      name: '<auth> given twice',
      xml: iscsi("type='iscsi' usage='libvirtiscsi'").replace(
        "    <host name='storage.example.org'/>\n",
        "    <host name='storage.example.org'/>\n      <auth username='libvirt'>\n        <secret type='iscsi' usage='libvirtiscsi'/>\n      </auth>\n",
      ),
      errors: [{ messageId: 'givenTwice', data: { element: 'auth' }, line: 26, column: 7 }],
    },
    {
      name: 'QEMU encryption on a vmdk image, at the driver type',
      xml: luks('vmdk', LUKS_SOURCE, ''),
      errors: [
        {
          messageId: 'formatNotEncryptable',
          data: { format: 'vmdk' },
          line: 25,
          column: 27,
          message: 'QEMU cannot encrypt a vmdk image: libvirt refuses it: "encryption is supported only with \'raw\' and \'qcow2\' image format".',
        },
      ],
    },
  ],
});
