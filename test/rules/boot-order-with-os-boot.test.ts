import { describe, expect, it } from 'vitest';
import rule from '../../rules/boot-order-with-os-boot.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const xml = domain(`<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/debian-12.9.0-amd64-netinst.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
  <boot order='1'/>
</disk>`);

describe('boot-order-with-os-boot', () => {
  it('reports <os><boot> next to a per-device boot order', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'boot-order-with-os-boot',
        severity: 'error',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 21,
        message:
          '<os><boot dev=\'hd\'/> cannot be combined with per-device boot orders (<disk> has <boot order=\'1\'/>): libvirt refuses it: "per-device boot elements cannot be used together with os/boot elements". Use one style: remove the <os><boot> elements, or the per-device <boot order> elements.',
      },
    ]);
  });

  it('offers removing <os><boot> as a suggestion only', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("    <boot dev='hd'/>\n", ''));
  });

  it('accepts either style alone', () => {
    expect(diagnostics(rule, xml.replace("    <boot dev='hd'/>\n", ''))).toEqual([]);
    expect(diagnostics(rule, xml.replace("      <boot order='1'/>\n", ''))).toEqual([]);
  });
});
