import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';
import { lint } from '#engine/linter.js';
import { fixText, type FixMode } from '#engine/apply-fixes.js';
import { describeRequirements } from '#engine/fix-gates.js';
import type { Fixer } from '#engine/fixer.js';
import type { XmlElement } from '#engine/tree.js';
import { rules } from '#rules/index.js';
import { domain, hostFacts, type HostInput } from '../helpers/rule-tester.js';

const meta = (id: string) => ({
  id,
  description: 'test',
  severity: 'warning' as const,
  category: 'meta' as const,
  fixable: 'unsafe' as const,
  messages: { text: '{{text}}' },
    docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '', fixSafety: '', sources: [] },
});

/** A rule reporting every <x> element with the fixes `make` builds. */
function ruleFor(make: (x: XmlElement, fixer: Fixer) => Fix[]): Rule {
  return defineRule({
    meta: meta('test-rule'),
    create(ctx) {
      for (const x of ctx.domain.descendants('x')) ctx.report({ at: x, messageId: 'text', data: { text: 'found' }, fixes: make(x, ctx.fixer) });
    },
  }) as Rule;
}

const XML = "<domain type='kvm'>\n  <x a='1' state='off'/>\n</domain>\n";
const messages = (rule: Rule, xml: string, host: HostInput = {}) => lint(xml, { rules: [rule], host: hostFacts(host) }).messages;
const fixWith = (ruleList: readonly Rule[], xml: string, mode: FixMode, host: HostInput = {}) => fixText(xml, (raw) => lint(raw, { rules: ruleList, host: hostFacts(host) }), mode);

describe('fixes checked against host facts', () => {
  const needs920 = ruleFor((x, f) => [
    { title: "Set a='2'", safety: 'safe', edits: [f.replaceAttributeValue(x.attribute('a')!, '2')], requires: { libvirt: '>=9.2.0' } },
    { title: "Set a='3'", safety: 'safe', edits: [f.replaceAttributeValue(x.attribute('a')!, '3')] },
  ]);

  it('offers a fix unchanged when the known fact satisfies its requirement', () => {
    const [d] = messages(needs920, XML, { libvirt: '11.3.0' });
    expect(d.fix?.title).toBe("Set a='2'");
    expect(fixWith([needs920], XML, 'safe', { libvirt: '11.3.0' }).output).toBe(XML.replace("a='1'", "a='2'"));
  });

  it('drops a fix whose requirement a known fact fails; the next one takes its place', () => {
    const [d] = messages(needs920, XML, { libvirt: '9.0.0' });
    expect(d.fix?.title).toBe("Set a='3'");
    expect(d.suggestions).toBeUndefined();
    expect(fixWith([needs920], XML, 'unsafe', { libvirt: '9.0.0' }).output).toBe(XML.replace("a='1'", "a='3'"));
  });

  it('with the fact unknown, offers it as an unsafe suggestion whose title says what it needs, and promotes nothing', () => {
    const [d] = messages(needs920, XML);
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.map((s) => [s.title, s.safety])).toEqual([
      ["Set a='2' (needs libvirt 9.2.0 or newer)", 'unsafe'],
      ["Set a='3'", 'safe'],
    ]);
    expect(fixWith([needs920], XML, 'safe').output).toBe(XML);
    expect(fixWith([needs920], XML, 'unsafe').output).toBe(XML.replace("a='1'", "a='2'"));
  });

  it('assumes an unknown host runs at least the oldest maintained release (libvirt 7.0.0, QEMU 5.2.0)', () => {
    const needs = (requires: Fix['requires']) =>
      ruleFor((x, f) => [{ title: 'Edit', safety: 'safe', edits: [f.replaceAttributeValue(x.attribute('a')!, '2')], requires }]);
    expect(messages(needs({ libvirt: '>=5.2.0', qemu: '>=4.2.0' }), XML)[0].fix?.title).toBe('Edit');
    expect(messages(needs({ libvirt: '>=7.2.0' }), XML)[0].suggestions?.[0].title).toBe('Edit (needs libvirt 7.2.0 or newer)');
    expect(messages(needs({ qemu: '>=6.2.0' }), XML)[0].suggestions?.[0].title).toBe('Edit (needs QEMU 6.2.0 or newer)');
    // A known version is checked exactly, old or not.
    expect(messages(needs({ libvirt: '>=5.2.0' }), XML, { libvirt: '5.1.0' })[0].fix).toBeUndefined();
  });

  it('describes requirements in words', () => {
    expect(describeRequirements({ libvirt: '>=9.2.0', qemu: '<10.0.0' })).toBe('libvirt 9.2.0 or newer and QEMU older than 10.0.0');
    expect(describeRequirements({ qemu: '>=6.2.0 <9.1.0' })).toBe('QEMU >=6.2.0 <9.1.0');
  });
});

