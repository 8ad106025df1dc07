import { expect, it } from 'vitest';
import rule from '#rules/cpu-model-unsupported.js';
import { domain, runRule, testRule } from '../helpers/rule-tester.js';

const PASSTHROUGH = `  <cpu mode='host-passthrough' check='none' migratable='on'>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`;
/** The test domain with its <cpu> replaced; the <model> element is on line 17, column 5. */
const vm = (cpu: string) => domain('').replace(PASSTHROUGH, cpu);
const custom = (model: string, fallback?: string, mode = " mode='custom'") =>
  vm(`  <cpu${mode} match='exact' check='none'>
    <model${fallback ? ` fallback='${fallback}'` : ''}>${model}</model>
  </cpu>`);

testRule(rule, {
  valid: [
    { name: 'a model the release has', xml: custom('SapphireRapids', 'forbid'), host: { qemu: '8.0.0' } },
    { name: 'GraniteRapids from QEMU 8.1 on', xml: custom('GraniteRapids', 'forbid'), host: { qemu: '8.1.0' } },
    { name: 'Icelake-Client before its deprecation (5.2)', xml: custom('Icelake-Client'), host: { qemu: '5.1.0' } },
    { name: 'host-passthrough', xml: domain(''), host: { qemu: '8.0.0' } },
    { name: 'host-model with a fallback model element', xml: vm("  <cpu mode='host-model'>\n    <model fallback='allow'/>\n  </cpu>"), host: { qemu: '8.0.0' } },
    { name: 'a custom CPU without a model (topology only)', xml: vm("  <cpu mode='custom'>\n    <topology sockets='1' cores='4' threads='2'/>\n  </cpu>"), host: { qemu: '8.0.0' } },
    // The CPU lists end with QEMU 10.0: on a newer host a model missing from them may have come later.
    { name: 'an unknown name on a host newer than the CPU data', xml: custom('ClearwaterForest-v9', 'forbid'), host: { qemu: '10.2.0' } },
    // 2.3 lies between the data's 2.1 and 2.4: a model first listed in 2.4 may be in 2.3.
    { name: 'a release the data lacks, the model first listed in the next release', xml: custom('IvyBridge', 'forbid'), host: { qemu: '2.3.0' } },
    { name: 'another driver', xml: custom('GraniteRapids', 'forbid').replace("<domain type='kvm'", "<domain type='xen'"), host: { qemu: '8.0.0' } },
    { name: 'another architecture', xml: custom('GraniteRapids', 'forbid').replace("arch='x86_64'", "arch='aarch64'"), host: { qemu: '8.0.0' } },
  ],
  invalid: [
    {
      name: "a model QEMU added later, with fallback='forbid': libvirt refuses to start",
      xml: custom('GraniteRapids', 'forbid'),
      host: { qemu: '8.0.4' },
      errors: [
        {
          messageId: 'missingForbid',
          data: { model: 'GraniteRapids', qemu: '8.0.4', why: 'QEMU added it in 8.1' },
          line: 17,
          column: 5,
          endLine: 17,
          endColumn: 30,
          severity: 'error',
          message:
            "CPU model 'GraniteRapids' is not in QEMU 8.0.4 (QEMU added it in 8.1), and fallback='forbid' keeps libvirt from substituting another: the domain does not start: \"CPU model GraniteRapids is not supported by hypervisor\". Use a model QEMU 8.0.4 has, or mode='host-passthrough'.",
        },
      ],
    },
    {
      name: 'the default fallback: libvirt substitutes the closest model (a warning)',
      xml: custom('GraniteRapids'),
      host: { qemu: '7.2.0' },
      errors: [
        {
          messageId: 'missingFallback',
          data: { model: 'GraniteRapids', qemu: '7.2.0', why: 'QEMU added it in 8.1' },
          line: 17,
          column: 5,
          severity: 'warning',
          message:
            "CPU model 'GraniteRapids' is not in QEMU 7.2.0 (QEMU added it in 8.1): libvirt replaces it at start with the closest model QEMU has (fallback='allow', the default), so the guest does not get the CPU model written here. Use a model QEMU 7.2.0 has, or mode='host-passthrough'.",
        },
      ],
    },
    {
      name: "mode left out means custom; explicit fallback='allow'",
      xml: custom('GraniteRapids', 'allow', ''),
      host: { qemu: '7.2.0' },
      errors: [{ messageId: 'missingFallback', data: { model: 'GraniteRapids', qemu: '7.2.0', why: 'QEMU added it in 8.1' }, line: 17, column: 5, severity: 'warning' }],
    },
    {
      name: 'a removed model, also on a host newer than the CPU data',
      xml: custom('Icelake-Client', 'forbid'),
      host: { qemu: '10.2.2' },
      errors: [{ messageId: 'missingForbid', data: { model: 'Icelake-Client', qemu: '10.2.2', why: 'QEMU removed it in 7.1' }, line: 17, column: 5, severity: 'error' }],
    },
    {
      name: 'a name no release has',
      xml: custom('Skylake-Client-IBRS2', 'forbid'),
      host: { qemu: '9.2.0' },
      errors: [{ messageId: 'missingForbid', data: { model: 'Skylake-Client-IBRS2', qemu: '9.2.0', why: 'no QEMU release from 1.5 to 10.0 has it' }, line: 17, column: 5, severity: 'error' }],
    },
    {
      name: 'a deprecated model',
      xml: custom('Icelake-Client-v2'),
      host: { qemu: '6.2.0' },
      errors: [
        {
          messageId: 'deprecated',
          data: { model: 'Icelake-Client-v2', qemu: '6.2.0', since: '5.2', removal: 'QEMU 7.1 removes it' },
          line: 17,
          column: 5,
          severity: 'warning',
          message:
            "CPU model 'Icelake-Client-v2' is deprecated in QEMU 6.2.0 (since QEMU 5.2; QEMU 7.1 removes it): the domain starts, but libvirt marks it tainted (deprecated-config). Move to a current model, or mode='host-passthrough'.",
        },
      ],
    },
  ],
});

it('is skipped, and says so, when the QEMU version is unknown', () => {
  const result = runRule(rule, custom('GraniteRapids', 'forbid'));
  expect(result.messages).toEqual([]);
  expect(result.skippedRules).toEqual([{ ruleId: 'cpu-model-unsupported', missing: ['qemu'] }]);
});
