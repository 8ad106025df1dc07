import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-vendor-product-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const disk = (bus: string, fields: string) =>
  domain(`<disk type='block' device='disk'>
  <driver name='qemu' type='raw' cache='none'/>
  <source dev='/dev/vg0/data'/>
  <target dev='sda' bus='${bus}'/>
  ${fields}
</disk>`);

describe('disk-vendor-product-invalid', () => {
  it('reports a product longer than 16 characters', () => {
    expect(diagnostics(rule, disk('scsi', '<product>WD10EZEX-00BN5A00</product>'))).toEqual([
      {
        ruleId: 'disk-vendor-product-invalid',
        severity: 'error',
        line: 28,
        column: 7,
        endLine: 28,
        endColumn: 16,
        message: '<product> is 17 characters long: libvirt refuses it: "disk product is more than 16 characters". Use at most 16 characters.',
      },
    ]);
  });

  it('reports <vendor> on a non-SCSI disk', () => {
    expect(diagnostics(rule, disk('virtio', '<vendor>SEAGATE</vendor>'))[0].message).toContain(`"Only scsi disk supports 'vendor'"`);
  });

  it('accepts short strings on SCSI, and <product> on SATA', () => {
    expect(diagnostics(rule, disk('scsi', '<vendor>SEAGATE</vendor>\n  <product>ST3146707LC</product>'))).toEqual([]);
    expect(diagnostics(rule, disk('sata', '<product>WD10EZEX-00BN5A0</product>'))).toEqual([]);
  });
});
