import { describe, expect, it } from 'vitest';
import rule from '#rules/hyperv-dependency-missing.js';
import { HYPERV_DEPENDENCIES, hypervFeature } from '#domain/hyperv-features.js';
import { compareVersions } from '#engine/version.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const BASE = '<acpi/>\n<apic/>\n';
/** A domain whose <hyperv> (line 14) holds these lines, the first on line 15; <clock> has the hypervclock timer. */
const hv = (children: string, open = '<hyperv>') => domain('', { features: `${BASE}${open}\n${children.replace(/^/gm, '  ')}\n</hyperv>` });
const TIMER = "    <timer name='hypervclock' present='yes'/>\n";
const withoutTimer = (xml: string) => xml.replace(TIMER, '');

// An old passthrough guide's block: stimer without synic (and hence without vpindex).
const partial = hv("<relaxed state='on'/>\n<vapic state='on'/>\n<spinlocks state='on' retries='8191'/>\n<stimer state='on'/>", "<hyperv mode='custom'>");
const partialFixed = partial.replace("      <stimer state='on'/>\n", "      <stimer state='on'/>\n      <synic state='on'/>\n      <vpindex state='on'/>\n");

/** The QEMU error quoted for `feature` needing `dependency`. */
const qemu = (qemuFeature: string, qemuDependency: string) => ({ qemuFeature, qemuDependency });
const SYNIC = 'synthetic interrupt controller (hv-synic)';
const STIMER = 'synthetic timers (hv-stimer)';
const VPINDEX = 'VP_INDEX MSR (hv-vpindex)';

// The user turned vpindex off, and ipi needs it.
const ipiVpindexOff = hv("<vpindex state='off'/>\n<ipi state='on'/>");
// synic needs the vpindex that is off; stimer and stimer/direct need synic in turn.
const synicChain = hv("<vpindex state='off'/>\n<synic state='on'/>\n<stimer state='on'>\n  <direct state='on'/>\n</stimer>");
const synicChainOff = synicChain.replace("<synic state='on'/>", "<synic state='off'/>").replace("<stimer state='on'>", "<stimer state='off'>").replace("<direct state='on'/>", "<direct state='off'/>");
// stimer needs synic, written off, which needs vpindex, written off as well.
const synicAndVpindexOff = hv("<vpindex state='off'/>\n<synic state='off'/>\n<stimer state='on'/>");
// stimer needs synic (written off) and the hypervclock timer (absent).
const synicOffNoTimer = withoutTimer(hv("<vpindex state='on'/>\n<synic state='off'/>\n<stimer state='on'/>"));
// ... and with the timer written present='no'.
const synicOffTimerOff = hv("<vpindex state='on'/>\n<synic state='off'/>\n<stimer state='on'/>").replace("present='yes'", "present='no'");
/** stimer needs synic and the timer: the report's data for synicOffNoTimer and synicOffTimerOff, but for what is written off. */
const STIMER_NEEDS_BOTH = {
  feature: '<stimer>',
  missing: "<synic> and <timer name='hypervclock'> (in <clock>)",
  ...qemu(STIMER, SYNIC),
  turnOn: "<synic>, <timer name='hypervclock'> (in <clock>)",
  turnOff: '<stimer>',
};
const stimerOff = (xml: string) => xml.replace("<stimer state='on'/>", "<stimer state='off'/>");

