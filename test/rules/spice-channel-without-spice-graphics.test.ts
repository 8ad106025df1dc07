import rule from '#rules/spice-channel-without-spice-graphics.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const VNC = "<graphics type='vnc' port='-1' autoport='yes'/>";
const CHANNEL = `<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
  <address type='virtio-serial' controller='0' bus='0' port='2'/>
</channel>`;
const REDIRDEV = `<redirdev bus='usb' type='spicevmc'>
  <address type='usb' bus='0' port='2'/>
</redirdev>`;
const RNG = `<rng model='virtio'>
  <backend model='egd' type='spiceport'>
    <source channel='org.qemu.rng'/>
  </backend>
</rng>`;

/** `device` as domain() indents it, with its line break. */
const lines = (device: string) => device.replace(/^/gm, '    ') + '\n';

// What virt-manager leaves behind when SPICE graphics are swapped for VNC.
const xml = domain(`${VNC}\n${CHANNEL}\n${REDIRDEV}`);
const withoutChannel = xml.replace(lines(CHANNEL), '');
const withoutRedirdev = xml.replace(lines(REDIRDEV), '');
const rng = domain(`${VNC}\n${RNG}`);

testRule(rule, {
  valid: [
    { name: 'with SPICE graphics', xml: xml.replace(VNC, "<graphics type='spice' autoport='yes'/>") },
    { name: 'outside the QEMU driver', xml: xml.replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: 'each SPICE-tunnelled device, at its type; removing them is only a suggestion',
      xml,
      errors: [
        {
          messageId: 'spiceChardevWithoutSpice',
          data: { element: 'channel', type: 'spicevmc' },
          line: 25,
          column: 14,
          endLine: 25,
          endColumn: 29,
          severity: 'error',
          message:
            '<channel> of type \'spicevmc\' tunnels through SPICE, and this domain has no SPICE graphics: libvirt refuses it: "chardev \'spicevmc\' not supported without spice graphics". Add <graphics type=\'spice\'>, or remove this <channel>.',
          suggestions: [{ title: 'Remove the spicevmc <channel>', output: withoutChannel }],
        },
        {
          messageId: 'spiceChardevWithoutSpice',
          data: { element: 'redirdev', type: 'spicevmc' },
          line: 29,
          column: 25,
          endLine: 29,
          endColumn: 40,
          message:
            '<redirdev> of type \'spicevmc\' tunnels through SPICE, and this domain has no SPICE graphics: libvirt refuses it: "chardev \'spicevmc\' not supported without spice graphics". Add <graphics type=\'spice\'>, or remove this <redirdev>.',
          suggestions: [{ title: 'Remove the spicevmc <redirdev>', output: withoutRedirdev }],
        },
      ],
      output: null,
      unsafeOutput: domain(VNC),
    },
    {
      name: 'an egd rng backend on a SPICE port is named after, and removed with, its <rng>',
      xml: rng,
      errors: [{ messageId: 'spiceChardevWithoutSpice', data: { element: 'rng', type: 'spiceport' }, line: 26, column: 28, suggestions: [{ output: domain(VNC) }] }],
      output: null,
    },
  ],
});
