import { describe, expect, it } from 'vitest';
import rule from '../../rules/boot-order-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const install = (cdromOrder: string) =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <boot order='1'/>
</disk>
<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/Win11_24H2_English_x64.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
  <boot order='${cdromOrder}'/>
</disk>`).replace("    <boot dev='hd'/>\n", '');

describe('boot-order-duplicate', () => {
  it('reports the second device with an order already in use', () => {
    expect(diagnostics(rule, install('1'))).toEqual([
      {
        ruleId: 'boot-order-duplicate',
        severity: 'error',
        line: 34,
        column: 13,
        endLine: 34,
        endColumn: 22,
        message:
          'Boot order 1 is already used by <disk> \'vda\': libvirt refuses it: "boot order \'1\' used for more than one device". Give every bootable device its own order (1 boots first).',
      },
    ]);
  });

  it('compares orders as numbers', () => {
    expect(diagnostics(rule, install('01'))).toHaveLength(1);
  });

  it('accepts distinct orders', () => {
    expect(diagnostics(rule, install('2'))).toEqual([]);
  });
});
