import { expect, it } from 'vitest';
import rule from '#rules/machine-type-newer-than-host.js';
import { domain, runRule, testRule, type InvalidCase } from '../helpers/rule-tester.js';

const vm = (machine: string, arch = 'x86_64') => domain('').replace("<type arch='x86_64' machine='pc-q35-9.1'>", `<type arch='${arch}' machine='${machine}'>`);
const EMULATOR = '/usr/bin/qemu-system-x86_64';
const toAlias = (alias: string, arch = 'x86_64') => [{ title: `Use the alias machine='${alias}'`, output: vm(alias, arch) }];

/** A versioned machine type newer than the host: one error, whose only suggestion is the alias. */
function newer(name: string, machine: string, qemu: string, data: Record<string, string>, alias = 'q35', arch = 'x86_64'): InvalidCase {
  return {
    name,
    xml: vm(machine, arch),
    host: { qemu },
    output: null,
    errors: [{ messageId: 'newer', data: { machine, qemu, emulator: EMULATOR, alias, ...data }, line: 8, column: 19 + arch.length, severity: 'error', suggestions: toAlias(alias, arch) }],
  };
}

testRule(rule, {
  valid: [
    ...['10.1.0', '10.1.3', '10.2.2', '11.0.0', '14.0.0'].map((qemu) => ({ name: `pc-q35-10.1 on QEMU ${qemu}`, xml: vm('pc-q35-10.1'), host: { qemu } })),
    { name: 'a development snapshot already has the next release', xml: vm('pc-q35-10.1'), host: { qemu: '10.0.50' } },
    { name: 'a development snapshot of 11.0 after 10.2', xml: vm('pc-q35-11.0'), host: { qemu: '10.2.50' } },
    { name: 'pc-q35-4.0.1 came with the stable release 4.0.1', xml: vm('pc-q35-4.0.1'), host: { qemu: '4.0.1' } },
    { name: 'microvm from QEMU 4.2', xml: vm('microvm'), host: { qemu: '4.2.0' } },
    { name: 'a name a release missing from the data pins (2.3)', xml: vm('pc-i440fx-2.3'), host: { qemu: '2.3.0' } },
    ...['q35', 'pc', 'pc-q35-rhel9.4.0', 'pc-q35-8.2'].map((m) => ({ name: m, xml: vm(m), host: { qemu: '8.2.0' } })),
    // A versioned name no release has is machine-type-removed's.
    { name: 'pc-q35-8.3 (no such release)', xml: vm('pc-q35-8.3'), host: { qemu: '8.2.0' } },
    { name: 'another hypervisor driver', xml: vm('pc-q35-10.1').replace("<domain type='kvm'", "<domain type='xen'"), host: { qemu: '9.2.0' } },
  ],
  invalid: [
    {
      name: 'a machine type newer than the host QEMU, with the newest type of its family',
      xml: vm('pc-q35-10.1'),
      host: { qemu: '9.2.0' },
      output: null,
      errors: [
        {
          messageId: 'newer',
          data: { machine: 'pc-q35-10.1', qemu: '9.2.0', emulator: EMULATOR, family: 'pc-q35', alias: 'q35', newest: 'pc-q35-9.2', needs: '10.1' },
          line: 8,
          column: 25,
          endLine: 8,
          endColumn: 46,
          severity: 'error',
          message:
            "Machine type 'pc-q35-10.1' needs QEMU 10.1 or newer, but the host runs QEMU 9.2.0: libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-10.1'\". The newest pc-q35 type on this host is 'pc-q35-9.2' (alias 'q35').",
          suggestions: toAlias('q35'),
        },
      ],
    },
    newer('one release older', 'pc-q35-10.1', '10.0.2', { family: 'pc-q35', newest: 'pc-q35-10.0', needs: '10.1' }),
    newer('a distribution version string', 'pc-q35-10.1', '7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)', { qemu: '7.2.22', family: 'pc-q35', newest: 'pc-q35-7.2', needs: '10.1' }),
    newer('a development snapshot before rc: 10.2.90 is 11.0', 'pc-q35-11.1', '10.2.90', { qemu: '10.2.90', family: 'pc-q35', newest: 'pc-q35-11.0', needs: '11.1' }),
    newer('pc-i440fx on a host newer than the data', 'pc-i440fx-12.0', '11.2.0', { family: 'pc-i440fx', newest: 'pc-i440fx-11.2', needs: '12.0' }, 'pc'),
    newer('the stable-branch pc-q35-4.0.1 on 4.0.0', 'pc-q35-4.0.1', '4.0.0', { family: 'pc-q35', newest: 'pc-q35-4.0', needs: '4.0.1' }),
    newer('a release missing from the data: 2.2 has no pc-q35-2.3', 'pc-q35-2.3', '2.2.1', { family: 'pc-q35', newest: 'pc-q35-2.2', needs: '2.3' }),
    newer('arm virt', 'virt-9.0', '8.2.0', { family: 'virt', newest: 'virt-8.2', needs: '9.0' }, 'virt', 'aarch64'),
    newer('pseries', 'pseries-9.0', '8.2.0', { family: 'pseries', newest: 'pseries-8.2', needs: '9.0' }, 'pseries', 'ppc64le'),
    {
      name: 'an unversioned type the host release does not have yet',
      xml: vm('microvm'),
      host: { qemu: '4.1.1' },
      errors: [
        {
          messageId: 'newerUnversioned',
          data: { machine: 'microvm', qemu: '4.1.1', emulator: EMULATOR, needs: '4.2' },
          line: 8,
          column: 25,
          message:
            "Machine type 'microvm' first appears in QEMU 4.2, but the host runs QEMU 4.1.1: libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'microvm'\".",
        },
      ],
      output: null,
    },
  ],
});

it('is skipped, and says so, when the QEMU version is unknown', () => {
  const result = runRule(rule, vm('pc-q35-10.1'));
  expect(result.messages).toEqual([]);
  expect(result.skippedRules).toEqual([{ ruleId: 'machine-type-newer-than-host', missing: ['qemu'] }]);
});
