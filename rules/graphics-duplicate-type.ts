import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { repeats } from '#domain/repeats.js';

export default defineRule({
  meta: {
    id: 'graphics-duplicate-type',
    description: 'Two <graphics> devices of the same type',
    severity: 'error',
    failsAt: 'start',
    category: 'correctness',
    fixable: false,
    messages: {
      duplicate:
        'A second <graphics type=\'{{type}}\'>: QEMU runs one display of each type and the domain fails to start: "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus, rdp) is supported". Remove one of them.',
    },
    docs: {
      whatItDoes: "Reports a `<graphics>` whose `type` (vnc, spice, sdl, egl-headless, dbus, ...) was already used by an earlier `<graphics>`. QEMU driver only.",
      whyIsThisBad:
        'QEMU runs one display server of each kind. libvirt accepts the definition but the domain fails to start with "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus, rdp) is supported". Two VNC servers on different ports are not possible; use one VNC and one SPICE if you need two protocols.',
      example: `<graphics type='vnc' port='5900' autoport='no'/>
<graphics type='vnc' port='5901' autoport='no'/>`,
      useInstead: `<graphics type='vnc' port='5900' autoport='no'/>`,
      fixSafety: 'No fix: which one to keep is your choice.',
      sources: ['libvirt 11.3 src/qemu/qemu_command.c qemuBuildGraphicsCommandLine: "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus, rdp) is supported"'],
      notes: 'This is reported when the domain starts (building the QEMU command line), not by `virsh define`. The exact list of types in the message differs between libvirt versions.',
    },
  },
  create(context) {
    if (!isQemuDomain(context.domain)) return;
    for (const { item: g, key: type } of repeats(context.domain.select('devices/graphics'), (el) => el.attr('type') || undefined)) {
      context.report({ at: g, messageId: 'duplicate', data: { type } });
    }
  },
});
