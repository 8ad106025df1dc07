import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import rule, { overrideProperty } from '#rules/qemu-commandline-set-device.js';
import { applySuggestion, domain, fixed, testRule } from '../helpers/rule-tester.js';
import { tempDir } from '../helpers/temp.js';

const QEMU_NS = "xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'";
const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
/** QEMU 9.1.1 with libvirt 10.0.0: libvirt passes -device as JSON. */
const HOST = { qemu: '9.1.1', libvirt: '10.0.0' };

/** A passthrough VM whose <qemu:commandline> (line 30) holds `args`, one <qemu:arg> per line from line 31. */
const vm = (args: string[], opts: { rootAttrs?: string; commandlineAttrs?: string; after?: string } = {}) =>
  domain(GPU, {
    rootAttrs: opts.rootAttrs ?? ` ${QEMU_NS}`,
    extra: `<qemu:commandline${opts.commandlineAttrs ?? ''}>\n${args.map((a) => `  <qemu:arg value='${a}'/>\n`).join('')}</qemu:commandline>${opts.after ? `\n${opts.after}` : ''}`,
  });
/** The same VM's tail after </devices> replaced by `tail` (lines from 30 on). */
const withTail = (tail: string, rootAttrs = ` ${QEMU_NS}`) => domain(GPU, { rootAttrs, extra: tail });

const SUBVENDOR = ['-set', 'device.hostdev0.x-pci-sub-vendor-id=0x17aa'];
const SUBDEVICE = ['-set', 'device.hostdev0.x-pci-sub-device-id=0x39fd'];
const ACPITABLE = ['-acpitable', 'file=/var/lib/libvirt/SSDT1.dat'];

const overrideOf = (props: string[], alias = 'hostdev0') =>
  `<qemu:override>
  <qemu:device alias='${alias}'>
    <qemu:frontend>
${props.map((p) => `      ${p}\n`).join('')}    </qemu:frontend>
  </qemu:device>
</qemu:override>`;
const VENDOR_PROP = "<qemu:property name='x-pci-sub-vendor-id' type='unsigned' value='6058'/>";
const DEVICE_PROP = "<qemu:property name='x-pci-sub-device-id' type='unsigned' value='14845'/>";

const single = vm(SUBVENDOR);
const singleFixed = withTail(overrideOf([VENDOR_PROP]));
const mixed = vm([...SUBVENDOR, ...SUBDEVICE, ...ACPITABLE]);
const mixedFirstSuggestion = vm([...SUBDEVICE, ...ACPITABLE], { after: overrideOf([VENDOR_PROP]) });
const mixedSecondSuggestion = vm([...SUBVENDOR, ...ACPITABLE], { after: overrideOf([DEVICE_PROP]) });
const mixedFixed = vm(ACPITABLE, { after: overrideOf([VENDOR_PROP, DEVICE_PROP]) });
const localNs = vm(SUBVENDOR, { rootAttrs: '', commandlineAttrs: ` ${QEMU_NS}` });
const localNsFixed = withTail(overrideOf([VENDOR_PROP]).replace('<qemu:override>', `<qemu:override ${QEMU_NS}>`), '');
const otherOverride = overrideOf(["<qemu:property name='x-vga' type='bool' value='true'/>"], 'ua-gfx0');
const existing = vm(SUBVENDOR, { after: otherOverride });
const existingFixed = withTail(
  otherOverride.replace(
    '</qemu:override>',
    `  <qemu:device alias='hostdev0'>\n    <qemu:frontend>\n      ${VENDOR_PROP}\n    </qemu:frontend>\n  </qemu:device>\n</qemu:override>`,
  ),
);
const gvt = vm(['-set', 'device.hostdev0.ramfb=on', '-set', 'device.hostdev0.driver=vfio-pci-nohotplug']);

