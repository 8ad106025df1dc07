import { describe, expect, it } from 'vitest';
import rule from '../../rules/spice-insecure-channels.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const spice = (attrs: string, listen: string, inner = '') =>
  domain(`<graphics type='spice' autoport='yes'${attrs}>\n  <listen type='address' address='${listen}'/>${inner}\n</graphics>`);

describe('spice-insecure-channels', () => {
  it("reports defaultMode='insecure' on a public listener", () => {
    expect(diagnostics(rule, spice(" defaultMode='insecure'", '0.0.0.0'))).toEqual([
      {
        ruleId: 'spice-insecure-channels',
        severity: 'info',
        line: 24,
        column: 43,
        endLine: 24,
        endColumn: 65,
        message:
          "SPICE defaultMode='insecure' while listening on 0.0.0.0 (every address of the host): every channel (keyboard, screen, clipboard) crosses the network unencrypted. Use TLS or keep the display on 127.0.0.1.",
      },
    ]);
  });

  it('reports channels forced to insecure', () => {
    const [d] = diagnostics(rule, spice('', '192.168.1.20', "\n  <channel name='inputs' mode='insecure'/>"));
    expect(d.message).toBe("SPICE channel 'inputs' is forced to insecure while listening on 192.168.1.20: its traffic crosses the network unencrypted.");
  });

  it('is quiet on loopback and for secure modes', () => {
    expect(diagnostics(rule, spice(" defaultMode='insecure'", '127.0.0.1'))).toEqual([]);
    expect(diagnostics(rule, spice(" defaultMode='secure' tlsPort='-1'", '0.0.0.0'))).toEqual([]);
  });
});
