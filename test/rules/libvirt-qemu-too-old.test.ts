import { expect, it } from 'vitest';
import rule from '#rules/libvirt-qemu-too-old.js';
import { domain, runRule, testRule } from '../helpers/rule-tester.js';

const xml = domain('');
const noEmulator = xml.replace('    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n', '');

/** The report sits on <emulator> (line 23 of domain()). */
const tooOld = (libvirt: string, qemu: string, minimum: string, removedIn: string) => ({
  name: `libvirt ${libvirt} with QEMU ${qemu}: QEMU ${minimum} is the minimum`,
  xml,
  host: { libvirt, qemu },
  errors: [{ messageId: 'qemuTooOld', data: { libvirt, minimum, removedIn, qemu }, line: 23, column: 5 }],
});

testRule(rule, {
  valid: [
    { name: 'libvirt 11.3.0 with QEMU 6.2.0 (exactly the minimum)', xml, host: { libvirt: '11.3.0', qemu: '6.2.0' } },
    { name: 'libvirt 11.1.0 with QEMU 6.1.0 (the 10.6 minimum, 5.2, applies)', xml, host: { libvirt: '11.1.0', qemu: '6.1.0' } },
    { name: 'libvirt 12.4.0 with QEMU 7.2.22', xml, host: { libvirt: '12.4.0', qemu: '7.2.22' } },
    { name: 'libvirt 7.3.0 (older than every minimum in the table) with QEMU 2.0.0', xml, host: { libvirt: '7.3.0', qemu: '2.0.0' } },
    { name: 'another driver (lxc)', xml: xml.replace("<domain type='kvm'", "<domain type='lxc'"), host: { libvirt: '11.3.0', qemu: '5.2.0' } },
    { name: 'only the libvirt version known', xml, host: { libvirt: '11.3.0' } },
    { name: 'only the QEMU version known', xml, host: { qemu: '5.2.0' } },
  ],
  invalid: [
    {
      name: 'a QEMU older than the host libvirt supports, at <emulator>',
      xml,
      host: { libvirt: '11.3.0', qemu: '5.2.0' },
      errors: [
        {
          messageId: 'qemuTooOld',
          data: { libvirt: '11.3.0', minimum: '6.2', removedIn: '11.2.0', qemu: '5.2.0' },
          line: 23,
          column: 5,
          endLine: 23,
          endColumn: 15,
          severity: 'error',
          message:
            'libvirt 11.3.0 requires QEMU 6.2 or newer (support for older QEMU was removed in libvirt 11.2.0), but the host runs QEMU 5.2.0: libvirt refuses this emulator, so the domain can be neither defined nor started. Upgrade QEMU to 6.2 or later, or use a libvirt older than 11.2.0.',
        },
      ],
    },
    tooOld('11.3.0', '6.1.0', '6.2', '11.2.0'),
    tooOld('11.1.0', '5.1.0', '5.2', '10.6.0'),
    tooOld('12.4.0', '7.1.0', '7.2', '12.4.0'),
    tooOld('8.7.0', '4.1.0', '4.2', '8.7.0'),
    tooOld('7.4.0', '2.10.0', '2.11', '7.4.0'),
    {
      name: 'without <emulator>, at the <domain> start tag',
      xml: noEmulator,
      host: { libvirt: '11.3.0', qemu: '5.2.0' },
      errors: [{ messageId: 'qemuTooOld', line: 1, column: 1, endLine: 1, endColumn: 20 }],
    },
  ],
});

it('libvirt-qemu-too-old is skipped, naming the missing fact, when either version is unknown', () => {
  expect(runRule(rule, xml, { host: { libvirt: '11.3.0' } }).skippedRules).toEqual([{ ruleId: 'libvirt-qemu-too-old', missing: ['qemu'] }]);
  expect(runRule(rule, xml, { host: { qemu: '5.2.0' } }).skippedRules).toEqual([{ ruleId: 'libvirt-qemu-too-old', missing: ['libvirt'] }]);
  expect(runRule(rule, xml).skippedRules).toEqual([{ ruleId: 'libvirt-qemu-too-old', missing: ['libvirt', 'qemu'] }]);
  expect(runRule(rule, xml).messages).toEqual([]);
});
