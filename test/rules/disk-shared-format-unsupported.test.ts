import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-shared-format-unsupported.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const shared = (format: string, extra = '') =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='${format}' cache='none'/>
  <source file='/srv/cluster/quorum.img'/>
  <target dev='vdb' bus='virtio'/>
  <shareable/>${extra}
</disk>`);

describe('disk-shared-format-unsupported', () => {
  it('reports a shareable qcow2 disk', () => {
    expect(diagnostics(rule, shared('qcow2'))).toEqual([
      {
        ruleId: 'disk-shared-format-unsupported',
        severity: 'error',
        line: 25,
        column: 27,
        endLine: 25,
        endColumn: 39,
        message:
          'Disk \'vdb\' is shareable but its qcow2 format cannot be written by two guests at once: libvirt refuses it: "shared access for disk \'vdb\' requires use of supported storage format". Use a raw image (or drop <shareable/>).',
      },
    ]);
  });

  it('accepts raw, and read-only sharing', () => {
    expect(diagnostics(rule, shared('raw'))).toEqual([]);
    expect(diagnostics(rule, shared('qcow2', '\n  <readonly/>'))).toEqual([]);
  });
});
