/**
 * Inline suppressions (XML comments) and the metadata form that survives
 * `virsh define`: what they hide, what they report when they are wrong or
 * stale, and the fixes that remove stale ones.
 */
import { describe, expect, it } from 'vitest';
import { lint, type RuleSetting } from '../../src/engine/linter.js';
import { fixText } from '../../src/engine/fix.js';
import { defineRule, type Rule } from '../../src/engine/rule.js';
import spiceAudio from '../../rules/qemu-911-spice-hda-audio.js';
import unusedSuppression from '../../rules/unused-suppression.js';
import invalidSuppression from '../../rules/invalid-suppression.js';
import xmlNotWellFormed from '../../rules/xml-not-well-formed.js';
import { brief, domain, hostFacts, type HostInput } from '../helpers/rule-tester.js';

/** A stand-in for any rule that reports elements: every <disk>. */
const diskRule = defineRule({
  meta: {
    id: 'test-disk',
    description: 'Reports every disk (test only)',
    severity: 'warning',
    category: 'correctness',
    fixable: false,
    docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '', fixSafety: '', sources: [] },
  },
  create(context) {
    for (const disk of context.domain.select('devices/disk')) context.report({ at: disk, message: `disk ${disk.first('target')?.attr('dev')}` });
  },
});

const RULES = [diskRule, invalidSuppression, spiceAudio, unusedSuppression, xmlNotWellFormed] as Rule[];

interface Run {
  host?: HostInput;
  settings?: Record<string, RuleSetting>;
}

const QEMU_911: Run = { host: { qemu: '9.1.1' } };

function check(xml: string, run: Run = QEMU_911) {
  return lint(xml, { rules: RULES, host: hostFacts(run.host), settings: run.settings && new Map(Object.entries(run.settings)) });
}

function problems(xml: string, run: Run = QEMU_911) {
  return check(xml, run).messages.map((d) => {
    const b = brief(d);
    return `${b.line}:${b.column}-${b.endLine}:${b.endColumn} ${b.severity} ${b.ruleId}: ${b.message}`;
  });
}

function fixed(xml: string, run: Run = QEMU_911): string {
  return fixText(xml, (raw) => check(raw, run), 'safe').output;
}

const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
const SOUND = `<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>`;
const LG_SHMEM = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const disk = (dev: string) => `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/${dev}.qcow2'/>
  <target dev='${dev}' bus='virtio'/>
</disk>`;

const AUDIO_ERROR_PREFIX = "27:5-27:25 error qemu-911-spice-hda-audio: <sound model='ich9'> plays through <audio id='1' type='spice'>";

describe('without suppressions', () => {
  it('the Looking Glass VM reports the QEMU 9.1.1 audio error at <sound> (line 27)', () => {
    const out = problems(domain(`${SPICE}\n${SOUND}\n${LG_SHMEM}`));
    expect(out).toHaveLength(1);
    expect(out[0].startsWith(AUDIO_ERROR_PREFIX)).toBe(true);
  });
});

describe('virt-lint-disable-next-line', () => {
  it('suppresses the named rule in the next element and reports nothing else', () => {
    const xml = domain(`${SPICE}
<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio: Fedora's 9.1.1 build carries the 9.1.2 revert -->
${SOUND}
${LG_SHMEM}`);
    expect(problems(xml)).toEqual([]);
  });

  it('covers the content of the next element, not what follows it', () => {
    const xml = domain(`<!-- virt-lint-disable-next-line test-disk -->
${disk('vda')}
${disk('vdb')}`);
    expect(problems(xml)).toEqual(['30:5-30:37 warning test-disk: disk vdb']);
  });

  it('skips comments and text between it and the element', () => {
    const xml = domain(`<!-- virt-lint-disable-next-line test-disk: scratch disk -->
<!-- the scratch disk -->
${disk('vda')}`);
    expect(problems(xml)).toEqual([]);
  });

  it('takes several ids separated by commas; an unused one is reported and the fix removes only it', () => {
    const xml = domain(`${SPICE}
<!-- virt-lint-disable-next-line test-disk, qemu-911-spice-hda-audio: known -->
${SOUND}`);
    expect(problems(xml)).toEqual([
      "27:5-27:84 warning unused-suppression: virt-lint-disable-next-line suppresses nothing: no 'test-disk' problem is reported in the <sound> element that follows",
    ]);
    expect(fixed(xml)).toBe(xml.replace('test-disk, qemu-911', 'qemu-911'));
  });

  it('placed before an element without the problem: reported unused, and --fix removes its line', () => {
    const xml = domain(`<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -->
${SPICE}
${SOUND}`);
    const out = problems(xml);
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(
      "24:5-24:66 warning unused-suppression: virt-lint-disable-next-line suppresses nothing: no 'qemu-911-spice-hda-audio' problem is reported in the <graphics> element that follows",
    );
    expect(out[1]).toMatch(/^28:5-28:25 warning qemu-911-spice-hda-audio: /);
    // Both fixes in one run: the audio one, and the stale directive's line goes.
    expect(fixed(xml)).toBe(
      xml.replace('    <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -->\n', '').replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"),
    );
  });

  it('with no element after it suppresses nothing', () => {
    const xml = domain(`${disk('vda')}\n<!-- virt-lint-disable-next-line test-disk -->`);
    expect(problems(xml)).toEqual([
      '24:5-24:37 warning test-disk: disk vda',
      '29:5-29:51 warning unused-suppression: virt-lint-disable-next-line suppresses nothing: no element follows it',
    ]);
  });

  it('before the root element covers the whole domain', () => {
    const xml = `<!-- virt-lint-disable-next-line test-disk -->\n${domain(disk('vda'))}`;
    expect(problems(xml)).toEqual([]);
  });
});

