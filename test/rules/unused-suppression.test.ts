/**
 * unused-suppression is reported by the engine (src/engine/suppressions.ts)
 * once every rule has run: each case runs a stand-in rule that reports every
 * <disk> and the QEMU 9.1.1 audio rule beside it, so that a suppression has
 * something to suppress.
 */
import rule from '#rules/unused-suppression.js';
import spiceAudio from '#rules/qemu-911-spice-hda-audio.js';
import { domain, testRule, type InvalidCase, type ValidCase } from '../helpers/rule-tester.js';
import { disk, diskRule, LG_SHMEM, metadata, SOUND, SPICE } from '../helpers/suppression-fixtures.js';

const RUN = { rules: [diskRule, spiceAudio], host: { qemu: '9.1.1' } } satisfies Partial<ValidCase>;
const valid = (name: string, xml: string, more: Partial<ValidCase> = {}): ValidCase => ({ name, xml, ...RUN, ...more });
const invalid = (c: InvalidCase): InvalidCase => ({ ...RUN, ...c });

const AUDIO_SUPPRESSED = `${SPICE}
<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio: host QEMU carries the 9.1.2 revert -->
${SOUND}
${LG_SHMEM}`;
// Nothing at line 24 has a test-disk problem.
const STALE = `<!-- virt-lint-disable-next-line test-disk -->\n${SPICE}`;
const EMPTY_METADATA = '<metadata>\n</metadata>';

const severalIds = domain(`${SPICE}
<!-- virt-lint-disable-next-line test-disk, qemu-911-spice-hda-audio: known -->
${SOUND}`);
const beforeGraphics = domain(`<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -->
${SPICE}
${SOUND}`);
const region = domain(`<!-- virt-lint-disable test-disk -->
<graphics type='vnc' port='-1'/>
<!-- virt-lint-enable test-disk -->
<video>
  <model type='virtio' heads='1' primary='yes'/>
</video>`);
const twoIgnores = domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk"/>\n<vl:ignore rule="qemu-911-spice-hda-audio"/>`) });

