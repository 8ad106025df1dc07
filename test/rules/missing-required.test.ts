import rule from '#rules/missing-required.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const REFUSED = 'libvirt refuses the domain';
const VALIDATE_ONLY = 'plain `virsh define` accepts it, but `virsh define --validate` refuses it';
const hyperv = (vapic: string) => domain('', { features: `<acpi/>\n<hyperv mode='custom'>\n  ${vapic}\n</hyperv>` });

testRule(rule, {
  valid: [
    { name: 'everything required is there', xml: hyperv("<vapic state='on'/>") },
    { name: 'a misspelt required attribute is unknown-attribute’s, not reported twice', xml: hyperv("<vapic stat='on'/>") },
    { name: 'a <disk> without <target> is disk-target-invalid’s (it quotes libvirt)', xml: domain("<disk type='file' device='disk'>\n  <source file='/var/lib/libvirt/images/x.qcow2'/>\n</disk>") },
  ],
  invalid: [
    {
      name: 'a required attribute libvirt refuses to do without: at the element name, named exactly',
      xml: hyperv('<vapic/>'),
      errors: [
        {
          messageId: 'attribute',
          data: { element: '<vapic>', names: "'state'", consequence: REFUSED, effect: 'refused' },
          line: 14,
          column: 8,
          endColumn: 13,
          severity: 'error',
          message: "<vapic> is missing the required attribute 'state': libvirt refuses the domain.",
        },
      ],
    },
    {
      name: 'a required attribute libvirt fills in itself is a warning',
      xml: domain("<controller type='pci' index='1'/>"),
      errors: [{ messageId: 'attribute', data: { element: "<controller type='pci'>", names: "'model'", consequence: VALIDATE_ONLY, effect: 'validate-only' }, line: 24, column: 6, severity: 'warning' }],
    },
    {
      name: 'several required attributes',
      xml: domain('').replace("<topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>", '<topology/>'),
      errors: [{ messageId: 'attributes', data: { element: '<topology>', names: "'sockets', 'cores' and 'threads'", consequence: REFUSED, effect: 'refused' }, line: 17, column: 6 }],
    },
    {
      name: 'one of two attributes',
      xml: domain("<filesystem type='mount'>\n  <source/>\n  <target dir='srv'/>\n</filesystem>"),
      errors: [{ messageId: 'oneOfAttributes', data: { element: '<source>', names: "'dir' or 'socket'", consequence: REFUSED, effect: 'refused' }, line: 25, column: 8 }],
    },
    {
      name: 'a required child element, only that one (not every child the element could have)',
      xml: domain("<filesystem type='mount'>\n  <source dir='/srv'/>\n</filesystem>"),
      errors: [
        {
          messageId: 'element',
          line: 24,
          column: 6,
          severity: 'error',
          message: "<filesystem type='mount'> is missing the required child element <target>: libvirt refuses the domain.",
        },
      ],
    },
    {
      name: 'several required child elements',
      xml: domain('<lease/>'),
      errors: [{ messageId: 'elements', data: { element: '<lease>', names: '<lockspace>, <key> and <target>', consequence: REFUSED, effect: 'refused' }, line: 24, column: 6, severity: 'error' }],
    },
    {
      name: 'one of several child elements',
      xml: domain("<hostdev mode='subsystem' type='usb'>\n  <source/>\n</hostdev>"),
      errors: [{ messageId: 'oneOfElements', data: { element: '<source>', names: '<vendor>, <product> or <address>', consequence: REFUSED, effect: 'refused' }, line: 25, column: 8 }],
    },
  ],
});
