import rule from '#rules/invalid-value.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const disk = (driver: string, source = "file='/var/lib/libvirt/images/win11.qcow2'", address = '') =>
  domain(`<disk type='file' device='disk'>
  <driver ${driver}/>
  <source ${source}/>
  <target dev='vda' bus='virtio'/>${address}
</disk>`);

const VALIDATE_ONLY = 'plain `virsh define` accepts it, but `virsh define --validate` refuses it';

testRule(rule, {
  valid: [
    { name: 'allowed values', xml: disk("name='qemu' type='qcow2' cache='none'") },
    { name: 'enumerations ignore surrounding whitespace', xml: disk("name='qemu' type='qcow2' cache=' none '") },
    {
      // The grammar's MAC pattern wants a unicast address; mac-address-multicast reports it, quoting libvirt.
      name: 'a multicast MAC is left to mac-address-multicast (one report per mistake)',
      xml: domain("<interface type='network'>\n  <mac address='53:54:00:6b:3c:58'/>\n  <source network='default'/>\n</interface>"),
    },
  ],
  invalid: [
    {
      name: 'a misspelt enumeration value: at the value, with the closest allowed one',
      xml: disk("name='qemu' type='qcow2' cache='nonee'"),
      errors: [
        {
          messageId: 'attributeDidYouMean',
          line: 25,
          column: 47,
          endColumn: 52,
          severity: 'error',
          message:
            "Invalid value 'nonee' for 'cache' on <driver type='qcow2'>; did you mean 'none'? Expected one of 'default', 'none', 'writeback', 'writethrough', 'directsync' or 'unsafe'; libvirt refuses the domain.",
          suggestions: [{ title: "Set cache='none'", output: disk("name='qemu' type='qcow2' cache='none'") }],
        },
      ],
      output: null,
      unsafeOutput: disk("name='qemu' type='qcow2' cache='none'"),
    },
    {
      name: 'a value nothing is close to lists the allowed ones',
      xml: disk("name='qemu' type='qcow2' cache='abcdefgh'"),
      errors: [{ messageId: 'attribute', data: { name: 'cache', value: 'abcdefgh', element: "<driver type='qcow2'>", allowed: "one of 'default', 'none', 'writeback', 'writethrough', 'directsync' or 'unsafe'", consequence: 'libvirt refuses the domain', effect: 'refused' }, line: 25, column: 47 }],
      output: null,
    },
    {
      name: 'a number libvirt reads by its value but the grammar spells more strictly is a warning',
      xml: disk("name='qemu' type='qcow2'", undefined, "\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x00'/>"),
      errors: [
        {
          messageId: 'attribute',
          line: 28,
          column: 76,
          severity: 'warning',
          message: `Invalid value '0x00' for 'function' on <address type='pci'>: expected a PCI function number from 0 to 7 (decimal, or hexadecimal such as 0x7); ${VALIDATE_ONLY}.`,
        },
      ],
      output: null,
    },
    {
      name: 'whitespace around a path: said as such, removing it is the suggestion',
      xml: disk("name='qemu' type='qcow2'", "file=' /var/lib/libvirt/images/win11.qcow2'"),
      errors: [
        {
          messageId: 'attributeWhitespace',
          line: 26,
          column: 21,
          severity: 'warning',
          message: `The value of 'file' on <source> has whitespace around it; remove the surrounding whitespace (${VALIDATE_ONLY}).`,
          suggestions: [{ output: disk("name='qemu' type='qcow2'") }],
        },
      ],
      output: null,
    },
    {
      name: 'text that is not a number',
      xml: domain('').replace('<vcpu placement=\'static\'>8</vcpu>', "<vcpu placement='static'>eight</vcpu>"),
      errors: [{ messageId: 'text', data: { element: '<vcpu>', value: 'eight', allowed: 'a whole number from 1 to 65535', consequence: 'libvirt refuses the domain', effect: 'refused' }, line: 6, column: 28, endColumn: 33, severity: 'error' }],
      output: null,
    },
    {
      name: 'misspelt text, with a replacement as suggestion',
      xml: domain('').replace('>hvm<', '>hvmm<'),
      errors: [{ messageId: 'textDidYouMean', data: { element: '<type>', value: 'hvmm', suggestion: 'hvm', allowed: "'hvm'", consequence: 'libvirt refuses the domain', effect: 'refused' }, line: 8, column: 46, suggestions: [{ title: "Replace 'hvmm' with 'hvm'", output: domain('') }] }],
      output: null,
    },
    {
      name: 'whitespace around a path in text',
      xml: domain('').replace('<emulator>/usr', '<emulator> /usr'),
      errors: [{ messageId: 'textWhitespace', line: 23, column: 16, severity: 'warning' }],
      output: null,
    },
    {
      name: 'an empty value where a number is needed',
      xml: domain('').replace(">16777216</memory>", '></memory>'),
      errors: [{ messageId: 'empty', data: { element: '<memory>', value: '', allowed: 'a whole number from 0 to 18446744073709551615', consequence: 'libvirt refuses the domain', effect: 'refused' }, line: 4, column: 4 }],
      output: null,
    },
    {
      name: 'text in an element that takes none',
      xml: domain('', { features: 'acpi\n<acpi/>' }),
      errors: [{ messageId: 'noText', data: { element: '<features>', value: 'acpi', effect: 'validate-only' }, line: 12, column: 5, severity: 'warning' }],
      output: null,
    },
  ],
});
