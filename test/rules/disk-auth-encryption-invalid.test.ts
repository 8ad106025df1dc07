import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-auth-encryption-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const iscsi = (secretType: string) =>
  domain(`<disk type='network' device='disk'>
  <driver name='qemu' type='raw'/>
  <auth username='libvirt'>
    <secret ${secretType}usage='libvirtiscsi'/>
  </auth>
  <source protocol='iscsi' name='iqn.2013-06.com.example:storage/1'>
    <host name='iscsi.example.org' port='3260'/>
  </source>
  <target dev='vdb' bus='virtio'/>
</disk>`);

describe('disk-auth-encryption-invalid', () => {
  it('reports a Ceph secret on an iSCSI disk', () => {
    expect(diagnostics(rule, iscsi("type='ceph' "))).toEqual([
      {
        ruleId: 'disk-auth-encryption-invalid',
        severity: 'error',
        line: 27,
        column: 17,
        endLine: 27,
        endColumn: 28,
        message: 'A iscsi disk needs a secret of type \'iscsi\': libvirt refuses it: "invalid secret type \'ceph\'".',
      },
    ]);
  });

  it('reports a secret without a type', () => {
    expect(diagnostics(rule, iscsi(''))[0].message).toContain(`"unknown secret type '<null>'"`);
  });

  it('reports <cipher> in a LUKS disk and encryption given twice', () => {
    const luks = domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='raw'/>
  <source file='/var/lib/libvirt/images/secret.luks'>
    <encryption format='luks'>
      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>
    </encryption>
  </source>
  <target dev='vdb' bus='virtio'/>
  <encryption format='luks'>
    <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>
    <cipher name='aes' size='256' mode='xts' hash='sha256'/>
  </encryption>
</disk>`);
    expect(diagnostics(rule, luks).map((d) => d.message.split('"')[1])).toEqual([
      'an <encryption> definition already found for disk source',
      'supplying <cipher> for domain disk definition is unnecessary',
    ]);
  });

  it('accepts a correct iSCSI secret', () => {
    expect(diagnostics(rule, iscsi("type='iscsi' "))).toEqual([]);
  });
});
