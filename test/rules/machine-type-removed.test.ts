import { expect, it } from 'vitest';
import rule from '#rules/machine-type-removed.js';
import { domain, runRule, testRule, type InvalidCase } from '../helpers/rule-tester.js';

const vm = (machine: string, arch = 'x86_64') => domain('').replace("<type arch='x86_64' machine='pc-q35-9.1'>", `<type arch='${arch}' machine='${machine}'>`);
const AT = { line: 8, column: 25 };
/** The only suggestion: the family's alias. */
const toAlias = (machine: string, alias: string, arch = 'x86_64') => [{ title: `Use the alias machine='${alias}'`, output: vm(alias, arch) }];
const EMULATOR = '/usr/bin/qemu-system-x86_64';

/** A removed versioned machine type: one error at the machine attribute, whose only suggestion is the alias. */
function removed(name: string, machine: string, qemu: string, messageId: string, data: Record<string, string>, alias = 'q35', arch = 'x86_64'): InvalidCase {
  return {
    name,
    xml: vm(machine, arch),
    host: { qemu },
    output: null,
    errors: [{ messageId, data: { machine, qemu, emulator: EMULATOR, alias, ...data }, line: 8, column: 19 + arch.length, severity: 'error', suggestions: toAlias(machine, alias, arch) }],
  };
}

