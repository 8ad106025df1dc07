import rule from '#rules/unknown-element.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const typo = domain(`<interfce type='network'>
  <source network='default'/>
  <model type='virtio'/>
</interfce>`);

testRule(rule, {
  valid: [
    { name: 'the test domain itself', xml: domain('') },
    { name: 'foreign XML inside <metadata>', xml: domain('', { extra: "<metadata>\n  <app:data xmlns:app='urn:app'><app:x/></app:data>\n</metadata>" }) },
  ],
  invalid: [
    {
      name: 'a misspelt device: at its name, with a rename as suggestion',
      xml: typo,
      errors: [
        {
          messageId: 'didYouMean',
          data: { name: 'interfce', parent: '<devices>', suggestion: 'interface', effect: 'dropped' },
          line: 24,
          column: 6,
          endLine: 24,
          endColumn: 14,
          severity: 'error',
          message: 'Unknown element <interfce> in <devices>; did you mean <interface>? libvirt ignores elements it does not know, so this setting would be lost.',
          suggestions: [{ title: 'Rename <interfce> to <interface>', output: typo.replace(/interfce/g, 'interface') }],
        },
      ],
      output: null,
      unsafeOutput: typo.replace(/interfce/g, 'interface'),
    },
    {
      name: 'a misspelt element libvirt needs: it refuses the domain without it',
      xml: domain("<disk type='file' device='disk'>\n  <source file='/var/lib/libvirt/images/win11.qcow2'/>\n  <targt dev='vda' bus='virtio'/>\n</disk>"),
      errors: [
        {
          messageId: 'didYouMeanRequired',
          data: { name: 'targt', parent: "<disk type='file'>", suggestion: 'target', effect: 'refused' },
          line: 26,
          column: 8,
          severity: 'error',
          message: "Unknown element <targt> in <disk type='file'>; did you mean <target>? libvirt ignores <targt> and refuses the domain without <target>.",
          suggestions: [{ output: domain("<disk type='file' device='disk'>\n  <source file='/var/lib/libvirt/images/win11.qcow2'/>\n  <target dev='vda' bus='virtio'/>\n</disk>") }],
        },
      ],
      output: null,
    },
    {
      name: 'a name nothing is close to',
      xml: domain('<frobnicator/>'),
      errors: [{ messageId: 'unknown', data: { name: 'frobnicator', parent: '<devices>', effect: 'dropped' }, line: 24, column: 6, endColumn: 17 }],
      output: null,
    },
    {
      name: 'foreign XML outside <metadata>',
      xml: domain("<app:data xmlns:app='urn:app'/>"),
      errors: [{ messageId: 'foreign', data: { name: 'app:data', ns: 'urn:app', parent: '<devices>', effect: 'dropped' }, line: 24, column: 6 }],
      output: null,
    },
    {
      name: 'a libvirt element in the wrong namespace',
      xml: domain('', { rootAttrs: " xmlns:qemu='http://libvirt.org/schemas/domain/qemu/2.0'", extra: "<qemu:commandline>\n  <qemu:arg value='-s'/>\n</qemu:commandline>" }),
      errors: [
        {
          messageId: 'wrongNamespace',
          line: 26,
          column: 4,
          message:
            "<qemu:commandline> is in namespace 'http://libvirt.org/schemas/domain/qemu/2.0', but libvirt's <commandline> is in namespace 'http://libvirt.org/schemas/domain/qemu/1.0' or 'http://libvirt.org/schemas/domain/bhyve/1.0' or 'http://libvirt.org/schemas/domain/xen/1.0': libvirt does not recognize it here, so this setting would be lost.",
        },
      ],
      output: null,
    },
  ],
});
