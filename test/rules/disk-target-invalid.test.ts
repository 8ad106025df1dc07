import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-target-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const disk = (target: string) =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='raw'/>
  <source file='/var/lib/libvirt/images/data.raw'/>
  ${target}
</disk>`);

describe('disk-target-invalid', () => {
  it('reports a partition as target', () => {
    expect(diagnostics(rule, disk("<target dev='vdb1' bus='virtio'/>"))).toEqual([
      {
        ruleId: 'disk-target-invalid',
        severity: 'error',
        line: 27,
        column: 15,
        endLine: 27,
        endColumn: 25,
        message:
          '\'vdb1\' names a partition; a guest disk is always a whole disk: libvirt refuses it: "invalid disk target \'vdb1\', partitions can\'t appear in disk targets". Use \'vdb\' (or another free name).',
      },
    ]);
  });

  it('reports a missing target and a wrong prefix', () => {
    const none = diagnostics(rule, disk(''));
    expect(none.map((d) => [d.line, d.column])).toEqual([[24, 5]]);
    expect(none[0].message).toContain('"missing target information for device /var/lib/libvirt/images/data.raw"');
    expect(diagnostics(rule, disk("<target dev='nvme0' bus='virtio'/>"))[0].message).toContain('"Invalid harddisk device name: nvme0"');
  });

  it('accepts ordinary names', () => {
    expect(diagnostics(rule, disk("<target dev='vdb' bus='virtio'/>"))).toEqual([]);
    expect(diagnostics(rule, disk("<target dev='sdaa' bus='scsi'/>"))).toEqual([]);
  });
});
