import { describe, expect, it } from 'vitest';
import rule from '../../rules/memballoon-with-passthrough.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
const BALLOON = `<memballoon model='virtio'>
  <stats period='10'/>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
</memballoon>`;
const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;

describe('memballoon-with-passthrough', () => {
  it('reports a virtio balloon on a PCI passthrough VM at its model attribute', () => {
    expect(diagnostics(rule, domain(`${GPU}\n${BALLOON}`))).toEqual([
      {
        ruleId: 'memballoon-with-passthrough',
        severity: 'warning',
        line: 29,
        column: 17,
        endLine: 29,
        endColumn: 31,
        message:
          "<memballoon model='virtio'> is enabled; this VM passes a PCI device through, and Looking Glass's guide says the balloon \"causes major performance issues with VFIO passthrough setups, and should be disabled\". Use <memballoon model='none'/>.",
      },
    ]);
  });

  it('counts a missing <memballoon> (libvirt adds a virtio one), reported at <devices>', () => {
    const [d] = diagnostics(rule, domain(LG));
    expect(d).toMatchObject({ line: 22, column: 3, endColumn: 12 });
    expect(d.message).toContain('No <memballoon>, so libvirt adds a virtio memory balloon; this VM uses Looking Glass');
  });

  it("is quiet with model='none', without passthrough or Looking Glass, and outside the QEMU driver", () => {
    expect(diagnostics(rule, domain(`${GPU}\n<memballoon model='none'/>`))).toEqual([]);
    expect(diagnostics(rule, domain(BALLOON))).toEqual([]);
    expect(diagnostics(rule, domain(`<hostdev mode='subsystem' type='usb' managed='yes'>\n  <source>\n    <vendor id='0x046d'/>\n    <product id='0xc52b'/>\n  </source>\n</hostdev>\n${BALLOON}`))).toEqual([]);
    expect(diagnostics(rule, domain(`${GPU}\n${BALLOON}`).replace("<domain type='kvm'>", "<domain type='xen'>"))).toEqual([]);
  });

  it("--fix replaces the element with <memballoon model='none'/>", () => {
    const xml = domain(`${GPU}\n${BALLOON}`);
    expect(fixed(rule, xml)).toBe(xml.replace(BALLOON.replace(/\n/g, '\n    '), "<memballoon model='none'/>"));
  });

  it('--fix adds one at the end of <devices> when there is none, in the file\'s quote style', () => {
    const xml = domain(LG);
    expect(fixed(rule, xml)).toBe(xml.replace('    </shmem>\n', "    </shmem>\n    <memballoon model='none'/>\n"));
    const dq = domain(LG.replace(/'/g, '"'));
    expect(fixed(rule, dq)).toBe(dq.replace('    </shmem>\n', '    </shmem>\n    <memballoon model="none"/>\n'));
  });
});
