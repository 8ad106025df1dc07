import { describe, expect, it } from 'vitest';
import rule from '../../rules/serial-target-incompatible.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

describe('serial-target-incompatible', () => {
  it('reports an ARM pl011 serial on x86', () => {
    const xml = domain(`<serial type='pty'>
  <target type='system-serial' port='0'>
    <model name='pl011'/>
  </target>
</serial>`);
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'serial-target-incompatible',
        severity: 'error',
        line: 26,
        column: 9,
        endLine: 26,
        endColumn: 30,
        message:
          'This guest\'s machine has no \'pl011\' serial device: libvirt refuses it: "Serial device with target type \'system-serial\' and target model \'pl011\' not compatible with guest architecture or machine type". Use the machine\'s own serial device (isa-serial on x86).',
      },
    ]);
  });

  it('takes spapr-vty as the model of spapr-vio-serial', () => {
    const xml = domain("<serial type='pty'>\n  <target type='spapr-vio-serial'/>\n</serial>");
    expect(diagnostics(rule, xml)[0].message).toContain("target type 'spapr-vio-serial' and target model 'spapr-vty'");
  });

  it('accepts the ISA serial port virt-manager writes', () => {
    const xml = domain("<serial type='pty'>\n  <target type='isa-serial' port='0'>\n    <model name='isa-serial'/>\n  </target>\n</serial>");
    expect(diagnostics(rule, xml)).toEqual([]);
  });
});