testRule(rule, {
  valid: [
    // The false errors: QEMU 10.0 still registers pc-q35-2.7 ... 4.1 (deprecated, but there).
    ...['pc-q35-2.4', 'pc-q35-2.7', 'pc-q35-4.0', 'pc-q35-4.0.1', 'pc-q35-4.1', 'pc-i440fx-2.4', 'pc-i440fx-4.1'].map((m) => ({ name: `${m} on QEMU 10.0.2`, xml: vm(m), host: { qemu: '10.0.2' } })),
    // Each boundary of the data, the release before it.
    { name: '8.2.0 boundary: pc-i440fx-1.7 is still on 8.1.2', xml: vm('pc-i440fx-1.7'), host: { qemu: '8.1.2' } },
    { name: '9.1.0 boundary: pc-i440fx-2.3 is still on 9.0.2', xml: vm('pc-i440fx-2.3'), host: { qemu: '9.0.2' } },
    { name: '10.2.0 boundary: pc-q35-4.2 is still on 10.1.3', xml: vm('pc-q35-4.2'), host: { qemu: '10.1.3' } },
    { name: '11.0.0 boundary: pc-q35-5.0 is still on 10.2.2', xml: vm('pc-q35-5.0'), host: { qemu: '10.2.2' } },
    { name: '11.0.0 boundary: pc-i440fx-5.1 is still on 11.0.0', xml: vm('pc-i440fx-5.1'), host: { qemu: '11.0.0' } },
    { name: 'pc-1.0 is still on QEMU 5.2', xml: vm('pc-1.0'), host: { qemu: '5.2.0' } },
    // Releases the data lacks use the nearest release at or below them; the name pins its own release.
    { name: 'pc-q35-2.3 on QEMU 2.3 (no data for 2.3)', xml: vm('pc-q35-2.3'), host: { qemu: '2.3.1' } },
    { name: 'pc-q35-1.4 on QEMU 2.5 (removed in 2.6)', xml: vm('pc-q35-1.4'), host: { qemu: '2.5.0' } },
    // Aliases and unversioned types.
    ...['q35', 'pc', 'isapc', 'microvm'].map((m) => ({ name: `${m} on QEMU 11.1`, xml: vm(m), host: { qemu: '11.1.0' } })),
    { name: 'q35 on a host newer than the data', xml: vm('q35'), host: { qemu: '14.0.0' } },
    // Not judged: distribution machine types, a host older than the data, other drivers.
    { name: 'a distribution machine type', xml: vm('pc-q35-rhel9.4.0'), host: { qemu: '10.2.0' } },
    { name: 'a host older than the data', xml: vm('pc-i440fx-1.4'), host: { qemu: '1.4.0' } },
    { name: 'another hypervisor driver', xml: vm('pc-q35-4.0').replace("<domain type='kvm'", "<domain type='bhyve'"), host: { qemu: '10.2.0' } },
    // Other architectures: QEMU's policy alone, which deletes machines only from 10.1 on.
    { name: 'pseries-4.0 on QEMU 10.0 (removals before 10.1 not known)', xml: vm('pseries-4.0', 'ppc64le'), host: { qemu: '10.0.0' } },
    { name: 'virt-4.2 on QEMU 10.1', xml: vm('virt-4.2', 'aarch64'), host: { qemu: '10.1.0' } },
  ],
  invalid: [
    {
      name: 'a type QEMU 10.2 no longer registers, with the newest type of its family',
      xml: vm('pc-q35-4.0'),
      host: { qemu: '10.2.2' },
      output: null,
      errors: [
        {
          messageId: 'removed',
          data: { machine: 'pc-q35-4.0', qemu: '10.2.2', emulator: EMULATOR, family: 'pc-q35', alias: 'q35', newest: 'pc-q35-10.2', removedIn: '10.1' },
          line: 8,
          column: 25,
          endLine: 8,
          endColumn: 45,
          severity: 'error',
          message:
            "Machine type 'pc-q35-4.0' was removed in QEMU 10.1, so QEMU 10.2.2 does not provide it: libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-4.0'\". The newest pc-q35 type on this host is 'pc-q35-10.2' (alias 'q35').",
          suggestions: toAlias('pc-q35-4.0', 'q35'),
        },
      ],
    },
    // Each boundary of the data, from the release that removed the type.
    removed('8.2.0 boundary: pc-i440fx-1.7', 'pc-i440fx-1.7', '8.2.0', 'removed', { family: 'pc-i440fx', newest: 'pc-i440fx-8.2', removedIn: '8.2' }, 'pc'),
    removed('9.1.0 boundary: pc-i440fx-2.3', 'pc-i440fx-2.3', '9.1.0', 'removed', { family: 'pc-i440fx', newest: 'pc-i440fx-9.1', removedIn: '9.1' }, 'pc'),
    removed('10.1.0 boundary: pc-q35-2.7', 'pc-q35-2.7', '10.1.0', 'removed', { family: 'pc-q35', newest: 'pc-q35-10.1', removedIn: '10.1' }),
    removed('10.1.0 boundary: pc-q35-4.1', 'pc-q35-4.1', '10.1.0', 'removed', { family: 'pc-q35', newest: 'pc-q35-10.1', removedIn: '10.1' }),
    removed('10.1.0 boundary: the stable-branch pc-q35-4.0.1', 'pc-q35-4.0.1', '10.1.0', 'removed', { family: 'pc-q35', newest: 'pc-q35-10.1', removedIn: '10.1' }),
    removed('10.1.0 boundary: pc-i440fx-2.4', 'pc-i440fx-2.4', '10.1.0', 'removed', { family: 'pc-i440fx', newest: 'pc-i440fx-10.1', removedIn: '10.1' }, 'pc'),
    removed('10.2.0 boundary: pc-q35-4.2', 'pc-q35-4.2', '10.2.0', 'removed', { family: 'pc-q35', newest: 'pc-q35-10.2', removedIn: '10.2' }),
    removed('11.0.0 boundary: pc-q35-5.0', 'pc-q35-5.0', '11.0.0', 'removed', { family: 'pc-q35', newest: 'pc-q35-11.0', removedIn: '11.0' }),
    removed('11.1.0: pc-i440fx-5.1', 'pc-i440fx-5.1', '11.1.0', 'removed', { family: 'pc-i440fx', newest: 'pc-i440fx-11.1', removedIn: '11.1' }, 'pc'),
    removed('the old pc-1.x names are i440fx, removed in QEMU 6.0', 'pc-1.0', '7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)', 'removed', { family: 'pc-i440fx', newest: 'pc-i440fx-7.2', removedIn: '6.0', qemu: '7.2.22' }, 'pc'),
    removed('a micro release uses its X.Y data', 'pc-q35-4.2', '10.2.5', 'removed', { family: 'pc-q35', newest: 'pc-q35-10.2', removedIn: '10.2' }),
    removed('a development snapshot counts as the next release', 'pc-q35-4.2', '10.1.50', 'removed', { family: 'pc-q35', newest: 'pc-q35-10.2', removedIn: '10.2' }),
    {
      name: 'a host newer than the data: QEMU policy deletes machines 6 years old',
      xml: vm('pc-q35-5.2'),
      host: { qemu: '11.2.0' },
      output: null,
      errors: [
        {
          messageId: 'removedByPolicy',
          data: { machine: 'pc-q35-5.2', qemu: '11.2.0', emulator: EMULATOR, family: 'pc-q35', alias: 'q35', newest: 'pc-q35-11.2', removedIn: '11.2' },
          ...AT,
          message:
            "Machine type 'pc-q35-5.2' is more than 6 years old and QEMU deletes such machine types (automatically since QEMU 10.1): it is gone from QEMU 11.2 on, so QEMU 11.2.0 does not provide it: libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-5.2'\". The newest pc-q35 type on this host is 'pc-q35-11.2' (alias 'q35').",
          suggestions: toAlias('pc-q35-5.2', 'q35'),
        },
      ],
    },
    removed('arm virt follows the policy from QEMU 10.1', 'virt-4.0', '10.1.0', 'removedByPolicy', { family: 'virt', newest: 'virt-10.1', removedIn: '10.1' }, 'virt', 'aarch64'),
    {
      name: 'a versioned name no QEMU release has',
      xml: vm('pc-q35-8.3'),
      host: { qemu: '10.0.2' },
      output: null,
      errors: [
        {
          messageId: 'never',
          data: { machine: 'pc-q35-8.3', qemu: '10.0.2', emulator: EMULATOR, family: 'pc-q35', alias: 'q35', newest: 'pc-q35-10.0', oldest: '1.5', newestData: '11.1' },
          ...AT,
          message:
            "No QEMU release from 1.5 to 11.1 has machine type 'pc-q35-8.3', so QEMU 10.0.2 does not provide it: libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-8.3'\". The newest pc-q35 type on this host is 'pc-q35-10.0' (alias 'q35').",
          suggestions: toAlias('pc-q35-8.3', 'q35'),
        },
      ],
    },
  ],
});

it('is skipped, and says so, when the QEMU version is unknown', () => {
  const result = runRule(rule, vm('pc-q35-4.0'));
  expect(result.messages).toEqual([]);
  expect(result.skippedRules).toEqual([{ ruleId: 'machine-type-removed', missing: ['qemu'] }]);
});
