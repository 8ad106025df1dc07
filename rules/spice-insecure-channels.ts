import { defineRule } from '#engine/rule.js';
import { describeListen, graphicsListen, isExposed } from '#domain/display.js';

export default defineRule({
  meta: {
    id: 'spice-insecure-channels',
    description: "SPICE with defaultMode='insecure' (or insecure channels) on a non-loopback listener: the session is not encrypted",
    severity: 'info',
    category: 'security',
    fixable: false,
    messages: {
      insecureDefaultMode:
        "SPICE defaultMode='insecure' while listening on {{where}}: every channel (keyboard, screen, clipboard) crosses the network unencrypted. Use TLS or keep the display on 127.0.0.1.",
      insecureChannel: "SPICE channel '{{channel}}' is forced to insecure while listening on {{where}}: its traffic crosses the network unencrypted.",
    },
    docs: {
      whatItDoes:
        "For `<graphics type='spice'>` listening on a wildcard, non-loopback or network address, reports `defaultMode='insecure'` and `<channel name=… mode='insecure'/>`.",
      whyIsThisBad:
        'Insecure SPICE channels are plain TCP: keystrokes (passwords typed in the guest), the screen, clipboard and USB traffic cross the network unencrypted. On 127.0.0.1 this does not matter; on a reachable address prefer TLS (`defaultMode=\'secure\'` or `any` with `tlsPort`, and spice_tls in qemu.conf) or an SSH tunnel.',
      example: `<graphics type='spice' autoport='yes' defaultMode='insecure'>
  <listen type='address' address='0.0.0.0'/>
</graphics>`,
      useInstead: `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`,
      fixSafety: 'No automatic fix: TLS needs certificates on the host (qemu.conf spice_tls, spice_tls_x509_cert_dir).',
      sources: ['libvirt docs/formatdomain.rst "Graphical framebuffers" (SPICE defaultMode secure|insecure|any, per-channel mode)', 'libvirt src/qemu/qemu.conf.in (spice_tls)'],
    },
  },
  create(context) {
    for (const graphics of context.domain.select('devices/graphics')) {
      if (graphics.attr('type') !== 'spice') continue;
      const listen = graphicsListen(graphics);
      if (!isExposed(listen)) continue;
      const where = describeListen(listen);
      const mode = graphics.attribute('defaultMode');
      if (mode?.value === 'insecure') {
        context.report({ at: mode, messageId: 'insecureDefaultMode', data: { where } });
      }
      for (const channel of graphics.childrenNamed('channel')) {
        const m = channel.attribute('mode');
        if (m?.value !== 'insecure') continue;
        context.report({ at: m, messageId: 'insecureChannel', data: { channel: channel.attr('name') ?? '', where } });
      }
    }
  },
});