describe('fixes that reverse an explicit on/off setting', () => {
  const flip = (build: (x: XmlElement, f: Fixer) => Fix['edits']) => ruleFor((x, f) => [{ title: 'Flip', safety: 'safe', edits: build(x, f) }]);

  it("are never safe: state='off' turned 'on' is demoted, says what it overrides, and --fix leaves it", () => {
    const rule = flip((x, f) => [f.replaceAttributeValue(x.attribute('state')!, 'on')]);
    const [d] = messages(rule, XML);
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.[0]).toMatchObject({ title: "Flip (overrides the explicit <x state='off'>)", safety: 'unsafe', overrides: ["<x state='off'>"] });
    expect(fixWith([rule], XML, 'safe').output).toBe(XML);
    // In the file as written the conflict is the user's own: --unsafe-fixes may resolve it.
    expect(fixWith([rule], XML, 'unsafe').output).toBe(XML.replace("state='off'", "state='on'"));
  });

  it('are recognised when the element is rewritten, for yes/no too, and in either direction', () => {
    const rewrite = flip((x, f) => [f.replaceElement(x, "<x a='1' state='on'/>")]);
    expect(messages(rewrite, XML)[0].suggestions?.[0].overrides).toEqual(["<x state='off'>"]);
    const yes = "<domain type='kvm'>\n  <x a='1' enabled=\"yes\"/>\n</domain>\n";
    const no = flip((x, f) => [f.replaceAttributeValue(x.attribute('enabled')!, 'no')]);
    expect(messages(no, yes)[0].suggestions?.[0].overrides).toEqual(["<x enabled='yes'>"]);
  });

  it('leave other edits alone: removing the attribute, other values, a value that is not a switch', () => {
    const remove = flip((x, f) => [f.removeAttribute(x.attribute('state')!)]);
    expect(messages(remove, XML)[0].fix?.overrides).toBeUndefined();
    const sameValue = flip((x, f) => [f.replaceAttributeValue(x.attribute('state')!, 'off')]);
    expect(messages(sameValue, XML)[0].fix?.safety).toBe('safe');
    const odd = "<domain type='kvm'>\n  <x a='1' state='constructor'/>\n</domain>\n";
    const toOn = flip((x, f) => [f.replaceAttributeValue(x.attribute('state')!, 'on')]);
    expect(messages(toOn, odd)[0].fix?.safety).toBe('safe');
  });

  it('are withheld in a chain: never used to resolve a conflict that an earlier fix created', () => {
    // One rule adds <b state='on'/>, which needs <a> on; the other then turns <a> on.
    const adder = defineRule({
      meta: meta('adder'),
      create(ctx) {
        const x = ctx.domain.child('x')!;
        if (!x.child('b')) ctx.report({ at: x, messageId: 'text', data: { text: 'no b' }, fixes: [{ title: 'Add b', safety: 'unsafe', edits: [ctx.fixer.appendChild(x, "<b state='on'/>")] }] });
      },
    }) as Rule;
    const needsA = defineRule({
      meta: meta('needs-a'),
      create(ctx) {
        const a = ctx.domain.first('x/a')!;
        if (ctx.domain.first('x/b')?.attr('state') === 'on' && a.attr('state') === 'off') {
          ctx.report({ at: a, messageId: 'text', data: { text: 'b needs a' }, fixes: [{ title: 'Turn on a', safety: 'unsafe', edits: [ctx.fixer.replaceAttributeValue(a.attribute('state')!, 'on')] }] });
        }
      },
    }) as Rule;
    const xml = "<domain type='kvm'>\n  <x>\n    <a state='off'/>\n  </x>\n</domain>\n";
    const out = fixWith([adder, needsA], xml, 'unsafe');
    expect(out.output).toBe(xml.replace("<a state='off'/>", "<a state='off'/>\n    <b state='on'/>"));
    expect(out.result.messages.map((d) => d.ruleId)).toEqual(['needs-a']);
    // The same conflict written by the user is theirs to resolve with --unsafe-fixes.
    const written = xml.replace("<a state='off'/>", "<a state='off'/>\n    <b state='on'/>");
    expect(fixWith([adder, needsA], written, 'unsafe').output).toBe(written.replace("<a state='off'/>", "<a state='on'/>"));
  });
});

describe('the whole rule set with --fix --unsafe-fixes', () => {
  // The reproduction from the security review: a Windows guest whose owner turned vpindex off.
  const WINDOWS = domain('', {
    features: "<acpi/>\n<apic/>\n<hyperv mode='custom'>\n  <relaxed state='on'/>\n  <vapic state='on'/>\n  <spinlocks state='on' retries='8191'/>\n  <vpindex state='off'/>\n</hyperv>",
  }).replace(
    '  <memory ',
    '  <metadata>\n    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">\n      <libosinfo:os id="http://microsoft.com/win/11"/>\n    </libosinfo:libosinfo>\n  </metadata>\n  <memory ',
  );

  it("never turns an explicit <vpindex state='off'/> on", () => {
    for (const host of [{}, { libvirt: '9.0.0', qemu: '7.2.0' }]) {
      const out = fixWith(rules, WINDOWS, 'unsafe', host).output;
      expect(out).toContain("<vpindex state='off'/>");
      expect(out).not.toContain("<vpindex state='on'/>");
      expect(out).toContain("<runtime state='on'/>");
    }
  });

  it('resolves a synic/vpindex conflict the user wrote by turning synic off, keeping their vpindex choice', () => {
    const conflict = WINDOWS.replace("<vpindex state='off'/>", "<vpindex state='off'/>\n      <synic state='on'/>");
    const out = fixWith(rules, conflict, 'unsafe').output;
    expect(out).toContain("<vpindex state='off'/>");
    expect(out).toContain("<synic state='off'/>");
  });
});
