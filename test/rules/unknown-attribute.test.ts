import rule from '#rules/unknown-attribute.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const disk = (driver: string) =>
  domain(`<disk type='file' device='disk'>
  <driver ${driver}/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`);

const vapic = domain('', { features: "<acpi/>\n<hyperv mode='custom'>\n  <vapic stat='on'/>\n</hyperv>" });

testRule(rule, {
  valid: [{ name: 'known attributes', xml: disk("name='qemu' type='qcow2' cache='none'") }],
  invalid: [
    {
      name: 'a misspelt attribute: at its name, with a rename as suggestion',
      xml: disk("name='qemu' type='qcow2' cahce='none'"),
      errors: [
        {
          messageId: 'didYouMean',
          data: { name: 'cahce', element: "<driver type='qcow2'>", suggestion: 'cache', effect: 'dropped' },
          line: 25,
          column: 40,
          endColumn: 45,
          severity: 'error',
          message: "Unknown attribute 'cahce' on <driver type='qcow2'>; did you mean 'cache'? libvirt ignores attributes it does not know, so this setting would be lost.",
          suggestions: [{ title: "Rename 'cahce' to 'cache'", output: disk("name='qemu' type='qcow2' cache='none'") }],
        },
      ],
      output: null,
    },
    {
      name: 'a misspelt required attribute is reported once, here (not also as missing)',
      xml: vapic,
      errors: [
        {
          messageId: 'didYouMeanRequired',
          data: { name: 'stat', element: '<vapic>', suggestion: 'state', effect: 'refused' },
          line: 14,
          column: 14,
          severity: 'error',
          message: "Unknown attribute 'stat' on <vapic>; did you mean 'state'? libvirt ignores 'stat' and refuses the domain without 'state'.",
          suggestions: [{ output: vapic.replace('stat=', 'state=') }],
        },
      ],
      output: null,
    },
    {
      name: 'an attribute no form of the element has',
      xml: disk("name='qemu' type='qcow2' turbo='yes'"),
      errors: [{ messageId: 'unknown', data: { name: 'turbo', element: "<driver type='qcow2'>", effect: 'dropped' }, line: 25, column: 40 }],
      output: null,
    },
    {
      name: 'an attribute only another form of the element has',
      xml: domain("<disk type='file' device='disk'>\n  <source file='/var/lib/libvirt/images/win11.qcow2' dev='/dev/sda'/>\n  <target dev='vda' bus='virtio'/>\n</disk>"),
      errors: [{ messageId: 'notInThisForm', data: { name: 'dev', element: '<source>', elementName: 'source', allowed: "; it takes 'fdgroup', 'index' or 'startupPolicy'", effect: 'dropped' }, line: 25, column: 58 }],
      output: null,
    },
  ],
});
