import { describe, expect, it } from 'vitest';
import rule from '../../rules/qemu-namespace-missing.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const BLOCK = `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
</qemu:commandline>`;
const undeclared = domain('', { extra: BLOCK });
const NS = `xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;

describe('qemu-namespace-missing', () => {
  it('reports qemu:commandline with an undeclared prefix at its start tag', () => {
    expect(diagnostics(rule, undeclared)).toEqual([
      {
        ruleId: 'qemu-namespace-missing',
        severity: 'error',
        line: 26,
        column: 3,
        endLine: 26,
        endColumn: 21,
        message:
          "<qemu:commandline> is in an undeclared 'qemu' namespace, not libvirt's QEMU namespace: libvirt silently drops it when the domain is defined, so none of its arguments reach QEMU. Add xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' to <domain>.",
      },
    ]);
  });

  it('--fix declares the namespace on <domain>', () => {
    expect(fixed(rule, undeclared)).toBe(undeclared.replace("<domain type='kvm'>", `<domain type='kvm' ${NS}>`));
    expect(diagnostics(rule, fixed(rule, undeclared))).toEqual([]);
  });

  it('corrects a prefix bound to another URI (a typo, an old URL)', () => {
    const wrong = domain('', { rootAttrs: ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0/'`, extra: BLOCK });
    expect(diagnostics(rule, wrong)[0].message).toContain("is in namespace 'http://libvirt.org/schemas/domain/qemu/1.0/'");
    expect(fixed(rule, wrong)).toBe(wrong.replace('qemu/1.0/', 'qemu/1.0'));
  });

  it('accepts the declaration on <domain> or on the element, and any prefix bound to the right URI', () => {
    expect(diagnostics(rule, domain('', { rootAttrs: ` ${NS}`, extra: BLOCK }))).toEqual([]);
    expect(diagnostics(rule, domain('', { extra: BLOCK.replace('<qemu:commandline>', `<qemu:commandline ${NS}>`) }))).toEqual([]);
    const q = BLOCK.replace(/qemu:/g, 'q:');
    expect(diagnostics(rule, domain('', { rootAttrs: ` xmlns:q='http://libvirt.org/schemas/domain/qemu/1.0'`, extra: q }))).toEqual([]);
  });

  it('also checks qemu:capabilities and qemu:override', () => {
    const caps = domain('', { extra: `<qemu:capabilities>\n  <qemu:del capability='usb-host.hostdevice'/>\n</qemu:capabilities>` });
    expect(diagnostics(rule, caps)[0].message).toContain('<qemu:capabilities> is in an undeclared');
  });
});
