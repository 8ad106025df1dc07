import { describe, expect, it } from 'vitest';
import rule from '../../rules/cpu-cache-invalid.js';
import { applySuggestion, diagnostics, domain } from '../helpers/rule-tester.js';

const cpu = (mode: string, inner: string) =>
  domain('').replace(
    "  <cpu mode='host-passthrough' check='none' migratable='on'>\n    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n",
    `  <cpu mode='${mode}' check='none' migratable='on'>\n    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n    ${inner}\n`,
  );

describe('cpu-cache-invalid', () => {
  it('reports cache passthrough with host-model', () => {
    expect(diagnostics(rule, cpu('host-model', "<cache mode='passthrough'/>"))).toEqual([
      {
        ruleId: 'cpu-cache-invalid',
        severity: 'error',
        line: 16,
        column: 8,
        endLine: 16,
        endColumn: 25,
        message:
          'The host\'s caches can only be passed through with the host CPU model, not mode=\'host-model\': libvirt refuses it: "CPU cache mode \'passthrough\' can only be used with \'host-passthrough\' / \'maximum\' CPUs".',
      },
    ]);
  });

  it('reports an emulated cache other than L3 and a level on passthrough', () => {
    expect(diagnostics(rule, cpu('host-passthrough', "<cache level='2' mode='emulate'/>"))[0].message).toContain(`"CPU cache mode 'emulate' can only be used with level='3'"`);
    const level = cpu('host-passthrough', "<cache level='3' mode='passthrough'/>");
    expect(diagnostics(rule, level)[0].message).toContain(`"unsupported CPU cache level for mode 'passthrough'"`);
    expect(applySuggestion(rule, level, 0)).toBe(cpu('host-passthrough', "<cache mode='passthrough'/>"));
  });

  it('reports bits on passthrough maxphysaddr', () => {
    expect(diagnostics(rule, cpu('host-passthrough', "<maxphysaddr mode='passthrough' bits='42'/>"))[0].message).toContain('cannot be used with mode=');
  });

  it('accepts the usual gaming-VM settings', () => {
    expect(diagnostics(rule, cpu('host-passthrough', "<cache mode='passthrough'/>"))).toEqual([]);
    expect(diagnostics(rule, cpu('host-model', "<cache level='3' mode='emulate'/>"))).toEqual([]);
    expect(diagnostics(rule, cpu('host-passthrough', "<maxphysaddr mode='emulate' bits='42'/>"))).toEqual([]);
  });
});
