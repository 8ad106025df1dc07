import rule from '#rules/usb-controller-too-many-ports.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const xhci = (model: string, ports: string) =>
  domain(`<controller type='usb' index='0' model='${model}' ports='${ports}'>
  <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
</controller>`);

testRule(rule, {
  valid: [
    { name: '15 ports on qemu-xhci', xml: xhci('qemu-xhci', '15') },
    { name: 'a controller model without a known limit', xml: xhci('ich9-ehci1', '16') },
    // `virsh define` refuses ports='0x10' when it parses the attribute (base 10:
    // "Expected integer value"), before this limit is checked.
    { name: 'a hex port count, refused by the parser rather than this check', xml: xhci('qemu-xhci', '0x10') },
    { name: 'outside the QEMU driver', xml: xhci('qemu-xhci', '16').replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: 'more than 15 ports on qemu-xhci, at the ports attribute; setting 15 is only a suggestion (it picks a value)',
      xml: xhci('qemu-xhci', '16'),
      errors: [
        {
          messageId: 'tooManyPorts',
          data: { model: 'qemu-xhci', max: 15, ports: 16 },
          line: 24,
          column: 56,
          endLine: 24,
          endColumn: 66,
          severity: 'error',
          message:
            'A qemu-xhci controller has at most 15 ports, not 16: libvirt refuses it: "\'qemu-xhci\' controller only supports up to \'15\' ports". Set ports=\'15\' (add a USB hub for more devices).',
          suggestions: [{ title: "Set ports='15'", output: xhci('qemu-xhci', '15') }],
        },
      ],
      output: null,
      unsafeOutput: xhci('qemu-xhci', '15'),
    },
    {
      name: 'more than 15 ports on nec-xhci',
      xml: xhci('nec-xhci', '32'),
      errors: [
        {
          messageId: 'tooManyPorts', data: { model: 'nec-xhci', max: 15, ports: 32 }, line: 24, column: 55,
          suggestions: [{ output: xhci('nec-xhci', '15') }],
        },
      ],
      output: null,
    },
    {
      name: "ports='020' is 20: libvirt reads ports in base 10, not octal",
      xml: xhci('qemu-xhci', '020'),
      errors: [
        {
          messageId: 'tooManyPorts',
          data: { model: 'qemu-xhci', max: 15, ports: 20 },
          line: 24,
          column: 56,
          suggestions: [{ output: xhci('qemu-xhci', '15') }],
        },
      ],
      output: null,
    },
  ],
});
