import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-no-spice-graphics.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
// A typical GPU passthrough guide: the emulated display removed.
const noSpice = domain(`<video>\n  <model type='none'/>\n</video>\n${LG}`);

describe('lg-no-spice-graphics', () => {
  it('warns (B7) at <devices> when a Looking Glass VM has no SPICE graphics', () => {
    expect(diagnostics(rule, noSpice)).toEqual([
      {
        ruleId: 'lg-no-spice-graphics',
        severity: 'warning',
        line: 22,
        column: 3,
        endLine: 22,
        endColumn: 12,
        message:
          "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass B7 client gets its keyboard and mouse input, clipboard synchronisation and audio through the VM's SPICE server. Add <graphics type='spice' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics> (or run the client with spice:enable=no if you want a view-only setup).",
      },
    ]);
  });

  it('is information for the master (IDD) client and when evdev passthrough provides input', () => {
    const master = diagnostics(rule, noSpice, { options: { lookingGlassRelease: 'master' } })[0];
    expect(master.severity).toBe('info');
    expect(master.message).toContain('gets its clipboard synchronisation, audio and the display fallback');
    const evdev = domain(`<input type='evdev'>\n  <source dev='/dev/input/by-id/usb-Mouse-event-mouse'/>\n</input>\n${LG}`);
    expect(diagnostics(rule, evdev)[0]).toMatchObject({ severity: 'info' });
    const inputLinux = domain(LG, {
      rootAttrs: ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`,
      extra: `<qemu:commandline>\n  <qemu:arg value='-object'/>\n  <qemu:arg value='input-linux,id=kbd1,evdev=/dev/input/by-id/usb-Kbd-event-kbd,grab_all=on,repeat=on'/>\n</qemu:commandline>`,
    });
    expect(diagnostics(rule, inputLinux)[0].severity).toBe('info');
  });

  it('is quiet with SPICE graphics or without Looking Glass', () => {
    expect(diagnostics(rule, domain(`<graphics type='spice' autoport='yes'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>\n${LG}`))).toEqual([]);
    expect(diagnostics(rule, domain(`<video>\n  <model type='none'/>\n</video>`))).toEqual([]);
  });
});
