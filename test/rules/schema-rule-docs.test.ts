// The five schema rules' docs quote what virt-lint reports on their own
// example: the quotes are checked against the real messages, so the pages
// cannot drift from what the rules say.
import { describe, expect, it } from 'vitest';
import type { Rule } from '#engine/rule.js';
import invalidValue from '#rules/invalid-value.js';
import misplacedElement from '#rules/misplaced-element.js';
import missingRequired from '#rules/missing-required.js';
import unknownAttribute from '#rules/unknown-attribute.js';
import unknownElement from '#rules/unknown-element.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

/** A docs snippet as a whole domain: a domain as it is, <features> in the test domain's place, anything else as devices. */
function asDomain(snippet: string): string {
  if (snippet.startsWith('<domain')) return snippet;
  if (snippet.startsWith('<features>')) return domain('', { features: snippet.replace(/^<features>\n?/, '').replace(/\n?<\/features>$/, '').replace(/^ {2}/gm, '') });
  return domain(snippet);
}

describe.each([unknownElement, misplacedElement, unknownAttribute, invalidValue, missingRequired] as Rule[])('$meta.id docs', (rule) => {
  const docs = rule.meta.docs;

  it('quote, in their notes, the message the rule reports on the example', () => {
    const messages = diagnostics(rule, asDomain(docs.example)).map((d) => d.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(docs.notes ?? '', m).toContain(`\`${m}\``);
  });

  it('show a correction the rule does not report', () => {
    expect(docs.useInstead).toBeDefined();
    expect(diagnostics(rule, asDomain(docs.useInstead!))).toEqual([]);
  });
});
