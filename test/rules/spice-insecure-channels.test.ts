import rule from '#rules/spice-insecure-channels.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** SPICE graphics on line 24 listening on `listen`, with `inner` after the <listen>. */
const spice = (attrs: string, listen: string, inner = '') =>
  domain(`<graphics type='spice' autoport='yes'${attrs}>\n  <listen type='address' address='${listen}'/>${inner}\n</graphics>`);

testRule(rule, {
  valid: [
    { name: 'insecure on loopback', xml: spice(" defaultMode='insecure'", '127.0.0.1', "\n  <channel name='inputs' mode='insecure'/>") },
    { name: 'secure mode on a public listener', xml: spice(" defaultMode='secure' tlsPort='-1'", '0.0.0.0') },
    { name: 'a channel forced to secure on a public listener', xml: spice('', '0.0.0.0', "\n  <channel name='main' mode='secure'/>") },
    // libvirt rewrites the listen of SPICE without port, tlsPort or autoport='yes' to type='none'
    // (virDomainDefPostParseGraphics; `virsh dumpxml` shows <listen type='none'/>): nothing crosses the network.
    { name: 'SPICE without any port listens nowhere', xml: spice(" defaultMode='insecure'", '0.0.0.0').replace(" autoport='yes'", '') },
    { name: 'VNC is not SPICE', xml: spice(" defaultMode='insecure'", '0.0.0.0').replace("type='spice'", "type='vnc'") },
  ],
  invalid: [
    {
      name: "defaultMode='insecure' on a wildcard listener, at the attribute",
      xml: spice(" defaultMode='insecure'", '0.0.0.0'),
      errors: [
        {
          messageId: 'insecureDefaultMode',
          data: { where: '0.0.0.0 (every address of the host)' },
          line: 24,
          column: 43,
          endLine: 24,
          endColumn: 65,
          severity: 'info',
          message:
            "SPICE defaultMode='insecure' while listening on 0.0.0.0 (every address of the host): every channel (keyboard, screen, clipboard) crosses the network unencrypted. Use TLS or keep the display on 127.0.0.1.",
        },
      ],
    },
    {
      name: 'a channel forced to insecure on a LAN address, at its mode',
      xml: spice('', '192.168.1.20', "\n  <channel name='inputs' mode='insecure'/>"),
      errors: [
        {
          messageId: 'insecureChannel',
          data: { channel: 'inputs', where: '192.168.1.20' },
          line: 26,
          column: 30,
          endColumn: 45,
          message: "SPICE channel 'inputs' is forced to insecure while listening on 192.168.1.20: its traffic crosses the network unencrypted.",
        },
      ],
    },
    {
      name: 'both, one report each',
      xml: spice(" defaultMode='insecure'", '0.0.0.0', "\n  <channel name='main' mode='insecure'/>"),
      errors: [
        { messageId: 'insecureDefaultMode', data: { where: '0.0.0.0 (every address of the host)' }, line: 24, column: 43 },
        { messageId: 'insecureChannel', data: { channel: 'main', where: '0.0.0.0 (every address of the host)' }, line: 26, column: 28 },
      ],
    },
  ],
});
