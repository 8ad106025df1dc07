import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-kvmfr-legacy-syntax.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
const withArgs = (args: string) => domain('', { rootAttrs: NS, extra: `<qemu:commandline>\n${args}\n</qemu:commandline>` });
// The legacy block from Looking Glass's KVMFR guide, as older guides give it.
const legacy = withArgs(`  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem-plain,id=shmem0,memdev=looking-glass'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=32M,share=yes'/>`);
const NEW_HOST = { host: { qemu: '10.2.2', libvirt: '11.3.0' } };

describe('lg-kvmfr-legacy-syntax', () => {
  it('reports the legacy -device value on QEMU 6.2+ with libvirt 7.9+', () => {
    expect(diagnostics(rule, legacy, NEW_HOST)).toEqual([
      {
        ruleId: 'lg-kvmfr-legacy-syntax',
        severity: 'warning',
        line: 28,
        column: 5,
        endLine: 28,
        endColumn: 69,
        message:
          "-device 'ivshmem-plain,id=shmem0,memdev=looking-glass' uses the legacy syntax; with QEMU 6.2+ and libvirt 7.9+ libvirt passes its devices as JSON and Looking Glass warns that QEMU may abort with \"PCI: slot 1 function 0 not available for pcie-root-port, in use by ivshmem-plain\". Write it in the JSON syntax: {\"driver\":\"ivshmem-plain\",\"id\":\"shmem0\",\"memdev\":\"looking-glass\"}.",
      },
    ]);
  });

  it('does not run on older hosts or without both versions, and accepts the JSON syntax', () => {
    expect(diagnostics(rule, legacy, { host: { qemu: '6.1.0', libvirt: '11.3.0' } })).toEqual([]);
    expect(diagnostics(rule, legacy, { host: { qemu: '10.2.2', libvirt: '7.8.0' } })).toEqual([]);
    expect(diagnostics(rule, legacy, { host: { qemu: '10.2.2' } })).toEqual([]);
    const json = withArgs(`  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>`);
    expect(diagnostics(rule, json, NEW_HOST)).toEqual([]);
  });

  it('suggests the JSON form of the guide for the device and its backend (not applied by --fix)', () => {
    expect(fixed(rule, legacy, NEW_HOST)).toBe(legacy);
    expect(applySuggestion(rule, legacy, 0, NEW_HOST)).toBe(
      legacy
        .replace('ivshmem-plain,id=shmem0,memdev=looking-glass', '{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}')
        .replace(
          'memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=32M,share=yes',
          '{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":33554432,"share":true}',
        ),
    );
  });

  it("uses single quotes inside double-quoted attributes, as Looking Glass's guide writes them", () => {
    const dq = legacy.replace(/'/g, '"');
    expect(applySuggestion(rule, dq, 0, NEW_HOST)).toContain(`value="{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}"`);
  });

  it('offers no rewrite for properties it cannot translate exactly', () => {
    const odd = withArgs(`  <qemu:arg value='-device'/>\n  <qemu:arg value='ivshmem-plain,memdev=looking-glass,addr=0x10,master=on'/>`);
    expect(diagnostics(rule, odd, NEW_HOST)).toHaveLength(1);
    expect(() => applySuggestion(rule, odd, 0, NEW_HOST)).toThrow('no suggestion');
  });
});
