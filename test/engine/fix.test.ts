import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '#engine/rule.js';
import { lint } from '#engine/linter.js';
import { applyEdits, fixText } from '#engine/apply-fixes.js';
import type { XmlElement } from '#engine/tree.js';
import type { Fixer } from '#engine/fixer.js';

/** A throwaway rule that reports every <target> element with the edit `edit` builds. */
function ruleWith(edit: (el: XmlElement, fixer: Fixer) => { range: { start: number; end: number }; text: string }, safety: 'safe' | 'unsafe' = 'safe'): Rule {
  return defineRule({
    meta: {
      id: 'test-rule',
      description: 'test',
      severity: 'warning',
      category: 'meta',
      fixable: safety,
      messages: { text: '{{text}}' },
    docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '', fixSafety: '', sources: [] },
    },
    create(ctx) {
      for (const el of ctx.domain.descendants('target')) {
        ctx.report({ at: el, messageId: 'text', data: { text: 'found' }, fixes: [{ title: 'edit', safety, edits: [edit(el, ctx.fixer)] }] });
      }
    },
  }) as Rule;
}

const fix = (rule: Rule, xml: string, mode: 'safe' | 'unsafe' = 'safe') => fixText(xml, (raw) => lint(raw, { rules: [rule], host: {} }), mode);

/** One pass: the edits of the first lint, applied once (these test rules never converge by design). */
const fixOnce = (rule: Rule, xml: string) => {
  const result = lint(xml, { rules: [rule], host: {} });
  const body = applyEdits(result.source.text, result.messages.map((d) => d.fix!)).text;
  return { output: result.source.hasBom ? '\uFEFF' + body : body };
};

const XML = `<domain type='kvm'>
  <devices>
    <!-- keep me -->
    <disk type='file'>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

describe('fixer edits', () => {
  it('setAttribute appends with the element\'s quote style', () => {
    const out = fixOnce(ruleWith((el, f) => f.setAttribute(el, 'removable', 'on')), XML);
    expect(out.output).toBe(XML.replace("bus='virtio'/>", "bus='virtio' removable='on'/>"));
  });

  it('removeElement takes the whole line when the element stands alone', () => {
    const out = fixOnce(ruleWith((el, f) => f.removeElement(el)), XML);
    expect(out.output).toBe(XML.replace("      <target dev='vda' bus='virtio'/>\n", ''));
  });

  it('removeElement keeps the line when other content shares it', () => {
    const xml = "<domain><devices><disk><target dev='vda'/></disk></devices></domain>";
    expect(fixOnce(ruleWith((el, f) => f.removeElement(el)), xml).output).toBe('<domain><devices><disk></disk></devices></domain>');
  });

  it('appendChild opens a self-closing element, indented one level deeper', () => {
    const out = fixOnce(ruleWith((el, f) => f.appendChild(el, "<child a='1'/>")), XML);
    expect(out.output).toBe(XML.replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'>\n        <child a='1'/>\n      </target>"));
  });

  it('inserted elements take the quote character the file mostly uses', () => {
    const doubled = XML.replace(/'/g, '"');
    const snippet = "<driver name='qemu' note='say \"hi\"'>\n  <child a='1'/>\n</driver>";
    const out = fixOnce(ruleWith((el, f) => f.insertAfter(el, snippet)), doubled);
    // A value holding a double quote keeps its single quotes.
    const inserted = '<driver name="qemu" note=\'say "hi"\'>\n        <child a="1"/>\n      </driver>';
    expect(out.output).toBe(doubled.replace('<target dev="vda" bus="virtio"/>', `<target dev="vda" bus="virtio"/>\n      ${inserted}`));
    expect(fixOnce(ruleWith((el, f) => f.insertAfter(el, "<child a='1'/>")), XML).output).toContain("<child a='1'/>");
  });

  it('insertAfter uses the file\'s CRLF line endings', () => {
    const xml = XML.replace(/\n/g, '\r\n');
    const out = fixOnce(ruleWith((el, f) => f.insertAfter(el, '<boot order="1"/>')), xml);
    expect(out.output).toBe(xml.replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'/>\r\n      <boot order=\"1\"/>"));
  });
});

describe('fixText', () => {
  it('keeps the BOM and everything outside the edit', () => {
    const out = fix(ruleWith((el, f) => f.replaceAttributeValue(el.attribute('bus')!, 'sata')), '\uFEFF' + XML);
    expect(out.output).toBe('\uFEFF' + XML.replace("bus='virtio'", "bus='sata'"));
    expect(out.applied).toBe(1);
  });

  it('writes nothing when a fix would break well-formedness', () => {
    const broken = ruleWith((el) => ({ range: { start: el.range.end - 1, end: el.range.end }, text: '' }));
    const out = fix(broken, XML);
    expect(out.output).toBe(XML);
    expect(out.applied).toBe(0);
    expect(out.discarded).toMatch(/not well-formed/);
  });

  it('applies unsafe fixes only in unsafe mode', () => {
    const rule = ruleWith((el, f) => f.removeElement(el), 'unsafe');
    expect(fix(rule, XML).output).toBe(XML);
    expect(fix(rule, XML, 'unsafe').output).toBe(XML.replace("      <target dev='vda' bus='virtio'/>\n", ''));
  });

  it('stops after a bounded number of passes when a fix never converges', () => {
    // Every pass adds another attribute-free <target/>, which is reported again.
    const rule = ruleWith((el, f) => f.insertAfter(el, '<target/>'));
    const out = fix(rule, XML);
    expect(out.applied).toBeLessThanOrEqual(1 + 2 + 4 + 8 + 16 + 32 + 64 + 128 + 256 + 512);
    expect(out.output.match(/<target/g)!.length).toBeGreaterThan(1);
  });

  it('resolves overlapping fixes over several passes', () => {
    const xml = `<domain>\n  <target a='1'/>\n  <target a='2'/>\n</domain>\n`;
    // Both fixes insert at the same point (end of <domain>'s children) and so clash in one pass.
    const rule = defineRule({
      meta: { id: 'test-rule', description: 't', severity: 'warning', category: 'meta', fixable: 'safe', messages: { text: '{{text}}' },
    docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '', fixSafety: '', sources: [] } },
      create(ctx) {
        for (const el of ctx.domain.childrenNamed('target')) {
          if (ctx.domain.childrenNamed('done').some((d) => d.attr('for') === el.attr('a'))) continue;
          ctx.report({ at: el, messageId: 'text', data: { text: 'x' }, fixes: [{ title: 'mark', safety: 'safe', edits: [ctx.fixer.appendChild(ctx.domain, `<done for='${el.attr('a')}'/>`)] }] });
        }
      },
    }) as Rule;
    const out = fix(rule, xml);
    expect(out.output).toBe(`<domain>\n  <target a='1'/>\n  <target a='2'/>\n  <done for='1'/>\n  <done for='2'/>\n</domain>\n`);
    expect(out.result.messages).toEqual([]);
  });
});

describe('comments are never deleted by a safe fix', () => {
  it('demotes a fix that would remove a comment to an unsafe suggestion', () => {
    const xml = XML.replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'><!-- why --></target>");
    const rule = ruleWith((el, f) => f.removeElement(el));
    const [d] = lint(xml, { rules: [rule], host: {} }).messages;
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.[0]).toMatchObject({ safety: 'unsafe', title: 'edit (deletes a comment)' });
    expect(fix(rule, xml).output).toBe(xml);
  });
});
