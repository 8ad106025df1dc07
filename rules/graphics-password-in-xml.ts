import { defineRule } from '#engine/rule.js';
import { remoteDisplays } from '#domain/display.js';

export default defineRule({
  meta: {
    id: 'graphics-password-in-xml',
    description: 'A VNC or SPICE password written in the domain XML (stored in clear text, ends up in version control)',
    severity: 'warning',
    category: 'security',
    fixable: false,
    messages: {
      clearText:
        'The {{protocol}} password is stored in clear text in this file; anyone who reads it (or its git history) has the console password. Set it in qemu.conf or at run time instead, and change it if this file was ever shared.',
    },
    docs: {
      whatItDoes: "Reports a non-empty `passwd` attribute on `<graphics type='vnc'>` or `<graphics type='spice'>`.",
      whyIsThisBad:
        'libvirt documents `passwd` as "a VNC/SPICE password in clear text". A file that is committed, shared in a guide or pasted into a forum carries the console password with it; `virsh dumpxml` leaves it out unless asked with --security-info, so an XML that has it was written or exported on purpose. VNC also uses only the first 8 characters.',
      example: `<graphics type='vnc' port='-1' autoport='yes' passwd='hunter22'>
  <listen type='address' address='0.0.0.0'/>
</graphics>`,
      useInstead: `<!-- Keep the display on 127.0.0.1 and tunnel over SSH, or set the
     password from qemu.conf (vnc_password / spice_password) or at run time
     (virsh domdisplay, virsh update-device with passwdValidTo). -->
<graphics type='vnc' port='-1' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`,
      fixSafety: 'No automatic fix: removing the password of a display that listens publicly would open it. Move the secret out of the file first.',
      sources: [
        'libvirt docs/formatdomain.rst "Graphical framebuffers": "The passwd attribute provides a VNC/SPICE password in clear text"',
        'libvirt src/qemu/qemu.conf.in: vnc_password / spice_password ("Only 8 bytes are significant for VNC passwords")',
        'virsh(1) dumpxml --security-info',
      ],
    },
  },
  create(context) {
    for (const graphics of remoteDisplays(context.domain)) {
      const passwd = graphics.attribute('passwd');
      if (!passwd || passwd.value === '') continue;
      context.report({ at: passwd, messageId: 'clearText', data: { protocol: graphics.attr('type')!.toUpperCase() } });
    }
  },
});