testRule(rule, {
  valid: [
    { name: 'QEMU 6.2 with libvirt 10.0: libvirt keeps the legacy syntax (no json-cli-hotplug), -set works', xml: single, host: { qemu: '6.2.0', libvirt: '10.0.0' } },
    { name: 'libvirt 8.0 went back to the legacy syntax', xml: single, host: { qemu: '6.2.0', libvirt: '8.0.0' } },
    { name: 'libvirt 7.8 predates JSON -device', xml: single, host: { qemu: '9.1.1', libvirt: '7.8.0' } },
    { name: 'does not run when the versions are unknown', xml: single },
    { name: 'does not run when only the QEMU version is known', xml: single, host: { qemu: '9.1.1' } },
    {
      name: 'a -set aimed at a device the command line creates in the legacy syntax still works',
      xml: vm(['-device', 'ivshmem-plain,id=shmem0,memdev=looking-glass', '-set', 'device.shmem0.bus=pcie.0']),
      host: HOST,
    },
    { name: '-set of another group (drive) is not about -device', xml: vm(['-set', 'drive.drive0.cache=none']), host: HOST },
    { name: 'a command line libvirt drops (no xmlns:qemu) never reaches QEMU', xml: vm(SUBVENDOR, { rootAttrs: '' }), host: HOST },
  ],
  invalid: [
    {
      name: "a -set for the hostdev on QEMU 9.1 with libvirt 10.0, at the value; the suggestion puts a <qemu:override> in the emptied command line's place",
      xml: single,
      host: HOST,
      errors: [
        {
          messageId: 'setDevice',
          data: { alias: 'hostdev0', property: 'x-pci-sub-vendor-id', value: '0x17aa', libvirt: '10.0.0', qemu: '9.1.1' },
          line: 32,
          column: 5,
          endLine: 32,
          endColumn: 67,
          severity: 'error',
          message:
            '-set device.hostdev0.x-pci-sub-vendor-id=0x17aa cannot reach the device: libvirt 10.0.0 passes its devices to QEMU 9.1.1 as JSON, and -set only finds devices given in the legacy syntax, so QEMU refuses to start: "-set device.hostdev0.x-pci-sub-vendor-id=0x17aa: there is no device \\"hostdev0\\" defined". Set the property with <qemu:override> instead.',
          suggestions: [{ title: "Replace the -set arguments with a <qemu:override> property for device 'hostdev0'", output: singleFixed }],
        },
      ],
      output: null,
      unsafeOutput: singleFixed,
    },
    {
      name: 'two -set next to another argument: each moves on its own, and --unsafe-fixes gathers both in one block',
      xml: mixed,
      host: HOST,
      errors: [
        { messageId: 'setDevice', data: { alias: 'hostdev0', property: 'x-pci-sub-vendor-id', value: '0x17aa', libvirt: '10.0.0', qemu: '9.1.1' }, line: 32, column: 5, suggestions: [{ output: mixedFirstSuggestion }] },
        { messageId: 'setDevice', data: { alias: 'hostdev0', property: 'x-pci-sub-device-id', value: '0x39fd', libvirt: '10.0.0', qemu: '9.1.1' }, line: 34, column: 5, suggestions: [{ output: mixedSecondSuggestion }] },
      ],
      output: null,
      unsafeOutput: mixedFixed,
    },
    {
      name: 'QEMU 7.0 with libvirt 8.1: JSON, but no <qemu:override> yet (8.2): no suggestion',
      xml: single,
      host: { qemu: '7.0.0', libvirt: '8.1.0' },
      errors: [
        {
          messageId: 'setDeviceWithoutOverride',
          line: 32,
          column: 5,
          message:
            '-set device.hostdev0.x-pci-sub-vendor-id=0x17aa cannot reach the device: libvirt 8.1.0 passes its devices to QEMU 7.0.0 as JSON, and -set only finds devices given in the legacy syntax, so QEMU refuses to start: "-set device.hostdev0.x-pci-sub-vendor-id=0x17aa: there is no device \\"hostdev0\\" defined". Its replacement, <qemu:override>, needs libvirt 8.2 or later: upgrade libvirt and move the property there.',
        },
      ],
      output: null,
    },
    {
      name: 'libvirt 7.10 with QEMU 6.2 used JSON too',
      xml: single,
      host: { qemu: '6.2.0', libvirt: '7.10.0' },
      errors: [{ messageId: 'setDeviceWithoutOverride', data: { alias: 'hostdev0', property: 'x-pci-sub-vendor-id', value: '0x17aa', libvirt: '7.10.0', qemu: '6.2.0' }, line: 32, column: 5 }],
      output: null,
    },
    {
      name: 'a -set aimed at a JSON -device of the command line fails as well',
      xml: vm(['-device', '{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}', '-set', 'device.shmem0.bus=pcie.0']),
      host: HOST,
      errors: [
        {
          messageId: 'setDevice',
          data: { alias: 'shmem0', property: 'bus', value: 'pcie.0', libvirt: '10.0.0', qemu: '9.1.1' },
          line: 34,
          column: 5,
          suggestions: [
            {
              output: vm(['-device', '{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'], {
                after: overrideOf(["<qemu:property name='bus' type='string' value='pcie.0'/>"], 'shmem0'),
              }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'the prefix declared only on <qemu:commandline>: the new block declares it too',
      xml: localNs,
      host: HOST,
      errors: [{ messageId: 'setDevice', line: 32, column: 5, suggestions: [{ output: localNsFixed }] }],
      output: null,
    },
    {
      name: 'an existing <qemu:override> gets a new device entry',
      xml: existing,
      host: HOST,
      errors: [{ messageId: 'setDevice', line: 32, column: 5, suggestions: [{ output: existingFixed }] }],
      output: null,
    },
    {
      name: 'GVT-g guides: on becomes bool true, a driver name a string; --unsafe-fixes moves both',
      xml: gvt,
      host: HOST,
      errors: [
        {
          messageId: 'setDevice',
          data: { alias: 'hostdev0', property: 'ramfb', value: 'on', libvirt: '10.0.0', qemu: '9.1.1' },
          line: 32,
          column: 5,
          suggestions: [{ output: vm(['-set', 'device.hostdev0.driver=vfio-pci-nohotplug'], { after: overrideOf(["<qemu:property name='ramfb' type='bool' value='true'/>"]) }) }],
        },
        {
          messageId: 'setDevice',
          data: { alias: 'hostdev0', property: 'driver', value: 'vfio-pci-nohotplug', libvirt: '10.0.0', qemu: '9.1.1' },
          line: 34,
          column: 5,
          suggestions: [{ output: vm(['-set', 'device.hostdev0.ramfb=on'], { after: overrideOf(["<qemu:property name='driver' type='string' value='vfio-pci-nohotplug'/>"]) }) }],
        },
      ],
      output: null,
      unsafeOutput: withTail(overrideOf(["<qemu:property name='ramfb' type='bool' value='true'/>", "<qemu:property name='driver' type='string' value='vfio-pci-nohotplug'/>"])),
    },
    {
      name: 'keeps double quotes',
      xml: single.replace(/'/g, '"'),
      host: HOST,
      errors: [{ messageId: 'setDevice', line: 32, column: 5, suggestions: [{ output: singleFixed.replace(/'/g, '"') }] }],
      output: null,
    },
  ],
});

describe('the property type the suggestion infers', () => {
  it.each([
    ['0x17aa', 'unsigned', '6058'],
    ['0X10DE', 'unsigned', '4318'],
    ['8', 'unsigned', '8'],
    ['010', 'unsigned', '8'],
    ['-1', 'signed', '-1'],
    ['on', 'bool', 'true'],
    ['yes', 'bool', 'true'],
    ['off', 'bool', 'false'],
    ['false', 'bool', 'false'],
    ['vfio-pci-nohotplug', 'string', 'vfio-pci-nohotplug'],
    ['64M', 'string', '64M'],
  ])('%s -> %s %s', (raw, type, value) => {
    expect(overrideProperty(raw)).toEqual({ type, value });
  });
});

// libvirt 11.3's grammar must accept what the suggestion writes. The schemas
// are third-party build inputs: vendored into the project (vendor/), or the
// shared reference data next to the checkout; without either, or without
// xmllint, the check is skipped.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMA = [join(ROOT, 'vendor/libvirt-schemas/11.3.0/domain.rng'), join(ROOT, '../shared/reference/libvirt-schemas/11.3.0/domain.rng')].find((p) => existsSync(p));
const XMLLINT = spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!SCHEMA || !XMLLINT)("the suggestion's XML against libvirt 11.3's domain.rng (xmllint)", () => {
  const outputs: [string, string][] = [
    ['a command line replaced by the block', applySuggestion(rule, single, 0, { host: HOST })],
    ['the block after a command line that keeps other arguments', applySuggestion(rule, mixed, 0, { host: HOST })],
    ['both -set moved by --fix --unsafe-fixes', fixed(rule, mixed, { host: HOST, mode: 'unsafe' })],
    ['a new entry in an existing block', applySuggestion(rule, existing, 0, { host: HOST })],
    ['the namespace declared on the new block', applySuggestion(rule, localNs, 0, { host: HOST })],
    ['bool and string properties', fixed(rule, gvt, { host: HOST, mode: 'unsafe' })],
  ];
  it.each(outputs)('%s', (_, xml) => {
    const file = join(tempDir('override'), 'domain.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--relaxng', SCHEMA!, file], { encoding: 'utf8' });
    expect(r.stderr.trim()).toBe(`${file} validates`);
    expect(r.status).toBe(0);
  });
});
