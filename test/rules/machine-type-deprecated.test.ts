import { expect, it } from 'vitest';
import rule from '#rules/machine-type-deprecated.js';
import { domain, runRule, testRule, type InvalidCase } from '../helpers/rule-tester.js';

const vm = (machine: string, arch = 'x86_64') => domain('').replace("<type arch='x86_64' machine='pc-q35-9.1'>", `<type arch='${arch}' machine='${machine}'>`);
const EMULATOR = '/usr/bin/qemu-system-x86_64';
const toAlias = (alias: string, arch = 'x86_64') => [{ title: `Use the alias machine='${alias}'`, output: vm(alias, arch) }];

/** A deprecated versioned machine type: one warning at the machine attribute, whose only suggestion is the alias. */
function deprecated(name: string, machine: string, qemu: string, messageId: string, data: Record<string, string>, alias = 'q35', arch = 'x86_64'): InvalidCase {
  return {
    name,
    xml: vm(machine, arch),
    host: { qemu },
    output: null,
    errors: [{ messageId, data: { machine, qemu, emulator: EMULATOR, alias, ...data }, line: 8, column: 19 + arch.length, severity: 'warning', suggestions: toAlias(alias, arch) }],
  };
}

testRule(rule, {
  valid: [
    // Each boundary of the data, the release before the deprecation.
    { name: '9.1.0 boundary: pc-q35-4.0 is not deprecated on 9.0.2', xml: vm('pc-q35-4.0'), host: { qemu: '9.0.2' } },
    { name: '8.2.0 boundary: pc-i440fx-2.3 is not deprecated on 8.1.0', xml: vm('pc-i440fx-2.3'), host: { qemu: '8.1.0' } },
    { name: 'pc-q35-6.2 is not deprecated on 9.1.0', xml: vm('pc-q35-6.2'), host: { qemu: '9.1.0' } },
    { name: '11.0.0: pc-q35-8.0 is deprecated from 11.0, not on 10.2', xml: vm('pc-q35-8.0'), host: { qemu: '10.2.2' } },
    { name: 'current types', xml: vm('pc-q35-10.2'), host: { qemu: '10.2.2' } },
    // Removed types are machine-type-removed's.
    { name: '10.1.0 boundary: pc-q35-4.0 is removed, not deprecated, on 10.1', xml: vm('pc-q35-4.0'), host: { qemu: '10.1.0' } },
    { name: '10.2.0 boundary: pc-q35-4.2 is removed on 10.2', xml: vm('pc-q35-4.2'), host: { qemu: '10.2.0' } },
    { name: '11.0.0 boundary: pc-q35-5.0 is removed on 11.0', xml: vm('pc-q35-5.0'), host: { qemu: '11.0.0' } },
    ...['q35', 'pc', 'isapc', 'microvm', 'pc-q35-rhel9.4.0'].map((m) => ({ name: m, xml: vm(m), host: { qemu: '10.2.2' } })),
    { name: 'other architectures before the policy (QEMU 9.1)', xml: vm('pseries-4.0', 'ppc64le'), host: { qemu: '9.0.2' } },
  ],
  invalid: [
    {
      name: 'a deprecated type the data shows removed later, with the newest type of its family',
      xml: vm('pc-q35-4.2'),
      host: { qemu: '10.1.3' },
      output: null,
      errors: [
        {
          messageId: 'deprecated',
          data: { machine: 'pc-q35-4.2', qemu: '10.1.3', emulator: EMULATOR, family: 'pc-q35', alias: 'q35', newest: 'pc-q35-10.1', since: '9.1', removedIn: '10.2' },
          line: 8,
          column: 25,
          endLine: 8,
          endColumn: 45,
          severity: 'warning',
          message:
            "Machine type 'pc-q35-4.2' is deprecated on QEMU 10.1.3 (since QEMU 9.1) and QEMU 10.2 removes it: the VM still starts, but libvirt marks it tainted (deprecated-config) and a later QEMU will refuse it. Plan a move to the newest pc-q35 type on this host, 'pc-q35-10.1' (alias 'q35').",
          suggestions: toAlias('q35'),
        },
      ],
    },
    {
      name: 'a deprecated type still in the newest data: its removal follows the policy',
      xml: vm('pc-q35-6.2'),
      host: { qemu: '10.2.2' },
      output: null,
      errors: [
        {
          messageId: 'deprecatedByPolicy',
          data: { machine: 'pc-q35-6.2', qemu: '10.2.2', emulator: EMULATOR, family: 'pc-q35', alias: 'q35', newest: 'pc-q35-10.2', since: '9.2', removedIn: '12.2' },
          line: 8,
          column: 25,
          message:
            "Machine type 'pc-q35-6.2' is deprecated on QEMU 10.2.2 (since QEMU 9.2): QEMU deletes machine types after 6 years, so QEMU 12.2 removes it; the VM still starts, but libvirt marks it tainted (deprecated-config) and a later QEMU will refuse it. Plan a move to the newest pc-q35 type on this host, 'pc-q35-10.2' (alias 'q35').",
          suggestions: toAlias('q35'),
        },
      ],
    },
    // Each boundary of the data, from the deprecating release.
    deprecated('8.2.0 boundary: pc-i440fx-2.3', 'pc-i440fx-2.3', '8.2.0', 'deprecated', { family: 'pc-i440fx', newest: 'pc-i440fx-8.2', since: '8.2', removedIn: '9.1' }, 'pc'),
    deprecated('8.1.0: pc-i440fx-1.7 before its removal in 8.2', 'pc-i440fx-1.7', '8.1.2', 'deprecated', { family: 'pc-i440fx', newest: 'pc-i440fx-8.1', since: '7.0', removedIn: '8.2' }, 'pc'),
    deprecated('9.1.0 boundary: pc-q35-4.0', 'pc-q35-4.0', '9.1.0', 'deprecated', { family: 'pc-q35', newest: 'pc-q35-9.1', since: '9.1', removedIn: '10.1' }),
    deprecated('10.0.2 keeps pc-q35-2.7, deprecated', 'pc-q35-2.7', '10.0.2', 'deprecated', { family: 'pc-q35', newest: 'pc-q35-10.0', since: '9.1', removedIn: '10.1' }),
    deprecated('10.2.0: pc-q35-5.0 before its removal in 11.0', 'pc-q35-5.0', '10.2.0', 'deprecated', { family: 'pc-q35', newest: 'pc-q35-10.2', since: '9.1', removedIn: '11.0' }),
    deprecated('11.0.0 boundary: pc-q35-8.0', 'pc-q35-8.0', '11.0.0', 'deprecatedByPolicy', { family: 'pc-q35', newest: 'pc-q35-11.0', since: '11.0', removedIn: '14.0' }),
    deprecated('pc-1.x before QEMU 6.0', 'pc-1.2', '5.1.0', 'deprecated', { family: 'pc-i440fx', newest: 'pc-i440fx-5.1', since: '5.0', removedIn: '6.0' }, 'pc'),
    deprecated('a host newer than the data', 'pc-q35-8.2', '11.2.0', 'deprecatedByPolicy', { family: 'pc-q35', newest: 'pc-q35-11.2', since: '11.2', removedIn: '14.2' }),
    deprecated('other architectures follow the policy from QEMU 9.1', 's390-ccw-virtio-5.2', '9.1.0', 'deprecatedByPolicy', { family: 's390-ccw-virtio', newest: 's390-ccw-virtio-9.1', since: '9.1', removedIn: '11.2' }, 's390-ccw-virtio', 's390x'),
  ],
});

it('is skipped, and says so, when the QEMU version is unknown', () => {
  const result = runRule(rule, vm('pc-q35-6.2'));
  expect(result.messages).toEqual([]);
  expect(result.skippedRules).toEqual([{ ruleId: 'machine-type-deprecated', missing: ['qemu'] }]);
});
