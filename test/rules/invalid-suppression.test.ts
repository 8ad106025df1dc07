/**
 * invalid-suppression is reported by the engine (src/engine/suppressions.ts,
 * metadata-ignores.ts) once every rule has run. Each case runs a stand-in rule
 * that reports every <disk> and the QEMU 9.1.1 audio rule beside it: their
 * ids are the known ones.
 */
import rule from '#rules/invalid-suppression.js';
import spiceAudio from '#rules/qemu-911-spice-hda-audio.js';
import { domain, testRule, type InvalidCase, type ValidCase } from '../helpers/rule-tester.js';
import { disk, diskRule, DROPPED_METADATA, metadata, SOUND, SPICE } from '../helpers/suppression-fixtures.js';

const RUN = { rules: [diskRule, spiceAudio], host: { qemu: '9.1.1' } } satisfies Partial<ValidCase>;
const valid = (name: string, xml: string, more: Partial<ValidCase> = {}): ValidCase => ({ name, xml, ...RUN, ...more });
const invalid = (c: InvalidCase): InvalidCase => ({ ...RUN, ...c });
const REQUIRE_REASON = { options: { requireReason: true } };

/** A directive comment, then the first disk; the comment is line 24. */
const beforeDisk = (comment: string) => domain(`${comment}\n${disk('vda')}`);
const beforeSound = (comment: string) => domain(`${SPICE}\n${comment}\n${SOUND}`);

const misspelledRule = beforeSound('<!-- virt-lint-disable-next-line qemu-911-spice-hdaaudio -->');
const dashedReason = beforeSound('<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -- distro build carries the revert -->');
const misspelledDirective = beforeDisk('<!-- virt-lint-disable-line test-disk -->');
const misspelledIgnore = domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disks"/>`) });

