import { describe, expect, it } from 'vitest';
import rule from '../../rules/memory-missing.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const base = domain(`<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`);
const noMemory = base.replace("  <memory unit='KiB'>16777216</memory>\n", '').replace("  <currentMemory unit='KiB'>16777216</currentMemory>\n", '');

describe('memory-missing', () => {
  it('reports a domain without <memory> at the <domain> start tag', () => {
    expect(diagnostics(rule, noMemory)).toEqual([
      {
        ruleId: 'memory-missing',
        severity: 'error',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 20,
        message:
          'The domain has no <memory> and no NUMA cell gives a size: libvirt refuses it: "Memory size must be specified via <memory> or in the <numa> configuration". Add the guest\'s memory size, e.g. <memory unit=\'GiB\'>4</memory>.',
      },
    ]);
  });

  it('reports <memory> of 0 at the <memory> element', () => {
    const zero = base.replace("<memory unit='KiB'>16777216</memory>", "<memory unit='KiB'>0</memory>");
    const [d] = diagnostics(rule, zero);
    expect(d).toMatchObject({ line: 4, column: 3, endColumn: 22 });
    expect(d.message).toMatch(/^<memory> is 0 and no NUMA cell gives a size/);
  });

  it('accepts the memory given by NUMA cells instead', () => {
    const numa = noMemory.replace(
      "    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n",
      "    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n    <numa>\n      <cell id='0' cpus='0-7' memory='16' unit='GiB'/>\n    </numa>\n",
    );
    expect(diagnostics(rule, numa)).toEqual([]);
  });

  it('accepts a domain with <memory>', () => {
    expect(diagnostics(rule, base)).toEqual([]);
  });
});
