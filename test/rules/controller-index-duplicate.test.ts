import rule from '#rules/controller-index-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

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

testRule(rule, {
  valid: [
    { name: 'distinct indexes', xml: ports('6') },
    {
      name: 'USB2 companion controllers sharing an index',
      xml: domain(`<controller type='usb' index='0' model='ich9-ehci1'/>
<controller type='usb' index='0' model='ich9-uhci1'>
  <master startport='0'/>
</controller>`),
    },
  ],
  invalid: [
    {
      name: 'the second PCI controller with an index in use, at its index attribute',
      xml: ports('5'),
      errors: [
        {
          messageId: 'duplicate',
          data: { type: 'pci', index: 5 },
          line: 30,
          column: 28,
          endLine: 30,
          endColumn: 37,
          severity: 'error',
          message: 'Another pci controller already has index 5: libvirt refuses it: "Multiple \'pci\' controllers with index \'5\'". Give each pci controller its own index.',
        },
      ],
    },
    {
      name: 'indexes compare as numbers (05 is 5)',
      xml: ports('05'),
      errors: [{ messageId: 'duplicate', data: { type: 'pci', index: 5 }, line: 30, column: 28, endColumn: 38 }],
    },
  ],
});
