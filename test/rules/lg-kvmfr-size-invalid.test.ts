import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-kvmfr-size-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
const backend = (value: string) =>
  domain('', {
    rootAttrs: NS,
    extra: `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem-plain,id=shmem0,memdev=looking-glass'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='${value}'/>
</qemu:commandline>`,
  });

describe('lg-kvmfr-size-invalid', () => {
  it('reports a legacy size that is not a power of two at the -object value', () => {
    expect(diagnostics(rule, backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=48M,share=yes'))).toEqual([
      {
        ruleId: 'lg-kvmfr-size-invalid',
        severity: 'error',
        line: 30,
        column: 5,
        endLine: 30,
        endColumn: 101,
        message:
          "The Looking Glass memory backend (/dev/kvmfr0) is 48 MiB, not a power of two: QEMU only maps power-of-two PCI BARs, so the VM will not start. Use 64 MiB (67108864 bytes) and set the kvmfr module's static_size_mb to 64.",
      },
    ]);
  });

  it('reads JSON sizes in bytes and /dev/shm/looking-glass backends', () => {
    const json = backend('{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/shm/looking-glass","size":50331648,"share":true}');
    expect(diagnostics(rule, json)[0].message).toContain('(/dev/shm/looking-glass) is 48 MiB');
  });

  it('accepts power-of-two sizes and ignores other memory backends', () => {
    expect(diagnostics(rule, backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=64M,share=yes'))).toEqual([]);
    expect(diagnostics(rule, backend('{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":134217728,"share":true}'))).toEqual([]);
    expect(diagnostics(rule, backend('memory-backend-file,id=mem1,mem-path=/dev/hugepages/vm,size=48M'))).toEqual([]);
  });
});
