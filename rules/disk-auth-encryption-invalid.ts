import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

/** The common tail of every message: libvirt's own words. */
const refuses = (libvirt: string) => `: libvirt refuses it: "${libvirt}".`;

const SECRET_USAGES = new Set(['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm']);

export default defineRule({
  meta: {
    id: 'disk-auth-encryption-invalid',
    description: 'Disk <auth> / <encryption> given twice, with a wrong or missing secret type, a LUKS <cipher>, or on an image format QEMU cannot encrypt',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      givenTwice: '<{{element}}> is given both in <disk> and in its <source>' + refuses('an <{{element}}> definition already found for disk source'),
      unknownSecretType: "The <auth><secret> has an unknown type '{{type}}'" + refuses("unknown secret type '{{type}}'"),
      missingSecretType: 'The <auth><secret> has no type' + refuses("unknown secret type '<null>'"),
      wrongSecretType: "A {{protocol}} disk needs a secret of type '{{expected}}'" + refuses("invalid secret type '{{type}}'"),
      luksCipher: 'LUKS stores its cipher in the image header; <cipher> belongs in storage volume XML' + refuses('supplying <cipher> for domain disk definition is unnecessary'),
      formatNotEncryptable: 'QEMU cannot encrypt a {{format}} image' + refuses("encryption is supported only with 'raw' and 'qcow2' image format"),
    },
    docs: {
      whatItDoes:
        "Checks a `<disk>`'s credentials and encryption: `<auth>` and `<encryption>` may appear either in `<disk>` or in its `<source>`, not both; `<auth><secret type>` must be a known usage and `iscsi` for iSCSI, `ceph` for RBD; a LUKS `<encryption>` must not carry `<cipher>`; and (QEMU driver) QEMU's own encryption (not `engine='librbd'`) is only possible on `raw` and `qcow2` images.",
      whyIsThisBad:
        'libvirt refuses each of these at define time: "an <auth> definition already found for disk source", "unknown secret type \'<null>\'", "invalid secret type \'ceph\'", "supplying <cipher> for domain disk definition is unnecessary", "encryption is supported only with \'raw\' and \'qcow2\' image format". They come from copying auth blocks between iSCSI and Ceph disks or from storage-pool volume XML (where `<cipher>` belongs).',
      example: `<disk type='network' device='disk'>
  <driver name='qemu' type='raw'/>
  <auth username='libvirt'>
    <secret type='ceph' usage='client.libvirt secret'/>
  </auth>
  <source protocol='iscsi' name='iqn.2013-06.com.example:storage/1'>
    <host name='iscsi.example.org' port='3260'/>
  </source>
  <target dev='vdb' bus='virtio'/>
</disk>`,
      useInstead: `<disk type='network' device='disk'>
  <driver name='qemu' type='raw'/>
  <auth username='libvirt'>
    <secret type='iscsi' usage='libvirtiscsi'/>
  </auth>
  <source protocol='iscsi' name='iqn.2013-06.com.example:storage/1'>
    <host name='iscsi.example.org' port='3260'/>
  </source>
  <target dev='vdb' bus='virtio'/>
</disk>`,
      fixSafety: 'No fix: secrets and encryption settings must be chosen deliberately.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDiskDefValidateSourceChainOne: "unknown secret type \'%1$s\'", "invalid secret type \'%1$s\'", "supplying <cipher> for domain disk definition is unnecessary"',
        'libvirt 11.3 src/conf/domain_conf.c virDomainDiskDefParseXML: "an <auth> definition already found for disk source", "an <encryption> definition already found for disk source"',
        'libvirt 11.3 src/qemu/qemu_domain.c qemuDomainValidateStorageSource: "encryption is supported only with \'raw\' and \'qcow2\' image format"',
        'libvirt tests qemuxmlconfdata/disk-network-source-auth-both.xml, luks-disks-source-both.xml, disk-network-iscsi-auth-*.xml, luks-disk-invalid.xml, disk-encryption-wrong.xml',
      ],
    },
  },
  create(context) {
    const qemu = isQemuDomain(context.domain);
    for (const disk of context.domain.select('devices/disk')) {
      const source = disk.child('source');
      for (const name of ['auth', 'encryption']) {
        const outer = disk.child(name);
        const inner = source?.child(name);
        if (outer && inner) context.report({ at: outer, messageId: 'givenTwice', data: { element: name } });
      }
      const protocol = source?.attr('protocol');
      const auth = disk.child('auth') ?? source?.child('auth');
      const secret = auth?.child('secret');
      if (secret && disk.attr('type') === 'network') {
        const typeAttr = secret.attribute('type');
        if (!typeAttr) {
          context.report({ at: secret, messageId: 'missingSecretType' });
        } else if (!SECRET_USAGES.has(typeAttr.value)) {
          context.report({ at: typeAttr, messageId: 'unknownSecretType', data: { type: typeAttr.value } });
        } else if ((protocol === 'iscsi' && typeAttr.value !== 'iscsi') || (protocol === 'rbd' && typeAttr.value !== 'ceph')) {
          const expected = protocol === 'iscsi' ? 'iscsi' : 'ceph';
          context.report({ at: typeAttr, messageId: 'wrongSecretType', data: { protocol, expected, type: typeAttr.value } });
        }
      }
      const encryption = disk.child('encryption') ?? source?.child('encryption');
      if (!encryption) continue;
      const cipher = encryption.child('cipher');
      if (encryption.attr('format') === 'luks' && cipher) {
        context.report({ at: cipher, messageId: 'luksCipher' });
      }
      const format = disk.child('driver')?.attribute('type');
      if (qemu && format && !['raw', 'qcow2'].includes(format.value) && encryption.attr('format') !== 'qcow' && encryption.attr('engine') !== 'librbd') {
        context.report({ at: format, messageId: 'formatNotEncryptable', data: { format: format.value } });
      }
    }
  },
});