describe('virt-lint-disable ... virt-lint-enable', () => {
  it('suppresses between the two comments only', () => {
    const xml = domain(`<!-- virt-lint-disable test-disk: generated by the provisioning script -->
${disk('vda')}
${disk('vdb')}
<!-- virt-lint-enable test-disk -->
${disk('vdc')}`);
    expect(problems(xml)).toEqual(['36:5-36:37 warning test-disk: disk vdc']);
  });

  it('without an enable runs to the end of the file', () => {
    const xml = domain(`${disk('vda')}
<!-- virt-lint-disable test-disk -->
${disk('vdb')}
${disk('vdc')}`);
    expect(problems(xml)).toEqual(['24:5-24:37 warning test-disk: disk vda']);
  });

  it('an enable with nothing open before it is reported; --fix removes it', () => {
    const xml = domain(`${disk('vda')}
<!-- virt-lint-enable test-disk -->`);
    expect(problems(xml)).toEqual([
      '24:5-24:37 warning test-disk: disk vda',
      "29:5-29:40 warning unused-suppression: virt-lint-enable 'test-disk' ends nothing: no virt-lint-disable 'test-disk' is open before it",
    ]);
    expect(fixed(xml)).toBe(xml.replace("\n    <!-- virt-lint-enable test-disk -->", ''));
  });

  it('an unused region goes in two --fix passes: the disable, then the enable it leaves behind', () => {
    const xml = domain(`<!-- virt-lint-disable test-disk -->
<graphics type='vnc' port='-1'/>
<!-- virt-lint-enable test-disk -->
<video>
  <model type='virtio' heads='1' primary='yes'/>
</video>`);
    expect(problems(xml)).toEqual([
      "24:5-24:41 warning unused-suppression: virt-lint-disable suppresses nothing: no 'test-disk' problem is reported in the region it disables",
    ]);
    expect(fixed(xml)).toBe(xml.replace('    <!-- virt-lint-disable test-disk -->\n', '').replace('    <!-- virt-lint-enable test-disk -->\n', ''));
  });
});

describe('virt-lint-disable-file', () => {
  it('suppresses the rule anywhere in the file, wherever the comment stands', () => {
    const xml = domain(`${disk('vda')}\n${disk('vdb')}`, { extra: '<!-- virt-lint-disable-file test-disk -->' });
    expect(problems(xml)).toEqual([]);
  });

  it('is reported when the rule finds nothing', () => {
    const xml = `<!-- virt-lint-disable-file test-disk -->\n${domain(SPICE)}`;
    expect(problems(xml)).toEqual([
      "1:1-1:42 warning unused-suppression: virt-lint-disable-file suppresses nothing: no 'test-disk' problem is reported in this file",
    ]);
    expect(fixed(xml)).toBe(domain(SPICE));
  });
});

