import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-lun-source-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const lun = (type: string, format: string, source: string) =>
  domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<disk type='${type}' device='lun'>
  <driver name='qemu' type='${format}'/>
  ${source}
  <target dev='sda' bus='scsi'/>
</disk>`);

describe('disk-lun-source-invalid', () => {
  it('reports a LUN backed by an image file', () => {
    expect(diagnostics(rule, lun('file', 'raw', "<source file='/var/lib/libvirt/images/data.raw'/>"))).toEqual([
      {
        ruleId: 'disk-lun-source-invalid',
        severity: 'error',
        line: 25,
        column: 11,
        endLine: 25,
        endColumn: 22,
        message:
          'A LUN passes SCSI commands to a host block device, and a file source has none: libvirt refuses it: "disk device=\'lun\' is only valid for block type disk source". Use device=\'disk\' for images, or a block device source.',
      },
    ]);
  });

  it('reports a non-raw format', () => {
    expect(diagnostics(rule, lun('block', 'qcow2', "<source dev='/dev/sdb'/>"))[0].message).toContain(`"disk device 'lun' must use 'raw' format"`);
  });

  it('accepts a raw block LUN', () => {
    expect(diagnostics(rule, lun('block', 'raw', "<source dev='/dev/disk/by-id/wwn-0x5000c500a1b2c3d4'/>"))).toEqual([]);
  });
});
