import { defineRule } from '#engine/rule.js';
import type { TextEdit } from '#engine/edit.js';
import { describeListen, graphicsListen, isExposed, remoteDisplays } from '#domain/display.js';

export default defineRule({
  meta: {
    id: 'graphics-public-listen-no-password',
    description: 'A VNC or SPICE display listening on a non-loopback address without a password',
    severity: 'warning',
    category: 'security',
    fixable: 'unsafe',
    messages: {
      exposedWithoutPassword:
        "The {{display}} display listens on {{where}} without a password: anyone who can reach this host's port gets the VM's keyboard, mouse and screen. " +
        'Listen on 127.0.0.1 (and tunnel over SSH for remote access), or set up authentication.',
    },
    docs: {
      whatItDoes:
        "Reports `<graphics type='vnc'>` and `<graphics type='spice'>` whose listen address (the `listen` attribute or the first `<listen>`) is a wildcard (`0.0.0.0`, `::`), a specific non-loopback address or host name, or a libvirt network (`<listen type='network'>`), and which have no `passwd` attribute. Loopback addresses, UNIX sockets and displays without any listen setting (qemu.conf's `vnc_listen`/`spice_listen`, 127.0.0.1 by default) are fine.",
      whyIsThisBad:
        "Anyone who can reach that address and port gets the VM's console: keyboard, mouse and screen, including the firmware and the Windows login screen. libvirt's qemu.conf makes displays listen on 127.0.0.1 by default for this reason and strongly recommends TLS with client certificates when allowing public access. For local use (virt-manager, Looking Glass's SPICE client) 127.0.0.1 is enough; for remote use, tunnel over SSH (virt-manager and `virt-viewer --connect qemu+ssh://` do this).",
      example: `<graphics type='spice' autoport='yes' listen='0.0.0.0'>
  <listen type='address' address='0.0.0.0'/>
</graphics>`,
      useInstead: `<graphics type='spice' autoport='yes' listen='127.0.0.1'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`,
      fixSafety:
        "A suggestion, never applied by `--fix`: it changes the listen address (the `listen` attribute and the first `<listen>`, which libvirt requires to agree) to 127.0.0.1; a `<listen type='network'>` becomes `<listen type='address' address='127.0.0.1'/>`. That changes what the VM does: clients on other machines that connected directly are cut off and must tunnel over SSH. A console may be exposed on purpose (a trusted LAN, a firewall in front), so only you can decide; `--fix --unsafe-fixes` applies it.",
      sources: [
        'libvirt src/qemu/qemu.conf.in: vnc_listen / spice_listen default 127.0.0.1; "strong recommendation to enable TLS + x509 certificate verification when allowing public access"',
        'libvirt docs/formatdomain.rst "Graphical framebuffers" (passwd, listen attribute, <listen> types address/network/socket/none)',
      ],
      notes:
        "Authentication configured outside the XML is not visible: VNC SASL or TLS with x509 client verification in qemu.conf protects a public listener too. If you use them, turn this rule off. An empty passwd='' disables logins and counts as protected.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    for (const graphics of remoteDisplays(domain)) {
      if (graphics.attr('passwd') !== undefined) continue;
      const listen = graphicsListen(graphics);
      if (!isExposed(listen)) continue;
      const type = graphics.attr('type')!;
      const edits: TextEdit[] = [];
      if (listen.attribute) edits.push(fixer.replaceAttributeValue(listen.attribute, '127.0.0.1'));
      if (listen.listen) {
        const addr = listen.listen.attribute('address');
        if (listen.scope === 'network') {
          const q = listen.listen.attributes[0]?.quote ?? "'";
          edits.push(fixer.replaceElement(listen.listen, `<listen type=${q}address${q} address=${q}127.0.0.1${q}/>`));
        } else if (addr) edits.push(fixer.replaceAttributeValue(addr, '127.0.0.1'));
      }
      context.report({
        at: listen.attribute ?? listen.listen?.attribute('address') ?? listen.listen ?? graphics,
        messageId: 'exposedWithoutPassword',
        data: { display: type.toUpperCase(), where: describeListen(listen) },
        fixes: edits.length ? [{ title: 'Listen on 127.0.0.1', safety: 'unsafe', edits }] : [],
      });
    }
  },
});
