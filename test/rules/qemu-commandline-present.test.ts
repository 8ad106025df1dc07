import { describe, expect, it } from 'vitest';
import rule from '../../rules/qemu-commandline-present.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;

describe('qemu-commandline-present', () => {
  it('reports a qemu:commandline block with its argument count', () => {
    const xml = domain('', {
      rootAttrs: NS,
      extra: `<qemu:commandline>
  <qemu:arg value='-object'/>
  <qemu:arg value='input-linux,id=kbd1,evdev=/dev/input/by-id/usb-Kbd-event-kbd,grab_all=on,repeat=on'/>
  <qemu:env name='PIPEWIRE_RUNTIME_DIR' value='/run/user/1000'/>
</qemu:commandline>`,
    });
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'qemu-commandline-present',
        severity: 'info',
        line: 26,
        column: 3,
        endLine: 26,
        endColumn: 21,
        message:
          '<qemu:commandline> passes 2 arguments and 1 environment variable to QEMU: libvirt taints the domain (custom-argv) and does not validate them or grant SELinux/AppArmor/cgroup access to files they use. Prefer native libvirt XML where it exists.',
      },
    ]);
  });

  it('is quiet without a block or with an empty one', () => {
    expect(diagnostics(rule, domain(''))).toEqual([]);
    expect(diagnostics(rule, domain('', { rootAttrs: NS, extra: '<qemu:commandline/>' }))).toEqual([]);
  });
});
