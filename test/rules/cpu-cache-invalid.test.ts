import rule from '#rules/cpu-cache-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A domain whose <cpu mode> is `mode` (line 16), with `inner` added after <topology> (line 18). */
const cpu = (mode: string, inner: string) =>
  domain('').replace(
    "  <cpu mode='host-passthrough' check='none' migratable='on'>\n    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n",
    `  <cpu mode='${mode}' check='none' migratable='on'>\n    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n    ${inner}\n`,
  );

testRule(rule, {
  valid: [
    { name: 'cache passthrough with host-passthrough (the usual gaming-VM setting)', xml: cpu('host-passthrough', "<cache mode='passthrough'/>") },
    { name: 'cache passthrough with the maximum CPU model', xml: cpu('maximum', "<cache mode='passthrough'/>") },
    { name: 'an emulated L3 cache', xml: cpu('host-model', "<cache level='3' mode='emulate'/>") },
    { name: 'a disabled cache without a level', xml: cpu('host-model', "<cache mode='disable'/>") },
    { name: 'emulated address bits with a count', xml: cpu('host-passthrough', "<maxphysaddr mode='emulate' bits='42'/>") },
    { name: 'passthrough address bits without a count', xml: cpu('host-passthrough', "<maxphysaddr mode='passthrough'/>") },
    {
      name: 'not x86: libvirt refuses the element itself, not reported here',
      xml: cpu('host-model', "<cache mode='passthrough'/>").replace("<type arch='x86_64' machine='pc-q35-9.1'>", "<type arch='aarch64' machine='virt-9.1'>"),
    },
    { name: 'not the QEMU driver', xml: cpu('host-model', "<cache mode='passthrough'/>").replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: "cache passthrough with host-model, at <cpu mode>; no fix",
      xml: cpu('host-model', "<cache mode='passthrough'/>"),
      errors: [
        {
          messageId: 'passthroughNeedsHostCpu',
          data: { cpuMode: 'host-model' },
          line: 16,
          column: 8,
          endLine: 16,
          endColumn: 25,
          severity: 'error',
          message:
            'The host\'s caches can only be passed through with the host CPU model, not mode=\'host-model\': libvirt refuses it: "CPU cache mode \'passthrough\' can only be used with \'host-passthrough\' / \'maximum\' CPUs".',
        },
      ],
      output: null,
    },
    {
      name: 'an emulated L2 cache, at the level',
      xml: cpu('host-passthrough', "<cache level='2' mode='emulate'/>"),
      errors: [
        {
          messageId: 'emulateNotL3',
          line: 18,
          column: 12,
          endColumn: 21,
          message: 'Only the L3 cache can be emulated: libvirt refuses it: "CPU cache mode \'emulate\' can only be used with level=\'3\'".',
        },
      ],
      output: null,
    },
    {
      name: 'an emulated cache without a level, at <cache>',
      xml: cpu('host-passthrough', "<cache mode='emulate'/>"),
      errors: [{ messageId: 'emulateNotL3', line: 18, column: 5 }],
      output: null,
    },
    {
      name: 'a level on a passthrough cache; removing it is a suggestion',
      xml: cpu('host-passthrough', "<cache level='3' mode='passthrough'/>"),
      errors: [
        {
          messageId: 'levelNotAllowed',
          data: { mode: 'passthrough' },
          line: 18,
          column: 12,
          message: 'A passthrough cache applies to all levels; a level cannot be chosen: libvirt refuses it: "unsupported CPU cache level for mode \'passthrough\'".',
          suggestions: [{ title: 'Remove level', output: cpu('host-passthrough', "<cache mode='passthrough'/>") }],
        },
      ],
      output: null,
      unsafeOutput: cpu('host-passthrough', "<cache mode='passthrough'/>"),
    },
    {
      name: 'a level on a disabled cache',
      xml: cpu('host-model', "<cache level='3' mode='disable'/>"),
      errors: [{ messageId: 'levelNotAllowed', data: { mode: 'disable' }, line: 18, column: 12, suggestions: [{ output: cpu('host-model', "<cache mode='disable'/>") }] }],
      output: null,
    },
    {
      name: 'bits on passthrough address sizes; removing them is a suggestion',
      xml: cpu('host-passthrough', "<maxphysaddr mode='passthrough' bits='42'/>"),
      errors: [
        {
          messageId: 'bitsWithPassthrough',
          line: 18,
          column: 37,
          endColumn: 46,
          message:
            'mode=\'passthrough\' takes the host\'s address width; a bit count cannot be given: libvirt refuses it: "CPU maximum physical address bits number specification cannot be used with mode=\'passthrough\'".',
          suggestions: [{ title: 'Remove bits', output: cpu('host-passthrough', "<maxphysaddr mode='passthrough'/>") }],
        },
      ],
      output: null,
      unsafeOutput: cpu('host-passthrough', "<maxphysaddr mode='passthrough'/>"),
    },
  ],
});
