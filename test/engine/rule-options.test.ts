import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRule, type Rule } from '#engine/rule.js';
import { lint } from '#engine/linter.js';
import { rules } from '#rules/index.js';

const DOMAIN = "<domain type='kvm'><name>vm</name><memory>1048576</memory><os><type>hvm</type></os></domain>";

/** A rule that reports the options it ran with; `schema` and `defaults` are its meta.options and meta.defaultOptions. */
function echoRule(meta: { options?: z.ZodMiniType; defaultOptions?: unknown }): Rule {
  return defineRule({
    meta: {
      id: 'echo-options',
      description: 'test',
      severity: 'info',
      category: 'meta',
      fixable: false,
      messages: { options: '{{options}}' },
      ...meta,
      docs: { whatItDoes: '', whyIsThisBad: '', example: '', useInstead: '', fixSafety: '', sources: [] },
    },
    create(ctx) {
      ctx.report({ at: ctx.domain, messageId: 'options', data: { options: JSON.stringify(ctx.options) } });
    },
  }) as Rule;
}

const optionsSeen = (rule: Rule, options?: unknown) =>
  lint(DOMAIN, { rules: [rule], host: {}, ...(options === undefined ? {} : { settings: new Map([[rule.meta.id, { options }]]) }) }).messages.map((d) => d.message);

describe('rule options', () => {
  // The shipped rules write their defaults out so that a lint without options builds no zod schema (start-up time).
  const withOptions = rules.filter((r) => Object.getOwnPropertyDescriptor(r.meta, 'options') !== undefined);

  it('five shipped rules take options', () => {
    expect(withOptions.map((r) => r.meta.id).sort()).toEqual(['invalid-suppression', 'lg-no-spice-graphics', 'lg-shmem-size-too-small', 'lg-tablet-present', 'qemu-911-spice-hda-audio']);
  });

  it.each(withOptions.map((r) => [r.meta.id, r] as const))('%s: defaultOptions are what its schema gives for {}', (_id, rule) => {
    expect(rule.meta.defaultOptions).toBeDefined();
    expect(rule.meta.options!.parse({})).toEqual(rule.meta.defaultOptions);
  });

  it('rules without options declare no defaults', () => {
    for (const r of rules.filter((x) => !withOptions.includes(x))) expect(r.meta.defaultOptions, r.meta.id).toBeUndefined();
  });

  it('a lint without options uses defaultOptions and never reads the schema', () => {
    const rule = echoRule({ defaultOptions: { size: 1 } });
    Object.defineProperty(rule.meta, 'options', {
      get() {
        throw new Error('schema read');
      },
    });
    expect(optionsSeen(rule)).toEqual(['{"size":1}']);
  });

  it('options given are checked by the schema, with its defaults filled in', () => {
    const rule = echoRule({ options: z.strictObject({ size: z._default(z.number(), 1), hdr: z._default(z.boolean(), false) }), defaultOptions: { size: 1, hdr: false } });
    expect(optionsSeen(rule, { size: 4 })).toEqual(['{"size":4,"hdr":false}']);
    expect(() => optionsSeen(rule, { size: 'big' })).toThrow();
  });

  it('a rule with a schema and no written defaults (one made through the API) gets the parsed defaults', () => {
    const rule = echoRule({ options: z.strictObject({ size: z._default(z.number(), 7) }) });
    expect(optionsSeen(rule)).toEqual(['{"size":7}']);
  });
});
