import { describe, expect, it } from 'vitest';
import rule from '#rules/hyperv-enlightenments-missing.js';
import { domain, runRule, testRule } from '../helpers/rule-tester.js';

const METADATA = `  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://microsoft.com/win/10"/>
    </libosinfo:libosinfo>
  </metadata>
`;
/** Adds libosinfo metadata (5 lines, before <memory>): <features> moves to line 16, <hyperv> to 19. */
const withOs = (xml: string, id = 'http://microsoft.com/win/10') => xml.replace('  <memory ', METADATA.replace('http://microsoft.com/win/10', id) + '  <memory ');
const COMPLETE = `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
  <vpindex state='on'/>
  <runtime state='on'/>
  <synic state='on'/>
  <stimer state='on'/>
  <frequencies state='on'/>
  <tlbflush state='on'/>
  <ipi state='on'/>
</hyperv>`;
/** A domain whose <hyperv> block (line 14) holds these lines. */
const hyperv = (children: string) => domain('', { features: `<acpi/>\n<apic/>\n<hyperv>\n${children.replace(/^/gm, '  ')}\n</hyperv>` });
// The three enlightenments old guides list.
const OLD = "<relaxed state='on'/>\n<vapic state='on'/>\n<spinlocks state='on' retries='8191'/>";
const old = hyperv(OLD);
/** The <hyperv> lines `added` appended after the last line of `xml`'s block. */
const adding = (xml: string, last: string, added: string[]) => xml.replace(last, [last, ...added.map((a) => `      <${a} state='on'/>`)].join('\n'));
const SPINLOCKS = "      <spinlocks state='on' retries='8191'/>";
const ALL_MISSING = ['vpindex', 'runtime', 'synic', 'stimer', 'frequencies', 'tlbflush', 'ipi'];
const WITHOUT_THEM = 'Without them Windows uses slower emulated timers and interrupts (without stimer it falls back to HPET/RTC and burns CPU).';

// No <hyperv> block and no hypervclock timer.
const bare = withOs(domain('').replace("    <timer name='hypervclock' present='yes'/>\n", ''));
// The user turned vpindex off; synic, stimer, tlbflush and ipi all need it.
const vpindexOff = withOs(hyperv(`${OLD}\n<vpindex state='off'/>`));
// stimer needs the hypervclock timer, written present='no'.
const timerOff = withOs(hyperv(`${OLD}\n<vpindex state='on'/>\n<runtime state='on'/>\n<synic state='on'/>\n<frequencies state='on'/>\n<tlbflush state='on'/>\n<ipi state='on'/>`)).replace(
  "present='yes'",
  "present='no'",
);
// synic written off keeps stimer out; vpindex written off keeps tlbflush and ipi out.
const twoOff = withOs(hyperv(`${OLD}\n<vpindex state='off'/>\n<runtime state='on'/>\n<synic state='off'/>\n<frequencies state='on'/>`));

/** The report at <hyperv> of a Windows guest (line 19). */
const atHyperv = { messageId: 'missing', line: 19, column: 5 };

