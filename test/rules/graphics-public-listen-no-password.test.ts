import rule from '#rules/graphics-public-listen-no-password.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// As libvirt writes a display opened to the network (the attribute mirrors the first <listen>).
const spice = domain(`<graphics type='spice' autoport='yes' listen='0.0.0.0'>
  <listen type='address' address='0.0.0.0'/>
</graphics>`);
const vnc = domain(`<graphics type='vnc' port='5901' autoport='no'>\n  <listen type='address' address='192.168.1.20'/>\n</graphics>`);
const network = domain(`<graphics type='spice' autoport='yes'>\n  <listen type='network' network='default'/>\n</graphics>`);
const networkDoubleQuoted = network.replace(/'/g, '"');

testRule(rule, {
  valid: [
    ...[
      `<graphics type='spice' autoport='yes'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>`,
      `<graphics type='vnc' port='-1' listen='::1'/>`,
      `<graphics type='vnc' port='-1' listen='localhost'/>`,
      `<graphics type='spice' autoport='yes'>\n  <listen type='socket'/>\n</graphics>`,
      `<graphics type='spice' autoport='yes'>\n  <listen type='none'/>\n</graphics>`,
      `<graphics type='vnc' port='-1' autoport='yes'/>`,
      `<graphics type='vnc' socket='/run/vnc.sock' listen='0.0.0.0'/>`,
      `<graphics type='vnc' port='-1' listen='0.0.0.0' passwd='s3cret'/>`,
      `<graphics type='vnc' port='-1' listen='0.0.0.0' passwd=''/>`,
      `<graphics type='rdp' autoport='yes' listen='0.0.0.0'/>`,
    ].map((g) => ({ name: g, xml: domain(g) })),
  ],
  invalid: [
    {
      name: 'a SPICE display on 0.0.0.0 without a password, at the listen attribute; moving the attribute and the <listen> to 127.0.0.1 is only a suggestion (it cuts off remote clients)',
      xml: spice,
      errors: [
        {
          messageId: 'exposedWithoutPassword',
          data: { display: 'SPICE', where: '0.0.0.0 (every address of the host)' },
          line: 24,
          column: 43,
          endLine: 24,
          endColumn: 59,
          severity: 'warning',
          message:
            "The SPICE display listens on 0.0.0.0 (every address of the host) without a password: anyone who can reach this host's port gets the VM's keyboard, mouse and screen. Listen on 127.0.0.1 (and tunnel over SSH for remote access), or set up authentication.",
          suggestions: [{ title: 'Listen on 127.0.0.1', output: spice.replace(/0\.0\.0\.0/g, '127.0.0.1') }],
        },
      ],
      output: null,
      unsafeOutput: spice.replace(/0\.0\.0\.0/g, '127.0.0.1'),
    },
    {
      name: 'a VNC display on a specific address, at the <listen> address',
      xml: vnc,
      errors: [
        {
          messageId: 'exposedWithoutPassword', data: { display: 'VNC', where: '192.168.1.20' }, line: 25, column: 30,
          suggestions: [{ output: vnc.replace('192.168.1.20', '127.0.0.1') }],
        },
      ],
      output: null,
    },
    {
      name: 'a listen attribute of ::',
      xml: domain(`<graphics type='vnc' port='-1' listen='::'/>`),
      errors: [
        {
          messageId: 'exposedWithoutPassword', data: { display: 'VNC', where: ':: (every address of the host)' }, line: 24, column: 36,
          suggestions: [{ output: domain(`<graphics type='vnc' port='-1' listen='127.0.0.1'/>`) }],
        },
      ],
      output: null,
    },
    {
      name: 'a network listen, at <listen>; the suggestion turns it into a loopback address',
      xml: network,
      errors: [
        {
          messageId: 'exposedWithoutPassword', data: { display: 'SPICE', where: "the address of libvirt network 'default'" }, line: 25, column: 7,
          suggestions: [{ output: network.replace("<listen type='network' network='default'/>", "<listen type='address' address='127.0.0.1'/>") }],
        },
      ],
      output: null,
    },
    {
      name: 'the new <listen> keeps double quotes',
      xml: networkDoubleQuoted,
      errors: [
        {
          messageId: 'exposedWithoutPassword', data: { display: 'SPICE', where: "the address of libvirt network 'default'" }, line: 25, column: 7,
          suggestions: [{ output: networkDoubleQuoted.replace('<listen type="network" network="default"/>', '<listen type="address" address="127.0.0.1"/>') }],
        },
      ],
      output: null,
    },
  ],
});
