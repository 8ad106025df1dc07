import { describe, expect, it } from 'vitest';
import rule from '../../rules/graphics-public-listen-no-password.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// As libvirt writes a display opened to the network (the attribute mirrors the first <listen>).
const spice = domain(`<graphics type='spice' autoport='yes' listen='0.0.0.0'>
  <listen type='address' address='0.0.0.0'/>
</graphics>`);

describe('graphics-public-listen-no-password', () => {
  it('reports a SPICE display on 0.0.0.0 without a password, at the listen attribute', () => {
    expect(diagnostics(rule, spice)).toEqual([
      {
        ruleId: 'graphics-public-listen-no-password',
        severity: 'warning',
        line: 24,
        column: 43,
        endLine: 24,
        endColumn: 59,
        message:
          "The SPICE display listens on 0.0.0.0 (every address of the host) without a password: anyone who can reach this host's port gets the VM's keyboard, mouse and screen. Listen on 127.0.0.1 (and tunnel over SSH for remote access), or set up authentication.",
      },
    ]);
  });

  it('--fix moves both the attribute and the <listen> to 127.0.0.1', () => {
    expect(fixed(rule, spice)).toBe(spice.replace(/0\.0\.0\.0/g, '127.0.0.1'));
  });

  it('reports specific addresses, ::, and network listens; the fix turns a network listen into an address', () => {
    const vnc = domain(`<graphics type='vnc' port='5901' autoport='no'>\n  <listen type='address' address='192.168.1.20'/>\n</graphics>`);
    expect(diagnostics(rule, vnc)[0].message).toContain('The VNC display listens on 192.168.1.20 without a password');
    expect(diagnostics(rule, domain(`<graphics type='vnc' port='-1' listen='::'/>`))[0].message).toContain('listens on :: (every address of the host)');
    const network = domain(`<graphics type='spice' autoport='yes'>\n  <listen type='network' network='default'/>\n</graphics>`);
    expect(diagnostics(rule, network)[0].message).toContain("listens on the address of libvirt network 'default'");
    expect(fixed(rule, network)).toBe(network.replace("<listen type='network' network='default'/>", "<listen type='address' address='127.0.0.1'/>"));
  });

  it('is quiet on loopback, sockets, no listen setting (qemu.conf default), with a password, and for other display types', () => {
    const quiet = [
      `<graphics type='spice' autoport='yes'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>`,
      `<graphics type='vnc' port='-1' listen='::1'/>`,
      `<graphics type='vnc' port='-1' listen='localhost'/>`,
      `<graphics type='spice' autoport='yes'>\n  <listen type='socket'/>\n</graphics>`,
      `<graphics type='spice' autoport='yes'>\n  <listen type='none'/>\n</graphics>`,
      `<graphics type='vnc' port='-1' autoport='yes'/>`,
      `<graphics type='vnc' socket='/run/vnc.sock' listen='0.0.0.0'/>`,
      `<graphics type='vnc' port='-1' listen='0.0.0.0' passwd='s3cret'/>`,
      `<graphics type='rdp' autoport='yes' listen='0.0.0.0'/>`,
    ];
    for (const g of quiet) expect(diagnostics(rule, domain(g)), g).toEqual([]);
  });
});
