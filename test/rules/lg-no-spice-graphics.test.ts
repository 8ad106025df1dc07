import rule from '#rules/lg-no-spice-graphics.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
const QEMU_NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
// A typical GPU passthrough guide: the emulated display removed.
const noSpice = domain(`<video>\n  <model type='none'/>\n</video>\n${LG}`);
const evdev = domain(`<input type='evdev'>\n  <source dev='/dev/input/by-id/usb-Mouse-event-mouse'/>\n</input>\n${LG}`);
const inputLinux = (arg: string) =>
  domain(LG, {
    rootAttrs: QEMU_NS,
    extra: `<qemu:commandline>\n  <qemu:arg value='-object'/>\n  <qemu:arg value='${arg}'/>\n</qemu:commandline>`,
  });

/** Every report sits on the <devices> start tag (line 22 of domain()). */
const AT_DEVICES = { line: 22, column: 3, endLine: 22, endColumn: 12 };

testRule(rule, {
  valid: [
    { name: 'SPICE graphics present', xml: domain(`${SPICE}\n${LG}`) },
    { name: 'SPICE graphics present, master client', xml: domain(`${SPICE}\n${LG}`), options: { lookingGlassRelease: 'master' } },
    { name: 'no Looking Glass', xml: domain(`<video>\n  <model type='none'/>\n</video>`) },
  ],
  invalid: [
    {
      name: 'B7 (the default): a warning at <devices>, keyboard and mouse lost',
      xml: noSpice,
      errors: [
        {
          messageId: 'missingSpice',
          data: { release: 'B7' },
          ...AT_DEVICES,
          severity: 'warning',
          message:
            "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass B7 client gets its keyboard and mouse input, clipboard synchronisation and audio through the VM's SPICE server. Add <graphics type='spice' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics> (or run the client with spice:enable=no if you want a view-only setup).",
        },
      ],
    },
    {
      name: 'B6 names its release',
      xml: noSpice,
      options: { lookingGlassRelease: 'B6' },
      errors: [{ messageId: 'missingSpice', data: { release: 'B6' }, ...AT_DEVICES, severity: 'warning' }],
    },
    {
      name: 'master (IDD) client: information, clipboard, audio and display fallback lost',
      xml: noSpice,
      options: { lookingGlassRelease: 'master' },
      errors: [
        {
          messageId: 'missingSpiceMaster',
          data: { release: 'master' },
          ...AT_DEVICES,
          severity: 'info',
          message:
            "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass master client gets its clipboard synchronisation, audio and the display fallback through the VM's SPICE server. Add <graphics type='spice' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>.",
        },
      ],
    },
    {
      name: "evdev passthrough (<input type='evdev'>) provides input: information, clipboard and audio lost",
      xml: evdev,
      errors: [
        {
          messageId: 'missingSpiceEvdev',
          data: { release: 'B7' },
          ...AT_DEVICES,
          severity: 'info',
          message:
            "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass B7 client gets its clipboard synchronisation and audio through the VM's SPICE server. Add <graphics type='spice' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics> (or run the client with spice:enable=no if you want a view-only setup).",
        },
      ],
    },
    {
      name: 'evdev passthrough through an input-linux object in qemu:commandline',
      xml: inputLinux('input-linux,id=kbd1,evdev=/dev/input/by-id/usb-Kbd-event-kbd,grab_all=on,repeat=on'),
      errors: [{ messageId: 'missingSpiceEvdev', data: { release: 'B7' }, ...AT_DEVICES, severity: 'info' }],
    },
    {
      name: 'evdev passthrough through an input-linux object in JSON syntax',
      xml: inputLinux('{"qom-type":"input-linux","id":"kbd1","evdev":"/dev/input/by-id/usb-Kbd-event-kbd"}'),
      errors: [{ messageId: 'missingSpiceEvdev', data: { release: 'B7' }, ...AT_DEVICES, severity: 'info' }],
    },
    {
      name: 'master with evdev passthrough: the master message',
      xml: evdev,
      options: { lookingGlassRelease: 'master' },
      errors: [{ messageId: 'missingSpiceMaster', data: { release: 'master' }, ...AT_DEVICES, severity: 'info' }],
    },
    {
      name: 'a VNC display does not replace SPICE',
      xml: domain(`<graphics type='vnc' port='-1' autoport='yes'/>\n${LG}`),
      errors: [{ messageId: 'missingSpice', data: { release: 'B7' }, ...AT_DEVICES, severity: 'warning' }],
    },
  ],
});