describe('malformed directives (invalid-suppression)', () => {
  it('a directive without a rule id is reported and suppresses nothing', () => {
    const xml = domain(`<!-- virt-lint-disable-next-line -->\n${disk('vda')}`);
    expect(problems(xml)).toEqual([
      '24:5-24:41 warning invalid-suppression: virt-lint-disable-next-line needs the id of the rule it suppresses: <!-- virt-lint-disable-next-line rule-id: reason -->; turning off every rule is not supported',
      '25:5-25:37 warning test-disk: disk vda',
    ]);
  });

  it('an unknown rule id is reported with the closest known one as a suggestion', () => {
    const xml = domain(`${SPICE}
<!-- virt-lint-disable-next-line qemu-911-spice-hdaaudio -->
${SOUND}`);
    const result = check(xml);
    expect(result.messages.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.ruleId}: ${d.message}`)).toEqual([
      "27:38-61 invalid-suppression: unknown rule 'qemu-911-spice-hdaaudio' in virt-lint-disable-next-line; did you mean 'qemu-911-spice-hda-audio'?",
      expect.stringMatching(/^28:5-25 qemu-911-spice-hda-audio: /),
    ]);
    const [invalid] = result.messages;
    expect(invalid.fix).toBeUndefined();
    expect(invalid.suggestions?.map((f) => [f.title, f.safety])).toEqual([["Replace 'qemu-911-spice-hdaaudio' with 'qemu-911-spice-hda-audio'", 'unsafe']]);
    expect(fixText(xml, (raw) => check(raw), 'unsafe').output).not.toContain('hdaaudio');
  });

  it('a reason after " -- " is an error (libvirt refuses "--" in comments); the directive still applies and --fix writes a colon', () => {
    const xml = domain(`${SPICE}
<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -- distro build carries the revert -->
${SOUND}`);
    expect(problems(xml)).toEqual([
      '27:62-27:66 error invalid-suppression: "--" inside an XML comment: libvirt refuses the file ("Double hyphen within comment"); write the reason after a colon: <!-- virt-lint-disable-next-line rule-id: reason -->',
    ]);
    const out = fixed(xml);
    expect(out).toBe(xml.replace('hda-audio -- distro', 'hda-audio: distro'));
    expect(problems(out)).toEqual([]);
  });

  it('a misspelled directive is reported with the directive meant', () => {
    const xml = domain(`<!-- virt-lint-disable-line test-disk -->\n${disk('vda')}`);
    expect(problems(xml)).toEqual([
      "24:5-24:46 warning invalid-suppression: unknown directive 'virt-lint-disable-line'; did you mean 'virt-lint-disable-next-line'?",
      '25:5-25:37 warning test-disk: disk vda',
    ]);
  });

  it('the suppression rules themselves cannot be suppressed inline', () => {
    const xml = domain(`<!-- virt-lint-disable-file unused-suppression -->\n${disk('vda')}`);
    expect(problems(xml)).toEqual([
      `24:33-24:51 warning invalid-suppression: 'unused-suppression' cannot be suppressed inline; set it in .virt-lint.json ("rules": { "unused-suppression": "off" })`,
      '25:5-25:37 warning test-disk: disk vda',
    ]);
  });

  it('requireReason: a suppression without a reason is reported', () => {
    const xml = domain(`<!-- virt-lint-disable-next-line test-disk -->\n${disk('vda')}`);
    const settings = { 'invalid-suppression': { options: { requireReason: true } } };
    expect(problems(xml, { ...QEMU_911, settings })).toEqual([
      '24:5-24:51 warning invalid-suppression: virt-lint-disable-next-line gives no reason; add one after a colon: <!-- virt-lint-disable-next-line test-disk: why -->',
    ]);
    expect(problems(xml.replace('test-disk -->', 'test-disk: boot disk -->'), { ...QEMU_911, settings })).toEqual([]);
  });

  it('ordinary comments are left alone', () => {
    const xml = domain(`<!-- virt-lint: keep this disk, see ticket 42 -->\n<!-- disable-next-line test-disk -->\n${disk('vda')}`);
    expect(problems(xml)).toEqual(['26:5-26:37 warning test-disk: disk vda']);
  });
});

describe('when a suppression is not called unused', () => {
  const xml = domain(`${SPICE}
<!-- virt-lint-disable-next-line qemu-911-spice-hda-audio: host QEMU is 9.1.1 -->
${SOUND}`);

  it('its rule was skipped because the QEMU version is unknown', () => {
    expect(problems(xml, {})).toEqual([]);
  });

  it('its rule does not apply to this host (QEMU 9.1.2)', () => {
    expect(problems(xml, { host: { qemu: '9.1.2' } })).toEqual([]);
  });

  it('its rule is off in the configuration', () => {
    expect(problems(xml, { ...QEMU_911, settings: { 'qemu-911-spice-hda-audio': { severity: 'off' } } })).toEqual([]);
  });

  it('unused-suppression is off, or its severity configured', () => {
    const stale = domain(`<!-- virt-lint-disable-next-line test-disk -->\n${SPICE}`);
    expect(problems(stale, { ...QEMU_911, settings: { 'unused-suppression': { severity: 'off' } } })).toEqual([]);
    expect(problems(stale, { ...QEMU_911, settings: { 'unused-suppression': { severity: 'error' } } })[0]).toMatch(/^24:5-24:51 error unused-suppression: /);
  });
});

describe('<metadata> suppressions (survive virsh define / dumpxml)', () => {
  const metadata = (ignores: string, prefix = 'vl') => `<metadata>
  <${prefix}:lint xmlns:${prefix}="https://virt-lint.dev/xmlns/lint/1">
${ignores
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
  </${prefix}:lint>
</metadata>`;

  it('a <vl:ignore> turns the rule off for the whole domain', () => {
    const xml = domain(`${SPICE}\n${SOUND}\n${LG_SHMEM}`, {
      extra: metadata(`<vl:ignore rule="qemu-911-spice-hda-audio" reason="Debian's 9.1.1 carries the revert"/>`),
    });
    expect(problems(xml)).toEqual([]);
  });

  it('the namespace URI counts, not the prefix', () => {
    const xml = domain(disk('vda'), { extra: metadata(`<lint:ignore rule="test-disk"/>`, 'lint') });
    expect(problems(xml)).toEqual([]);
    const otherNs = xml.replace('https://virt-lint.dev/xmlns/lint/1', 'https://example.org/lint');
    expect(problems(otherNs)).toEqual(['24:5-24:37 warning test-disk: disk vda']);
  });

  it('an unused <vl:ignore> is reported; --fix removes it, or its <vl:lint> when nothing else is left', () => {
    const both = domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk"/>\n<vl:ignore rule="qemu-911-spice-hda-audio"/>`) });
    expect(problems(both)).toEqual([
      "33:7-33:51 warning unused-suppression: <vl:ignore rule='qemu-911-spice-hda-audio'> suppresses nothing: no 'qemu-911-spice-hda-audio' problem is reported in this domain",
    ]);
    expect(fixed(both)).toBe(both.replace('      <vl:ignore rule="qemu-911-spice-hda-audio"/>\n', ''));

    const only = domain(SPICE, { extra: metadata(`<vl:ignore rule="test-disk"/>`) });
    expect(fixed(only)).toBe(domain(SPICE, { extra: '<metadata>\n</metadata>' }));
  });

  it('several rules in one rule attribute; an unused one is removed from the list', () => {
    const xml = domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disk qemu-911-spice-hda-audio"/>`) });
    expect(problems(xml)).toEqual([
      "32:7-32:61 warning unused-suppression: <vl:ignore rule='test-disk qemu-911-spice-hda-audio'> suppresses nothing: no 'qemu-911-spice-hda-audio' problem is reported in this domain",
    ]);
    expect(fixed(xml)).toBe(xml.replace('rule="test-disk qemu-911-spice-hda-audio"', 'rule="test-disk"'));
  });

  it('reports what libvirt would drop: a second <vl:lint>, a <vl:ignore> outside <vl:lint>, a missing rule attribute', () => {
    const NS = 'xmlns:vl="https://virt-lint.dev/xmlns/lint/1"';
    const xml = domain(disk('vda'), {
      extra: `<metadata>
  <vl:lint ${NS}>
    <vl:ignore reason="forgot the rule"/>
  </vl:lint>
  <vl:lint ${NS}>
    <vl:ignore rule="test-disk"/>
  </vl:lint>
  <vl:ignore ${NS} rule="test-disk"/>
</metadata>`,
    });
    expect(problems(xml)).toEqual([
      "32:7-32:44 warning invalid-suppression: <vl:ignore> needs a rule attribute naming the rule(s) to turn off: rule='rule-id'",
      '34:5-34:60 warning invalid-suppression: a second <vl:lint>: libvirt keeps only the first element of a namespace under <metadata> and drops this one on `virsh define`; move its <vl:ignore> elements into the first',
      '37:5-37:80 warning invalid-suppression: <vl:ignore> must stand inside <vl:lint> (libvirt keeps only one element per namespace under <metadata>); it is ignored',
    ]);
  });

  it('an unknown rule in <vl:ignore> is reported', () => {
    const xml = domain(disk('vda'), { extra: metadata(`<vl:ignore rule="test-disks"/>`) });
    expect(problems(xml)).toEqual([
      '24:5-24:37 warning test-disk: disk vda',
      "32:24-32:34 warning invalid-suppression: unknown rule 'test-disks' in <vl:ignore>; did you mean 'test-disk'?",
    ]);
  });

  it('an empty <vl:lint> is unused', () => {
    const xml = domain(SPICE, { extra: `<metadata>\n  <vl:lint xmlns:vl="https://virt-lint.dev/xmlns/lint/1"/>\n</metadata>` });
    expect(problems(xml)).toEqual([
      '29:5-29:61 warning unused-suppression: <vl:lint> suppresses nothing: it holds no <vl:ignore> element',
    ]);
    expect(fixed(xml)).toBe(domain(SPICE, { extra: '<metadata>\n</metadata>' }));
  });
});

describe('line endings', () => {
  it('removing an unused directive on a CRLF file removes its CRLF too', () => {
    const xml = domain(`<!-- virt-lint-disable-next-line test-disk -->\n${SPICE}`).replace(/\n/g, '\r\n');
    expect(fixed(xml)).toBe(domain(SPICE).replace(/\n/g, '\r\n'));
  });
});
