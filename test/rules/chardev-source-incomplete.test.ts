import { describe, expect, it } from 'vitest';
import rule from '../../rules/chardev-source-incomplete.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

describe('chardev-source-incomplete', () => {
  it('reports a unix serial port without a socket path', () => {
    const xml = domain("<serial type='unix'>\n  <target type='isa-serial' port='0'/>\n</serial>");
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'chardev-source-incomplete',
        severity: 'error',
        line: 24,
        column: 13,
        endLine: 24,
        endColumn: 24,
        message: '<serial type=\'unix\'> has no <source path=\'...\'/> for its socket: libvirt refuses it: "Missing source path attribute for char device".',
      },
    ]);
  });

  it('lets libvirt generate the socket of a virtio channel', () => {
    const xml = domain("<channel type='unix'>\n  <target type='virtio' name='org.qemu.guest_agent.0'/>\n</channel>");
    expect(diagnostics(rule, xml)).toEqual([]);
  });

  it('reports an egd rng whose unix backend has a TCP-style source', () => {
    const xml = domain("<rng model='virtio'>\n  <backend model='egd' type='unix'>\n    <source mode='connect' host='1.2.3.4' service='1234'/>\n  </backend>\n</rng>");
    expect(diagnostics(rule, xml).map((d) => [d.line, d.message.split(':')[0]])).toEqual([[25, "<rng type='unix'> has no <source path='...'/> for its socket"]]);
  });

  it('reports reconnect in listen mode and a zero timeout', () => {
    const listen = domain("<channel type='tcp'>\n  <source mode='bind' host='127.0.0.1' service='4555'>\n    <reconnect enabled='yes' timeout='10'/>\n  </source>\n  <target type='virtio' name='org.example.agent'/>\n</channel>");
    expect(diagnostics(rule, listen)[0].message).toContain('"chardev reconnect is possible only for connect mode"');
    const zero = listen.replace("mode='bind'", "mode='connect'").replace("timeout='10'", "timeout='0'");
    expect(diagnostics(rule, zero)[0].message).toContain(`"chardev reconnect source timeout cannot be '0'"`);
    expect(diagnostics(rule, zero.replace("timeout='0'", "timeout='10'"))).toEqual([]);
  });

  it('accepts a complete TCP console', () => {
    const xml = domain("<serial type='tcp'>\n  <source mode='connect' host='127.0.0.1' service='9999'/>\n  <protocol type='telnet'/>\n  <target port='0'/>\n</serial>");
    expect(diagnostics(rule, xml)).toEqual([]);
  });
});
