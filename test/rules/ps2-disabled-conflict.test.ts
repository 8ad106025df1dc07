import { describe, expect, it } from 'vitest';
import rule from '../../rules/ps2-disabled-conflict.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const FEATURES = "<acpi/>\n<apic/>\n<ps2 state='off'/>";

describe('ps2-disabled-conflict', () => {
  it('reports PS/2 inputs when PS/2 is off', () => {
    const xml = domain("<input type='mouse' bus='ps2'/>\n<input type='keyboard' bus='ps2'/>", { features: FEATURES });
    expect(diagnostics(rule, xml)[0]).toEqual({
      ruleId: 'ps2-disabled-conflict',
      severity: 'error',
      line: 24,
      column: 25,
      endLine: 24,
      endColumn: 34,
      message:
        'A PS/2 mouse needs the PS/2 controller, which <ps2 state=\'off\'/> removes: libvirt refuses it: "ps2 bus inputs require the ps2 feature not to be disabled". Use bus=\'usb\' or \'virtio\', or keep PS/2.',
    });
    expect(diagnostics(rule, xml)).toHaveLength(2);
  });

  it('reports vmport with PS/2 off', () => {
    const xml = domain('', { features: `${FEATURES}\n<vmport state='on'/>` });
    expect(diagnostics(rule, xml)[0].message).toContain('"vmport feature requires the ps2 feature not to be disabled"');
  });

  it('accepts USB/virtio inputs with PS/2 off, and PS/2 inputs with PS/2 on', () => {
    expect(diagnostics(rule, domain("<input type='tablet' bus='usb'/>\n<input type='keyboard' bus='virtio'/>", { features: FEATURES }))).toEqual([]);
    expect(diagnostics(rule, domain("<input type='mouse' bus='ps2'/>"))).toEqual([]);
  });
});
