import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

export default defineRule({
  meta: {
    id: 'vnc-password-too-long',
    description: 'A VNC password is longer than the 8 characters VNC authentication can use',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      tooLong: 'The VNC password is {{length}} characters long: libvirt refuses it: "VNC password is {{length}} characters long, only 8 permitted". Use at most 8 characters.',
    },
    docs: {
      whatItDoes: "Reports `<graphics type='vnc' passwd='...'>` when the password is longer than 8 bytes. QEMU driver only.",
      whyIsThisBad:
        'Classic VNC authentication (DES challenge) only uses 8 bytes of password, so libvirt refuses longer ones rather than silently truncating: `virsh define` fails with "VNC password is N characters long, only 8 permitted".',
      example: `<graphics type='vnc' port='-1' autoport='yes' passwd='correct-horse-battery'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`,
      useInstead: `<graphics type='vnc' port='-1' autoport='yes' passwd='Vk3x9qTz'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`,
      fixSafety: 'No fix: the password is yours to choose. Consider SPICE with TLS or an SSH tunnel; an 8-character VNC password is weak.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefVNCGraphics: "VNC password is %1$zu characters long, only 8 permitted"'],
    },
  },
  create(context) {
    if (!isQemuDomain(context.domain)) return;
    for (const g of context.domain.select('devices/graphics')) {
      if (g.attr('type') !== 'vnc') continue;
      const passwd = g.attribute('passwd');
      if (!passwd) continue;
      const length = new TextEncoder().encode(passwd.value).length;
      if (length <= 8) continue;
      context.report({ at: passwd, messageId: 'tooLong', data: { length } });
    }
  },
});