testRule(rule, {
  valid: [
    valid('a directive that hides a problem is used', domain(AUDIO_SUPPRESSED)),
    valid('a disable ... enable region that hides a problem', domain(`<!-- virt-lint-disable test-disk -->\n${disk('vda')}\n<!-- virt-lint-enable test-disk -->`)),
    valid('a <vl:ignore> that hides a problem', domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk" reason="scratch disk"/>`) })),
    // Not called unused: on another host the suppression may be needed.
    valid('its rule was skipped because the QEMU version is unknown', domain(AUDIO_SUPPRESSED), { host: {} }),
    valid('its rule does not apply to this host (QEMU 9.1.2)', domain(AUDIO_SUPPRESSED), { host: { qemu: '9.1.2' } }),
    valid('its rule is off in the configuration', domain(STALE), { settings: { 'test-disk': { severity: 'off' } } }),
    valid('unused-suppression is off', domain(STALE), { settings: { 'unused-suppression': { severity: 'off' } } }),
    valid('an unknown rule id is left to invalid-suppression', domain(STALE.replace('test-disk', 'test-disks'))),
  ],
  invalid: [
    invalid({
      name: 'several ids, one unused: reported at the comment, and --fix removes only that id',
      xml: severalIds,
      errors: [
        {
          messageId: 'unusedNextLine',
          data: { directive: 'virt-lint-disable-next-line', rules: "'test-disk'", element: 'sound' },
          line: 27,
          column: 5,
          endLine: 27,
          endColumn: 84,
          severity: 'warning',
          message: "virt-lint-disable-next-line suppresses nothing: no 'test-disk' problem is reported in the <sound> element that follows",
        },
      ],
      output: severalIds.replace('test-disk, qemu-911', 'qemu-911'),
    }),
    invalid({
      name: 'placed before an element without the problem: --fix removes its line',
      xml: beforeGraphics,
      errors: [
        {
          messageId: 'unusedNextLine',
          data: { directive: 'virt-lint-disable-next-line', rules: "'qemu-911-spice-hda-audio'", element: 'graphics' },
          line: 24,
          column: 5,
          endColumn: 66,
        },
      ],
      output: beforeGraphics.replace('    <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -->\n', ''),
    }),
    invalid({
      name: 'its severity as configured',
      xml: domain(STALE),
      settings: { 'unused-suppression': { severity: 'error' } },
      errors: [{ messageId: 'unusedNextLine', line: 24, column: 5, endColumn: 51, severity: 'error' }],
      output: domain(SPICE),
    }),
    invalid({
      name: 'a disable-next-line with no element after it',
      xml: domain(`${disk('vda')}\n<!-- virt-lint-disable-next-line test-disk -->`),
      errors: [
        {
          messageId: 'nothingFollows',
          data: { directive: 'virt-lint-disable-next-line' },
          line: 29,
          column: 5,
          endColumn: 51,
          message: 'virt-lint-disable-next-line suppresses nothing: no element follows it',
        },
      ],
      output: domain(disk('vda')),
    }),
    invalid({
      name: 'an enable with nothing open before it; --fix removes it',
      xml: domain(`${disk('vda')}\n<!-- virt-lint-enable test-disk -->`),
      errors: [
        {
          messageId: 'endsNothing',
          data: { directive: 'virt-lint-enable', rules: "'test-disk'" },
          line: 29,
          column: 5,
          endColumn: 40,
          message: "virt-lint-enable 'test-disk' ends nothing: no virt-lint-disable 'test-disk' is open before it",
        },
      ],
      output: domain(disk('vda')),
    }),
    invalid({
      name: 'an enable of two rules, neither open: both named',
      xml: domain(`${disk('vda')}\n<!-- virt-lint-enable test-disk, qemu-911-spice-hda-audio -->`),
      errors: [{ messageId: 'endsNothing', data: { directive: 'virt-lint-enable', rules: "'test-disk' or 'qemu-911-spice-hda-audio'" }, line: 29, column: 5 }],
      output: domain(disk('vda')),
    }),
    invalid({
      name: 'an unused region goes in two --fix passes: the disable, then the enable it leaves behind',
      xml: region,
      errors: [
        {
          messageId: 'unusedRegion',
          data: { directive: 'virt-lint-disable', rules: "'test-disk'" },
          line: 24,
          column: 5,
          endColumn: 41,
          message: "virt-lint-disable suppresses nothing: no 'test-disk' problem is reported in the region it disables",
        },
      ],
      output: region.replace('    <!-- virt-lint-disable test-disk -->\n', '').replace('    <!-- virt-lint-enable test-disk -->\n', ''),
    }),
    invalid({
      name: 'a disable-file whose rule finds nothing, before the root element',
      xml: `<!-- virt-lint-disable-file test-disk -->\n${domain(SPICE)}`,
      errors: [
        {
          messageId: 'unusedFile',
          data: { directive: 'virt-lint-disable-file', rules: "'test-disk'" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 42,
          message: "virt-lint-disable-file suppresses nothing: no 'test-disk' problem is reported in this file",
        },
      ],
      output: domain(SPICE),
    }),
    invalid({
      name: 'an unused <vl:ignore>: --fix removes it',
      xml: twoIgnores,
      errors: [
        {
          messageId: 'unusedIgnore',
          data: { element: 'vl:ignore', rule: 'qemu-911-spice-hda-audio', rules: "'qemu-911-spice-hda-audio'" },
          line: 33,
          column: 7,
          endColumn: 51,
          message: "<vl:ignore rule='qemu-911-spice-hda-audio'> suppresses nothing: no 'qemu-911-spice-hda-audio' problem is reported in this domain",
        },
      ],
      output: twoIgnores.replace('      <vl:ignore rule="qemu-911-spice-hda-audio"/>\n', ''),
    }),
    invalid({
      name: 'an unused <vl:ignore> alone in its <vl:lint>: --fix removes the <vl:lint>',
      xml: domain(SPICE, { extra: metadata(`<vl:ignore rule="test-disk"/>`) }),
      errors: [{ messageId: 'unusedIgnore', data: { element: 'vl:ignore', rule: 'test-disk', rules: "'test-disk'" }, line: 30, column: 7 }],
      output: domain(SPICE, { extra: EMPTY_METADATA }),
    }),
    invalid({
      name: 'several rules in one rule attribute: --fix removes the unused one from the list',
      xml: domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk qemu-911-spice-hda-audio"/>`) }),
      errors: [
        {
          messageId: 'unusedIgnore',
          data: { element: 'vl:ignore', rule: 'test-disk qemu-911-spice-hda-audio', rules: "'qemu-911-spice-hda-audio'" },
          line: 32,
          column: 7,
          endColumn: 61,
        },
      ],
      output: domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk"/>`) }),
    }),
    invalid({
      name: 'an empty <vl:lint>',
      xml: domain(SPICE, { extra: `<metadata>\n  <vl:lint xmlns:vl="https://virt-lint.dev/xmlns/lint/1"/>\n</metadata>` }),
      errors: [
        {
          messageId: 'emptyLint',
          data: { element: 'vl:lint', ignore: 'vl:ignore' },
          line: 29,
          column: 5,
          endColumn: 61,
          message: '<vl:lint> suppresses nothing: it holds no <vl:ignore> element',
        },
      ],
      output: domain(SPICE, { extra: EMPTY_METADATA }),
    }),
    invalid({
      name: 'removing a directive on a CRLF file removes its CRLF too',
      xml: domain(STALE).replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'unusedNextLine', line: 24, column: 5 }],
      output: domain(SPICE).replace(/\n/g, '\r\n'),
    }),
  ],
});
