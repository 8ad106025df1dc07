import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-target-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const disks = (second: string) =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' discard='unmap'/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>
<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/data.qcow2'/>
  <target dev='${second}' bus='virtio'/>
</disk>`);

describe('disk-target-duplicate', () => {
  it('reports the second disk using a target name', () => {
    expect(diagnostics(rule, disks('vda'))).toEqual([
      {
        ruleId: 'disk-target-duplicate',
        severity: 'error',
        line: 32,
        column: 15,
        endLine: 32,
        endColumn: 24,
        message:
          'Target \'vda\' is already used by another <disk>: libvirt refuses it: "target \'vda\' duplicated for disk sources \'/var/lib/libvirt/images/win11.qcow2\' and \'/var/lib/libvirt/images/data.qcow2\'". Give each disk its own target name (vda, vdb, ... or sda, sdb, ...).',
      },
    ]);
  });

  it('compares target names across buses too', () => {
    const xml = domain(`<disk type='file' device='cdrom'>
  <target dev='sda' bus='sata'/>
  <readonly/>
</disk>
<disk type='block' device='disk'>
  <source dev='/dev/vg0/data'/>
  <target dev='sda' bus='scsi'/>
</disk>`);
    const found = diagnostics(rule, xml);
    expect(found.map((d) => d.line)).toEqual([30]);
    expect(found[0].message).toContain(`"target 'sda' duplicated for disk sources '<null>' and '/dev/vg0/data'"`);
  });

  it('accepts distinct targets', () => {
    expect(diagnostics(rule, disks('vdb'))).toEqual([]);
  });
});
