import { describe, expect, it } from 'vitest';
import { Grammar } from '#schema/grammar.js';
import { NEWEST_INDEXES_JSON, NEWEST_MODEL } from '#schema/generated/newest.js';
import { newestGrammar } from '#schema/index.js';
import { decodeModel } from '#schema/model-binary.js';
import { qname } from '#schema/patterns.js';

describe("the newest grammar's indexes, written by the build", () => {
  it('equal what the model gives when they are computed', () => {
    const computed = new Grammar(decodeModel(NEWEST_MODEL)).indexes();
    expect(Object.keys(computed.attributes).length).toBeGreaterThan(300);
    expect(JSON.parse(NEWEST_INDEXES_JSON)).toEqual(computed);
  });

  it('answer the questions the messages ask', () => {
    const g = newestGrammar();
    expect(g.parentsOf(qname('', 'target'))).toContain('disk');
    expect(g.attributesOf(qname('', 'driver')).has('cache')).toBe(true);
    expect(g.knowsElement(qname('', 'interface'))).toBe(true);
    expect(g.knowsElement(qname('', 'interfce'))).toBe(false);
  });
});
