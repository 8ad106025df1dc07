import { defineRule } from '../src/engine/rule.js';
import type { XmlAttribute, XmlElement } from '../src/engine/tree.js';
import { isQemuDomain } from '../src/domain/machine.js';

const SECRET_USAGES = new Set(['none', 'volume', 'ceph', 'iscsi', 'tls', 'vtpm']);

export default defineRule({
  meta: {
    id: 'disk-auth-encryption-invalid',
    description: 'Disk <auth> / <encryption> given twice, with a wrong or missing secret type, a LUKS <cipher>, or on an image format QEMU cannot encrypt',
    severity: 'error',
    category: 'correctness',
    fixable: false,
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
      const report = (at: XmlElement | XmlAttribute, text: string, libvirt: string) => context.report({ at, message: `${text}: libvirt refuses it: "${libvirt}".` });
      for (const name of ['auth', 'encryption']) {
        const outer = disk.child(name);
        const inner = source?.child(name);
        if (outer && inner) report(outer, `<${name}> is given both in <disk> and in its <source>`, `an <${name}> definition already found for disk source`);
      }
      const protocol = source?.attr('protocol');
      const auth = disk.child('auth') ?? source?.child('auth');
      const secret = auth?.child('secret');
      if (secret && disk.attr('type') === 'network') {
        const typeAttr = secret.attribute('type');
        if (!typeAttr || !SECRET_USAGES.has(typeAttr.value)) {
          report(typeAttr ?? secret, `The <auth><secret> has ${typeAttr ? `an unknown type '${typeAttr.value}'` : 'no type'}`, `unknown secret type '${typeAttr?.value ?? '<null>'}'`);
        } else if ((protocol === 'iscsi' && typeAttr.value !== 'iscsi') || (protocol === 'rbd' && typeAttr.value !== 'ceph')) {
          report(typeAttr, `A ${protocol} disk needs a secret of type '${protocol === 'iscsi' ? 'iscsi' : 'ceph'}'`, `invalid secret type '${typeAttr.value}'`);
        }
      }
      const encryption = disk.child('encryption') ?? source?.child('encryption');
      if (!encryption) continue;
      const cipher = encryption.child('cipher');
      if (encryption.attr('format') === 'luks' && cipher) {
        report(cipher, 'LUKS stores its cipher in the image header; <cipher> belongs in storage volume XML', 'supplying <cipher> for domain disk definition is unnecessary');
      }
      const format = disk.child('driver')?.attribute('type');
      if (qemu && format && !['raw', 'qcow2'].includes(format.value) && encryption.attr('format') !== 'qcow' && encryption.attr('engine') !== 'librbd') {
        report(format, `QEMU cannot encrypt a ${format.value} image`, "encryption is supported only with 'raw' and 'qcow2' image format");
      }
    }
  },
});
