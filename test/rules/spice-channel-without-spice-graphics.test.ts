import { describe, expect, it } from 'vitest';
import rule from '../../rules/spice-channel-without-spice-graphics.js';
import { applySuggestion, diagnostics, domain } from '../helpers/rule-tester.js';

// What virt-manager leaves behind when SPICE graphics are swapped for VNC.
const xml = domain(`<graphics type='vnc' port='-1' autoport='yes'/>
<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
  <address type='virtio-serial' controller='0' bus='0' port='2'/>
</channel>
<redirdev bus='usb' type='spicevmc'>
  <address type='usb' bus='0' port='2'/>
</redirdev>`);

describe('spice-channel-without-spice-graphics', () => {
  it('reports each SPICE-tunnelled device', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'spice-channel-without-spice-graphics',
        severity: 'error',
        line: 25,
        column: 14,
        endLine: 25,
        endColumn: 29,
        message:
          '<channel> of type \'spicevmc\' tunnels through SPICE, and this domain has no SPICE graphics: libvirt refuses it: "chardev \'spicevmc\' not supported without spice graphics". Add <graphics type=\'spice\'>, or remove this <channel>.',
      },
      {
        ruleId: 'spice-channel-without-spice-graphics',
        severity: 'error',
        line: 29,
        column: 25,
        endLine: 29,
        endColumn: 40,
        message:
          '<redirdev> of type \'spicevmc\' tunnels through SPICE, and this domain has no SPICE graphics: libvirt refuses it: "chardev \'spicevmc\' not supported without spice graphics". Add <graphics type=\'spice\'>, or remove this <redirdev>.',
      },
    ]);
  });

  it('suggests removing the device', () => {
    expect(applySuggestion(rule, xml, 0)).toBe(
      xml.replace("    <channel type='spicevmc'>\n      <target type='virtio' name='com.redhat.spice.0'/>\n      <address type='virtio-serial' controller='0' bus='0' port='2'/>\n    </channel>\n", ''),
    );
  });

  it('accepts them with SPICE graphics', () => {
    expect(diagnostics(rule, xml.replace("<graphics type='vnc' port='-1' autoport='yes'/>", "<graphics type='spice' autoport='yes'/>"))).toEqual([]);
  });
});