testRule(rule, {
  valid: [
    valid('a directive with known ids and a reason', beforeDisk('<!-- virt-lint-disable-next-line test-disk: scratch disk -->')),
    valid('without requireReason, a directive needs no reason', beforeDisk('<!-- virt-lint-disable-next-line test-disk -->')),
    valid('requireReason: a directive with a reason', beforeDisk('<!-- virt-lint-disable-next-line test-disk: boot disk -->'), REQUIRE_REASON),
    valid('requireReason: a <vl:ignore> with a reason', domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk" reason="scratch disk"/>`) }), REQUIRE_REASON),
    valid('what --fix makes of a " -- " reason', dashedReason.replace('hda-audio -- distro', 'hda-audio: distro')),
    valid('ordinary comments are left alone', beforeDisk('<!-- virt-lint: keep this disk, see ticket 42 -->\n<!-- disable-next-line test-disk -->')),
    valid('elements of another namespace in <metadata>', domain(disk('vda'), { extra: metadata(`<vl:ignore/>`).replace('https://virt-lint.dev/xmlns/lint/1', 'https://example.org/lint') })),
  ],
  invalid: [
    invalid({
      name: 'a directive without a rule id (turning off every rule is not supported)',
      xml: beforeDisk('<!-- virt-lint-disable-next-line -->'),
      errors: [
        {
          messageId: 'noRuleId',
          data: { directive: 'virt-lint-disable-next-line' },
          line: 24,
          column: 5,
          endLine: 24,
          endColumn: 41,
          severity: 'warning',
          message: 'virt-lint-disable-next-line needs the id of the rule it suppresses: <!-- virt-lint-disable-next-line rule-id: reason -->; turning off every rule is not supported',
        },
      ],
      output: null,
    }),
    invalid({
      name: 'an enable without a rule id',
      xml: domain(`${disk('vda')}\n<!-- virt-lint-enable -->`),
      errors: [
        {
          messageId: 'enableNoRuleId',
          data: { directive: 'virt-lint-enable' },
          line: 29,
          column: 5,
          message: 'virt-lint-enable needs the id of the rule it turns back on: <!-- virt-lint-enable rule-id: reason -->; turning off every rule is not supported',
        },
      ],
      output: null,
    }),
    invalid({
      name: 'an unknown rule id, at the id, with the closest known one as a suggestion',
      xml: misspelledRule,
      errors: [
        {
          messageId: 'unknownRuleDidYouMean',
          data: { ruleId: 'qemu-911-spice-hdaaudio', suppression: 'virt-lint-disable-next-line', guess: 'qemu-911-spice-hda-audio' },
          line: 27,
          column: 38,
          endLine: 27,
          endColumn: 61,
          message: "unknown rule 'qemu-911-spice-hdaaudio' in virt-lint-disable-next-line; did you mean 'qemu-911-spice-hda-audio'?",
          suggestions: [{ title: "Replace 'qemu-911-spice-hdaaudio' with 'qemu-911-spice-hda-audio'", output: misspelledRule.replace('hdaaudio', 'hda-audio') }],
        },
      ],
      // The closest id may not be the rule that was meant: only --unsafe-fixes takes it.
      output: null,
      unsafeOutput: misspelledRule.replace('hdaaudio', 'hda-audio'),
    }),
    invalid({
      name: 'an unknown rule id close to none',
      xml: beforeDisk('<!-- virt-lint-disable-next-line no-such-rule -->'),
      errors: [
        {
          messageId: 'unknownRule',
          data: { ruleId: 'no-such-rule', suppression: 'virt-lint-disable-next-line' },
          line: 24,
          column: 38,
          endColumn: 50,
          message: "unknown rule 'no-such-rule' in virt-lint-disable-next-line",
        },
      ],
      output: null,
    }),
    invalid({
      name: 'an unknown rule in <vl:ignore>',
      xml: misspelledIgnore,
      errors: [
        {
          messageId: 'unknownRuleDidYouMean',
          data: { ruleId: 'test-disks', suppression: '<vl:ignore>', guess: 'test-disk' },
          line: 32,
          column: 24,
          endColumn: 34,
          message: "unknown rule 'test-disks' in <vl:ignore>; did you mean 'test-disk'?",
          suggestions: [{ title: "Replace 'test-disks' with 'test-disk'", output: misspelledIgnore.replace('test-disks', 'test-disk') }],
        },
      ],
      output: null,
      unsafeOutput: misspelledIgnore.replace('test-disks', 'test-disk'),
    }),
    invalid({
      name: 'a reason after " -- " is an error (libvirt refuses "--" in comments); --fix writes a colon',
      xml: dashedReason,
      errors: [
        {
          messageId: 'doubleHyphen',
          data: { directive: 'virt-lint-disable-next-line' },
          line: 27,
          column: 62,
          endLine: 27,
          endColumn: 66,
          severity: 'error',
          message:
            '"--" inside an XML comment: libvirt refuses the file ("Double hyphen within comment"); write the reason after a colon: <!-- virt-lint-disable-next-line rule-id: reason -->',
        },
      ],
      output: dashedReason.replace('hda-audio -- distro', 'hda-audio: distro'),
    }),
    invalid({
      name: 'a second "--" in the comment: no colon makes it legal, so no fix',
      xml: beforeSound('<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -- distro -- build -->'),
      errors: [{ messageId: 'doubleHyphen', line: 27, column: 62, severity: 'error' }],
      output: null,
    }),
    invalid({
      name: 'a misspelled directive, with the directive meant as a suggestion',
      xml: misspelledDirective,
      errors: [
        {
          messageId: 'unknownDirectiveDidYouMean',
          data: { directive: 'virt-lint-disable-line', guess: 'virt-lint-disable-next-line' },
          line: 24,
          column: 5,
          endColumn: 46,
          message: "unknown directive 'virt-lint-disable-line'; did you mean 'virt-lint-disable-next-line'?",
          suggestions: [{ title: "Replace 'virt-lint-disable-line' with 'virt-lint-disable-next-line'", output: misspelledDirective.replace('disable-line', 'disable-next-line') }],
        },
      ],
      output: null,
      unsafeOutput: misspelledDirective.replace('disable-line', 'disable-next-line'),
    }),
    invalid({
      name: 'an unknown directive close to none',
      xml: beforeDisk('<!-- virt-lint-frobnicate test-disk -->'),
      errors: [{ messageId: 'unknownDirective', data: { directive: 'virt-lint-frobnicate' }, line: 24, column: 5, message: "unknown directive 'virt-lint-frobnicate'" }],
      output: null,
    }),
    invalid({
      name: 'the suppression rules themselves cannot be suppressed inline',
      xml: beforeDisk('<!-- virt-lint-disable-file unused-suppression -->'),
      errors: [
        {
          messageId: 'unsuppressible',
          data: { ruleId: 'unused-suppression' },
          line: 24,
          column: 33,
          endLine: 24,
          endColumn: 51,
          message: `'unused-suppression' cannot be suppressed inline; set it in .virt-lint.json ("rules": { "unused-suppression": "off" })`,
        },
      ],
      output: null,
    }),
    invalid({
      name: 'xml-not-well-formed is never suppressed (libvirt refuses such a document), and is not configurable either',
      xml: beforeDisk('<!-- virt-lint-disable-file xml-not-well-formed -->'),
      errors: [
        {
          messageId: 'notWellFormedUnsuppressible',
          line: 24,
          column: 33,
          message: "'xml-not-well-formed' cannot be suppressed: libvirt refuses a document that is not well-formed XML, so it is always an error",
        },
      ],
      output: null,
    }),
    invalid({
      name: 'internal-error is never suppressed',
      xml: beforeDisk('<!-- virt-lint-disable-next-line internal-error -->'),
      errors: [
        {
          messageId: 'crashUnsuppressible',
          line: 24,
          column: 38,
          message: "'internal-error' cannot be suppressed: it reports a bug in virt-lint, not in the document (please report it)",
        },
      ],
      output: null,
    }),
    invalid({
      name: 'nor can invalid-suppression',
      xml: beforeDisk('<!-- virt-lint-disable-next-line invalid-suppression: noisy -->'),
      errors: [{ messageId: 'unsuppressible', data: { ruleId: 'invalid-suppression' }, line: 24, column: 38 }],
      output: null,
    }),
    invalid({
      name: 'requireReason: a directive without a reason',
      xml: beforeDisk('<!-- virt-lint-disable-next-line test-disk -->'),
      ...REQUIRE_REASON,
      errors: [
        {
          messageId: 'noReason',
          data: { directive: 'virt-lint-disable-next-line', ruleIds: 'test-disk' },
          line: 24,
          column: 5,
          endColumn: 51,
          message: 'virt-lint-disable-next-line gives no reason; add one after a colon: <!-- virt-lint-disable-next-line test-disk: why -->',
        },
      ],
      output: null,
    }),
    invalid({
      name: 'requireReason: a <vl:ignore> without a reason',
      xml: domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk"/>`) }),
      ...REQUIRE_REASON,
      errors: [
        {
          messageId: 'ignoreNoReason',
          data: { element: 'vl:ignore', rule: 'test-disk' },
          line: 32,
          column: 7,
          message: "<vl:ignore rule='test-disk'> gives no reason; add reason='why'",
        },
      ],
      output: null,
    }),
    invalid({
      name: 'what libvirt would drop: a second <vl:lint>, a <vl:ignore> outside <vl:lint>; and a <vl:ignore> without a rule attribute',
      xml: domain(disk('vda'), { extra: DROPPED_METADATA }),
      errors: [
        {
          messageId: 'ignoreNoRule',
          data: { element: 'vl:ignore' },
          line: 32,
          column: 7,
          endColumn: 44,
          message: "<vl:ignore> needs a rule attribute naming the rule(s) to turn off: rule='rule-id'",
        },
        {
          messageId: 'secondLint',
          data: { element: 'vl:lint', ignore: 'vl:ignore' },
          line: 34,
          column: 5,
          endColumn: 60,
          message:
            'a second <vl:lint>: libvirt keeps only the first element of a namespace under <metadata> and drops this one on `virsh define`; move its <vl:ignore> elements into the first',
        },
        {
          messageId: 'ignoreOutsideLint',
          data: { element: 'vl:ignore', lint: 'vl:lint' },
          line: 37,
          column: 5,
          endColumn: 80,
          message: '<vl:ignore> must stand inside <vl:lint> (libvirt keeps only one element per namespace under <metadata>); it is ignored',
        },
      ],
      output: null,
    }),
    invalid({
      name: 'an element of its own in <vl:lint> other than <vl:ignore>',
      xml: domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk"/>\n<vl:ignores rule="test-disk"/>`) }),
      errors: [
        {
          messageId: 'unknownElement',
          data: { element: 'vl:ignores', lint: 'vl:lint', ignore: 'vl:ignore' },
          line: 33,
          column: 7,
          message: "unknown element <vl:ignores> in <vl:lint>; expected <vl:ignore rule='rule-id' reason='...'/>",
        },
      ],
      output: null,
    }),
    invalid({
      name: 'virt-lint elements outside <metadata>, where libvirt drops them (a <vl:lint> once, not again for each <vl:ignore> in it)',
      xml: domain(
        `${disk('vda')}\n<lint:lint xmlns:lint="https://virt-lint.dev/xmlns/lint/1">\n  <lint:ignore rule="test-disk"/>\n</lint:lint>\n<lint:ignore xmlns:lint="https://virt-lint.dev/xmlns/lint/1" rule="test-disk"/>`,
      ),
      errors: [
        {
          messageId: 'outsideMetadata',
          data: { element: 'lint:lint' },
          line: 29,
          column: 5,
          message: "<lint:lint> in virt-lint's namespace belongs in <domain><metadata>, where libvirt keeps it; here it is ignored",
        },
        { messageId: 'outsideMetadata', data: { element: 'lint:ignore' }, line: 32, column: 5 },
      ],
      output: null,
    }),
  ],
});
