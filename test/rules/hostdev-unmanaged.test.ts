import { describe, expect, it } from 'vitest';
import rule from '../../rules/hostdev-unmanaged.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const hostdev = (attrs: string) =>
  domain(`<hostdev mode='subsystem' type='pci'${attrs}>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`);

describe('hostdev-unmanaged', () => {
  it("reports managed='no' at the attribute", () => {
    expect(diagnostics(rule, hostdev(" managed='no'"))).toEqual([
      {
        ruleId: 'hostdev-unmanaged',
        severity: 'info',
        line: 24,
        column: 42,
        endLine: 24,
        endColumn: 54,
        message:
          "PCI hostdev 0000:0b:00.0 is managed='no': libvirt will not bind it to vfio-pci for you; detach it first (virsh nodedev-detach, or vfio-pci.ids at boot), or set managed='yes'.",
      },
    ]);
  });

  it('reports a missing managed attribute at the element', () => {
    const [d] = diagnostics(rule, hostdev(''));
    expect(d).toMatchObject({ line: 24, column: 5 });
    expect(d.message).toContain("is not managed (no managed='yes')");
  });

  it("is quiet with managed='yes' and for USB hostdevs", () => {
    expect(diagnostics(rule, hostdev(" managed='yes'"))).toEqual([]);
    expect(diagnostics(rule, domain(`<hostdev mode='subsystem' type='usb'>\n  <source>\n    <vendor id='0x046d'/>\n    <product id='0xc52b'/>\n  </source>\n</hostdev>`))).toEqual([]);
  });
});
