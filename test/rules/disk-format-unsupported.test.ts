import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-format-unsupported.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const cdrom = (format: string) =>
  domain(`<disk type='file' device='cdrom'>
  <driver name='qemu' type='${format}'/>
  <source file='/srv/iso/debian-12.9.0-amd64-netinst.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
</disk>`);

describe('disk-format-unsupported', () => {
  it("reports driver type 'iso'", () => {
    expect(diagnostics(rule, cdrom('iso'))).toEqual([
      {
        ruleId: 'disk-format-unsupported',
        severity: 'error',
        line: 25,
        column: 27,
        endLine: 25,
        endColumn: 37,
        message:
          'QEMU has no \'iso\' image format: libvirt refuses it: "storage format \'iso\' is not directly supported by QEMU, use \'raw\' instead". Instead, use type=\'raw\' (an ISO image is a raw image).',
      },
    ]);
  });

  it("suggests type='raw' for ISO images", () => {
    expect(fixed(rule, cdrom('iso'))).toBe(cdrom('iso'));
    expect(applySuggestion(rule, cdrom('iso'), 0)).toBe(cdrom('raw'));
  });

  it('reports cow and the sheepdog protocol', () => {
    expect(diagnostics(rule, cdrom('cow'))[0].message).toContain(`"'cow' storage format is not supported"`);
    const sheepdog = domain(`<disk type='network' device='disk'>
  <driver name='qemu' type='raw'/>
  <source protocol='sheepdog' name='vm-images/win11'>
    <host name='sheep.example.org' port='7000'/>
  </source>
  <target dev='vda' bus='virtio'/>
</disk>`);
    expect(diagnostics(rule, sheepdog).map((d) => [d.line, d.column])).toEqual([[26, 15]]);
  });

  it('accepts raw and qcow2', () => {
    expect(diagnostics(rule, cdrom('raw'))).toEqual([]);
    expect(diagnostics(rule, cdrom('qcow2'))).toEqual([]);
  });
});
