import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-iotune-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const disk = (iotune: string, extra = '') =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/db.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <iotune>
${iotune}
  </iotune>${extra}
</disk>`);

describe('disk-iotune-invalid', () => {
  it('reports a total limit next to a read limit', () => {
    expect(diagnostics(rule, disk('    <total_bytes_sec>104857600</total_bytes_sec>\n    <read_bytes_sec>52428800</read_bytes_sec>'))).toEqual([
      {
        ruleId: 'disk-iotune-invalid',
        severity: 'error',
        line: 29,
        column: 9,
        endLine: 29,
        endColumn: 26,
        message:
          'total_bytes_sec is set together with read_bytes_sec or write_bytes_sec: libvirt refuses it: "total and read/write bytes_sec cannot be set at the same time". Keep either the total or the per-direction limits.',
      },
    ]);
  });

  it('reports <iotune> combined with <throttlefilters>', () => {
    const xml = disk('    <total_iops_sec>1000</total_iops_sec>', "\n  <throttlefilters>\n    <throttlefilter group='limit0'/>\n  </throttlefilters>");
    expect(diagnostics(rule, xml)[0].message).toContain(`"block 'throttlefilters' can't be used together with 'iotune' for disk 'vda'"`);
  });

  it('accepts per-direction limits', () => {
    expect(diagnostics(rule, disk('    <read_bytes_sec>52428800</read_bytes_sec>\n    <write_bytes_sec>52428800</write_bytes_sec>'))).toEqual([]);
  });
});