testRule(rule, {
  valid: [
    { name: 'the complete set', xml: withOs(domain('', { features: `<acpi/>\n<apic/>\n${COMPLETE}` })) },
    {
      name: "features written 'off' are a choice",
      xml: withOs(domain('', { features: `<acpi/>\n<apic/>\n${COMPLETE.replace("<stimer state='on'/>", "<stimer state='off'/>").replace("<synic state='on'/>", "<synic state='off'/>")}` })),
    },
    { name: 'passthrough mode', xml: withOs(domain('', { features: "<acpi/>\n<hyperv mode='passthrough'/>" })) },
    { name: 'a guest the metadata says is not Windows', xml: withOs(old, 'http://fedoraproject.org/fedora/40') },
    { name: 'no metadata and no <hyperv>: nothing says it is Windows', xml: domain('') },
    { name: 'a macOS VM built from a Windows template (named so)', xml: old.replace('<name>win11</name>', '<name>macOS-Catalina</name>') },
    {
      name: 'a macOS VM built from a Windows template (with an AppleSMC device)',
      xml: old
        .replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
        .replace('</domain>', "  <qemu:commandline>\n    <qemu:arg value='-device'/>\n    <qemu:arg value='isa-applesmc,osk=placeholder'/>\n  </qemu:commandline>\n</domain>"),
    },
  ],
  invalid: [
    {
      name: 'lists what a Windows guest lacks, at <hyperv>; the suggestion (not applied by --fix) adds it',
      xml: withOs(old),
      errors: [
        {
          ...atHyperv,
          data: { features: 'vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi', leftOut: '' },
          endLine: 19,
          endColumn: 13,
          severity: 'info',
          message: `This Windows guest lacks the Hyper-V enlightenments QEMU recommends: vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi. ${WITHOUT_THEM}`,
          suggestions: [
            { title: 'Add vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi', output: withOs(domain('', { features: `<acpi/>\n<apic/>\n${COMPLETE.replace(" mode='custom'", '')}` })) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a Windows guest without any <hyperv> block and without the timer: a new block (no mode attribute) and the timer',
      xml: bare,
      errors: [
        {
          messageId: 'missingBlock',
          data: { features: 'relaxed, vapic, spinlocks, vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi, the hypervclock timer', leftOut: '' },
          line: 16,
          column: 3,
          message: `This Windows guest has no <hyperv> block, so it lacks the Hyper-V enlightenments QEMU recommends: relaxed, vapic, spinlocks, vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi, the hypervclock timer. ${WITHOUT_THEM}`,
          // 'custom' is the default, and libvirt 7.x's grammar has no mode attribute.
          suggestions: [
            {
              title: 'Add relaxed, vapic, spinlocks, vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi, the hypervclock timer',
              output: withOs(domain('', { features: `<acpi/>\n<apic/>\n<smm state='on'/>\n${COMPLETE.replace(" mode='custom'", '')}` })),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'without metadata, a <hyperv> block marks the guest as Windows',
      xml: old,
      errors: [
        {
          messageId: 'missingGuessedWindows',
          data: { features: ALL_MISSING.join(', '), leftOut: '' },
          line: 14,
          column: 5,
          message: `This guest (Windows, judging by its <hyperv> block) lacks the Hyper-V enlightenments QEMU recommends: vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi. ${WITHOUT_THEM}`,
          suggestions: [{ output: adding(old, SPINLOCKS, ALL_MISSING) }],
        },
      ],
      output: null,
    },
    {
      name: "leaves out the features whose dependency is written 'off', and says so",
      xml: vpindexOff,
      errors: [
        {
          ...atHyperv,
          data: {
            features: 'runtime, synic, stimer, frequencies, tlbflush, ipi',
            leftOut: ' synic, stimer, tlbflush, ipi need <vpindex>, which is turned off here: the fix leaves them out.',
          },
          message: `This Windows guest lacks the Hyper-V enlightenments QEMU recommends: runtime, synic, stimer, frequencies, tlbflush, ipi. ${WITHOUT_THEM} synic, stimer, tlbflush, ipi need <vpindex>, which is turned off here: the fix leaves them out.`,
          suggestions: [{ title: 'Add runtime, frequencies', output: adding(vpindexOff, "<vpindex state='off'/>", ['runtime', 'frequencies']) }],
        },
      ],
      output: null,
      unsafeOutput: adding(vpindexOff, "<vpindex state='off'/>", ['runtime', 'frequencies']),
    },
    {
      name: "stimer needs the hypervclock timer, written present='no': nothing is left to add",
      xml: timerOff,
      errors: [{ ...atHyperv, data: { features: 'stimer', leftOut: ' stimer needs the hypervclock timer, which is turned off here: the fix leaves it out.' } }],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'two dependencies written off: one sentence each',
      xml: twoOff,
      errors: [
        {
          ...atHyperv,
          data: {
            features: 'stimer, tlbflush, ipi',
            leftOut:
              ' stimer needs <synic>, which is turned off here: the fix leaves it out. tlbflush, ipi need <vpindex>, which is turned off here: the fix leaves them out.',
          },
        },
      ],
      output: null,
    },
    // libvirt refuses <hyperv> children it does not know: on a known libvirt, only what it has is added.
    {
      name: 'libvirt 9.0.0 has them all',
      xml: withOs(old),
      host: { libvirt: '9.0.0' },
      errors: [{ ...atHyperv, suggestions: [{ title: 'Add vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi', output: adding(withOs(old), SPINLOCKS, ALL_MISSING) }] }],
      output: null,
    },
    {
      name: 'libvirt 4.7.0 has no ipi (4.10.0)',
      xml: withOs(old),
      host: { libvirt: '4.7.0' },
      errors: [{ ...atHyperv, suggestions: [{ title: 'Add vpindex, runtime, synic, stimer, frequencies, tlbflush', output: adding(withOs(old), SPINLOCKS, ALL_MISSING.slice(0, -1)) }] }],
      output: null,
    },
    {
      name: 'libvirt 4.6.0 has neither frequencies nor tlbflush (4.7.0)',
      xml: withOs(old),
      host: { libvirt: '4.6.0' },
      errors: [{ ...atHyperv, suggestions: [{ title: 'Add vpindex, runtime, synic, stimer', output: adding(withOs(old), SPINLOCKS, ['vpindex', 'runtime', 'synic', 'stimer']) }] }],
      output: null,
    },
    {
      name: 'libvirt 1.3.2 knows none of the missing ones (1.3.3): reported without a suggestion',
      xml: withOs(old),
      host: { libvirt: '1.3.2' },
      errors: [atHyperv],
      output: null,
      unsafeOutput: null,
    },
  ],
});

describe('hyperv-enlightenments-missing: what the suggestion needs', () => {
  it('declares the libvirt its newest element needs (ipi: 4.10.0), which the oldest maintained release has: no note in the title', () => {
    const [unknown] = runRule(rule, withOs(old)).messages[0].suggestions!;
    expect(unknown.title).toBe('Add vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi');
    expect(unknown.requires).toEqual({ libvirt: '>=4.10.0' });
  });
});
