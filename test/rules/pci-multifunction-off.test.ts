import { describe, expect, it } from 'vitest';
import rule from '../../rules/pci-multifunction-off.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// A GPU and its HDMI audio placed by hand in one guest slot.
const gpu = (multi: string) =>
  domain(`<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'${multi}/>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x1'/>
</hostdev>`);

describe('pci-multifunction-off', () => {
  it("reports multifunction='off' on function 0 of a shared slot, quoting QEMU", () => {
    expect(diagnostics(rule, gpu(" multifunction='off'"))).toEqual([
      {
        ruleId: 'pci-multifunction-off',
        severity: 'error',
        line: 28,
        column: 81,
        endLine: 28,
        endColumn: 100,
        message:
          "Guest PCI slot 0000:05:00 holds function 0 with multifunction='off' and also function 1 (0000:05:00.1); QEMU refuses to start: \"PCI: single function device can't be populated in function 0.1\" (or \"PCI: 0.0 indicates single function, but 0.1 is already populated.\", depending on the order). Set multifunction='on' on function 0.",
      },
    ]);
  });

  it("suggests multifunction='on', which --fix leaves to the user: the 'off' was written explicitly", () => {
    expect(fixed(rule, gpu(" multifunction='off'"))).toBe(gpu(" multifunction='off'"));
    expect(fixed(rule, gpu(" multifunction='off'"), { mode: 'unsafe' })).toBe(gpu(" multifunction='on'"));
  });

  it('is quiet when the attribute is absent (libvirt sets it), on, or the slot has one function', () => {
    expect(diagnostics(rule, gpu(''))).toEqual([]);
    expect(diagnostics(rule, gpu(" multifunction='on'"))).toEqual([]);
    const single = domain(`<controller type='pci' index='4' model='pcie-root-port'>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0' multifunction='off'/>\n</controller>`);
    expect(diagnostics(rule, single)).toEqual([]);
  });

  it("follows libvirt's q35-multifunction test: slot 4 with 'off' on function 0 and a function 1", () => {
    const xml = domain(`<controller type='pci' index='6' model='pcie-root-port'>
  <address type='pci' slot='4' function='0' multifunction='off'/>
</controller>
<controller type='pci' index='7' model='pcie-root-port'>
  <address type='pci' slot='4' function='1'/>
</controller>`);
    expect(diagnostics(rule, xml)[0].message).toContain('Guest PCI slot 0000:00:04 holds function 0');
  });
});