testRule(rule, {
  valid: [
    { name: 'what --fix makes of the partial block', xml: partialFixed },
    {
      name: 'a complete set',
      xml: hv(
        "<relaxed state='on'/>\n<vapic state='on'/>\n<vpindex state='on'/>\n<synic state='on'/>\n<stimer state='on'>\n  <direct state='on'/>\n</stimer>\n<tlbflush state='on'/>\n<ipi state='on'/>\n<evmcs state='on'/>",
        "<hyperv mode='custom'>",
      ),
    },
    { name: 'passthrough mode', xml: partial.replace("<hyperv mode='custom'>", "<hyperv mode='passthrough'>") },
    { name: 'a guest that is not x86', xml: partial.replace("arch='x86_64' machine='pc-q35-9.1'", "arch='aarch64' machine='virt'") },
    { name: 'what --unsafe-fixes makes of ipi next to a vpindex written off', xml: ipiVpindexOff.replace("<ipi state='on'/>", "<ipi state='off'/>") },
    { name: 'what --unsafe-fixes makes of the synic chain next to a vpindex written off', xml: synicChainOff },
  ],
  invalid: [
    {
      name: "stimer without synic, at <stimer>, quoting QEMU's error; --fix adds synic and what synic needs in turn (vpindex)",
      xml: partial,
      errors: [
        {
          messageId: 'missing',
          data: { feature: '<stimer>', missing: '<synic>', ...qemu(STIMER, SYNIC), turnOn: '<synic>, <vpindex>' },
          line: 18,
          column: 7,
          endLine: 18,
          endColumn: 27,
          severity: 'error',
          message:
            'Hyper-V <stimer> is on but <synic> is not; QEMU refuses to start: "Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)". Turn on <synic>, <vpindex>.',
        },
      ],
      output: partialFixed,
    },
    {
      name: 'stimer without hv-time: the hypervclock timer goes into the <clock> that is there',
      xml: withoutTimer(hv("<vpindex state='on'/>\n<synic state='on'/>\n<stimer state='on'/>")),
      errors: [
        {
          messageId: 'missing',
          data: { feature: '<stimer>', missing: "<timer name='hypervclock'> (in <clock>)", ...qemu(STIMER, 'clocksources (hv-time)'), turnOn: "<timer name='hypervclock'> (in <clock>)" },
          line: 17,
          column: 7,
        },
      ],
      output: hv("<vpindex state='on'/>\n<synic state='on'/>\n<stimer state='on'/>"),
    },
    {
      name: "without any <clock>, the timer comes in a new <clock offset='utc'> after <cpu>",
      xml: hv("<vpindex state='on'/>\n<synic state='on'/>\n<stimer state='on'/>").replace(/ {2}<clock offset='localtime'>\n.*\n {2}<\/clock>\n/, ''),
      errors: [{ messageId: 'missing', line: 17, column: 7 }],
      output: hv("<vpindex state='on'/>\n<synic state='on'/>\n<stimer state='on'/>").replace("<clock offset='localtime'>", "<clock offset='utc'>"),
    },
    {
      name: 'stimer without synic and without the timer: both named, and the fix turns on all three',
      xml: withoutTimer(partial),
      errors: [
        {
          messageId: 'missingSeveral',
          data: {
            feature: '<stimer>',
            missing: "<synic> and <timer name='hypervclock'> (in <clock>)",
            ...qemu(STIMER, SYNIC),
            turnOn: "<synic>, <vpindex>, <timer name='hypervclock'> (in <clock>)",
          },
          line: 18,
          column: 7,
          message:
            "Hyper-V <stimer> is on but <synic> and <timer name='hypervclock'> (in <clock>) are not; QEMU refuses to start: \"Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)\". Turn on <synic>, <vpindex>, <timer name='hypervclock'> (in <clock>).",
        },
      ],
      output: partialFixed,
    },
    {
      name: 'tlbflush needs vpindex',
      xml: hv("<tlbflush state='on'/>"),
      errors: [{ messageId: 'missing', data: { feature: '<tlbflush>', missing: '<vpindex>', ...qemu('paravirtualized TLB flush (hv-tlbflush)', VPINDEX), turnOn: '<vpindex>' }, line: 15, column: 7 }],
      output: hv("<tlbflush state='on'/>\n<vpindex state='on'/>"),
    },
    {
      name: 'ipi needs vpindex',
      xml: hv("<ipi state='on'/>"),
      errors: [{ messageId: 'missing', data: { feature: '<ipi>', missing: '<vpindex>', ...qemu('paravirtualized IPI (hv-ipi)', VPINDEX), turnOn: '<vpindex>' }, line: 15, column: 7 }],
      output: hv("<ipi state='on'/>\n<vpindex state='on'/>"),
    },
    {
      name: 'synic needs vpindex',
      xml: hv("<synic state='on'/>"),
      errors: [{ messageId: 'missing', data: { feature: '<synic>', missing: '<vpindex>', ...qemu(SYNIC, VPINDEX), turnOn: '<vpindex>' }, line: 15, column: 7 }],
      output: hv("<synic state='on'/>\n<vpindex state='on'/>"),
    },
    {
      name: 'evmcs needs vapic',
      xml: hv("<evmcs state='on'/>"),
      errors: [{ messageId: 'missing', data: { feature: '<evmcs>', missing: '<vapic>', ...qemu('enlightened VMCS (hv-evmcs)', 'virtual APIC (hv-vapic)'), turnOn: '<vapic>' }, line: 15, column: 7 }],
      output: hv("<evmcs state='on'/>\n<vapic state='on'/>"),
    },
    {
      name: "tlbflush/extended needs tlbflush, here written 'off': turning the extension off is offered first",
      xml: hv("<vpindex state='on'/>\n<tlbflush state='off'>\n  <extended state='on'/>\n</tlbflush>"),
      errors: [
        {
          messageId: 'writtenOff',
          data: {
            feature: "<tlbflush><extended state='on'/>",
            missing: '<tlbflush>',
            ...qemu('Extended gva ranges for TLB flush hypercalls (hv-tlbflush-ext)', 'paravirtualized TLB flush (hv-tlbflush)'),
            turnOn: '<tlbflush>',
            disabled: '<tlbflush>',
            turnOff: '<tlbflush><extended>',
          },
          line: 17,
          column: 9,
          suggestions: [
            { title: 'Turn off <tlbflush><extended>', output: hv("<vpindex state='on'/>\n<tlbflush state='off'>\n  <extended state='off'/>\n</tlbflush>") },
            { title: "Turn on <tlbflush> (overrides the explicit <tlbflush state='off'>)", output: hv("<vpindex state='on'/>\n<tlbflush state='on'>\n  <extended state='on'/>\n</tlbflush>") },
          ],
        },
      ],
      output: null,
      unsafeOutput: hv("<vpindex state='on'/>\n<tlbflush state='off'>\n  <extended state='off'/>\n</tlbflush>"),
    },
    {
      name: "with a dependency written 'off', suggests turning off what needs it, then turning the dependency on; --fix does neither, --unsafe-fixes keeps the 'off'",
      xml: ipiVpindexOff,
      errors: [
        {
          messageId: 'writtenOff',
          data: { feature: '<ipi>', missing: '<vpindex>', ...qemu('paravirtualized IPI (hv-ipi)', VPINDEX), turnOn: '<vpindex>', disabled: '<vpindex>', turnOff: '<ipi>' },
          line: 16,
          column: 7,
          message:
            'Hyper-V <ipi> is on but <vpindex> is not; QEMU refuses to start: "Hyper-V paravirtualized IPI (hv-ipi) requires Hyper-V VP_INDEX MSR (hv-vpindex)". <vpindex> is turned off explicitly: turn off <ipi>, or turn on <vpindex>.',
          suggestions: [
            { title: 'Turn off <ipi>', output: ipiVpindexOff.replace("<ipi state='on'/>", "<ipi state='off'/>") },
            { title: "Turn on <vpindex> (overrides the explicit <vpindex state='off'>)", output: ipiVpindexOff.replace("<vpindex state='off'/>", "<vpindex state='on'/>") },
          ],
        },
      ],
      output: null,
      unsafeOutput: ipiVpindexOff.replace("<ipi state='on'/>", "<ipi state='off'/>"),
    },
    {
      name: 'turning a feature off takes the enabled features that need it along (synic -> stimer -> stimer/direct)',
      xml: synicChain,
      errors: [
        {
          messageId: 'writtenOff',
          data: { feature: '<synic>', missing: '<vpindex>', ...qemu(SYNIC, VPINDEX), turnOn: '<vpindex>', disabled: '<vpindex>', turnOff: '<synic>, <stimer>, <stimer><direct>' },
          line: 16,
          column: 7,
          suggestions: [
            {
              title: 'Turn off <synic>, <stimer>, <stimer><direct>',
              output: synicChainOff,
            },
            { title: "Turn on <vpindex> (overrides the explicit <vpindex state='off'>)", output: synicChain.replace("<vpindex state='off'/>", "<vpindex state='on'/>") },
          ],
        },
      ],
      output: null,
      unsafeOutput: synicChainOff,
    },
    {
      name: 'the missing dependency and what it needs are both written off',
      xml: synicAndVpindexOff,
      errors: [
        {
          messageId: 'writtenOffSeveral',
          data: { feature: '<stimer>', missing: '<synic>', ...qemu(STIMER, SYNIC), turnOn: '<synic>, <vpindex>', disabled: '<synic> and <vpindex>', turnOff: '<stimer>' },
          line: 17,
          column: 7,
          message:
            'Hyper-V <stimer> is on but <synic> is not; QEMU refuses to start: "Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)". <synic> and <vpindex> are turned off explicitly: turn off <stimer>, or turn on <synic>, <vpindex>.',
          suggestions: [
            { title: 'Turn off <stimer>', output: stimerOff(synicAndVpindexOff) },
            {
              title: "Turn on <synic>, <vpindex> (overrides the explicit <vpindex state='off'>, <synic state='off'>)",
              output: synicAndVpindexOff.replace("<vpindex state='off'/>", "<vpindex state='on'/>").replace("<synic state='off'/>", "<synic state='on'/>"),
            },
          ],
        },
      ],
      output: null,
      unsafeOutput: stimerOff(synicAndVpindexOff),
    },
    {
      name: 'two dependencies missing, one of them written off (synic), the other absent (the timer)',
      xml: synicOffNoTimer,
      errors: [
        {
          messageId: 'missingSeveralWrittenOff',
          data: { ...STIMER_NEEDS_BOTH, disabled: '<synic>' },
          line: 17,
          column: 7,
          message:
            "Hyper-V <stimer> is on but <synic> and <timer name='hypervclock'> (in <clock>) are not; QEMU refuses to start: \"Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)\". <synic> is turned off explicitly: turn off <stimer>, or turn on <synic>, <timer name='hypervclock'> (in <clock>).",
          suggestions: [
            { title: 'Turn off <stimer>', output: stimerOff(synicOffNoTimer) },
            {
              title: "Turn on <synic>, <timer name='hypervclock'> (in <clock>) (overrides the explicit <synic state='off'>)",
              output: hv("<vpindex state='on'/>\n<synic state='on'/>\n<stimer state='on'/>"),
            },
          ],
        },
      ],
      output: null,
      unsafeOutput: stimerOff(synicOffNoTimer),
    },
    {
      name: "two dependencies missing, both written off (synic state='off', the timer present='no')",
      xml: synicOffTimerOff,
      errors: [
        {
          messageId: 'missingSeveralWrittenOffSeveral',
          data: { ...STIMER_NEEDS_BOTH, disabled: "<synic> and <timer name='hypervclock'> (in <clock>)" },
          line: 17,
          column: 7,
          message:
            "Hyper-V <stimer> is on but <synic> and <timer name='hypervclock'> (in <clock>) are not; QEMU refuses to start: \"Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)\". <synic> and <timer name='hypervclock'> (in <clock>) are turned off explicitly: turn off <stimer>, or turn on <synic>, <timer name='hypervclock'> (in <clock>).",
          suggestions: [
            { title: 'Turn off <stimer>', output: stimerOff(synicOffTimerOff) },
            {
              title: "Turn on <synic>, <timer name='hypervclock'> (in <clock>) (overrides the explicit <synic state='off'>, <timer name='hypervclock' present='no'>)",
              output: synicOffTimerOff.replace("<synic state='off'/>", "<synic state='on'/>").replace("present='no'", "present='yes'"),
            },
          ],
        },
      ],
      output: null,
      unsafeOutput: stimerOff(synicOffTimerOff),
    },
  ],
});

describe('hyperv-dependency-missing: the turn-on fix declares no libvirt requirement', () => {
  it('because every dependency is known to libvirt since the feature that needs it, or earlier', () => {
    const since = (f: string) => hypervFeature(f).libvirtSince ?? '1.2.2'; // the hypervclock timer: formatdomain "since 1.2.2"
    for (const [feature, deps] of Object.entries(HYPERV_DEPENDENCIES)) {
      for (const d of deps) expect(compareVersions(since(d), since(feature)), `${feature} -> ${d}`).toBeLessThanOrEqual(0);
    }
  });
});
