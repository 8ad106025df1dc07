import { describe, expect, it } from 'vitest';
import rule from '../../rules/controller-index-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const ports = (second: string) =>
  domain(`<controller type='pci' index='0' model='pcie-root'/>
<controller type='pci' index='5' model='pcie-root-port'>
  <model name='pcie-root-port'/>
  <target chassis='5' port='0x14'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x4'/>
</controller>
<controller type='pci' index='${second}' model='pcie-root-port'>
  <model name='pcie-root-port'/>
  <target chassis='6' port='0x15'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x5'/>
</controller>`);

describe('controller-index-duplicate', () => {
  it('reports the second PCI controller with an index in use', () => {
    expect(diagnostics(rule, ports('5'))).toEqual([
      {
        ruleId: 'controller-index-duplicate',
        severity: 'error',
        line: 30,
        column: 28,
        endLine: 30,
        endColumn: 37,
        message: 'Another pci controller already has index 5: libvirt refuses it: "Multiple \'pci\' controllers with index \'5\'". Give each pci controller its own index.',
      },
    ]);
  });

  it('accepts distinct indexes, and USB2 companions sharing an index', () => {
    expect(diagnostics(rule, ports('6'))).toEqual([]);
    const usb2 = domain(`<controller type='usb' index='0' model='ich9-ehci1'/>
<controller type='usb' index='0' model='ich9-uhci1'>
  <master startport='0'/>
</controller>`);
    expect(diagnostics(rule, usb2)).toEqual([]);
  });
});
