import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-kvmfr-json-on-old-host.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
// The JSON block from Looking Glass's current KVMFR guide.
const json = domain('', {
  rootAttrs: NS,
  extra: `<qemu:commandline>
  <qemu:arg value="-device"/>
  <qemu:arg value="{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}"/>
  <qemu:arg value="-object"/>
  <qemu:arg value="{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/dev/kvmfr0','size':33554432,'share':true}"/>
</qemu:commandline>`,
});

describe('lg-kvmfr-json-on-old-host', () => {
  it('is an error on QEMU older than 6.2, at the JSON value', () => {
    expect(diagnostics(rule, json, { host: { qemu: '6.1.1' } })).toEqual([
      {
        ruleId: 'lg-kvmfr-json-on-old-host',
        severity: 'error',
        line: 28,
        column: 5,
        endLine: 28,
        endColumn: 90,
        message:
          "-device uses the JSON syntax, which QEMU 6.1.1 does not understand (JSON -device needs QEMU 6.2 or later): QEMU will not start. Use the legacy form 'ivshmem-plain,id=shmem0,memdev=looking-glass', as Looking Glass's guide says for QEMU older than 6.2.",
      },
    ]);
  });

  it('is a warning with QEMU 6.2+ but libvirt older than 7.9', () => {
    const [d] = diagnostics(rule, json, { host: { qemu: '6.2.0', libvirt: '7.8.0' } });
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('with libvirt 7.8.0');
  });

  it('is quiet on current hosts, on the legacy syntax, and without the QEMU version', () => {
    expect(diagnostics(rule, json, { host: { qemu: '6.2.0', libvirt: '7.9.0' } })).toEqual([]);
    expect(diagnostics(rule, json, { host: { qemu: '10.2.2' } })).toEqual([]);
    expect(diagnostics(rule, json, { host: { libvirt: '7.0.0' } })).toEqual([]);
    const legacy = json.replace(`"{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}"`, '"ivshmem-plain,id=shmem0,memdev=looking-glass"');
    expect(diagnostics(rule, legacy, { host: { qemu: '6.1.1' } })).toEqual([]);
  });
});
