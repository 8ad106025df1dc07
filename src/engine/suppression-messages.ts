/**
 * The messages of the two rules the engine reports about suppressions
 * (suppressions.ts, metadata-ignores.ts). They live here, below the rules,
 * because the engine renders them; rules/unused-suppression.ts and
 * rules/invalid-suppression.ts declare them as their `meta.messages`.
 */

const PROBLEM_REPORTED = ' suppresses nothing: no {{rules}} problem is reported';

/** `{{rules}}` is the quoted list of the unused ids: `'a'`, `'a' or 'b'`. */
export const UNUSED_SUPPRESSION_MESSAGES = {
  nothingFollows: '{{directive}} suppresses nothing: no element follows it',
  endsNothing: '{{directive}} {{rules}} ends nothing: no virt-lint-disable {{rules}} is open before it',
  unusedNextLine: '{{directive}}' + PROBLEM_REPORTED + ' in the <{{element}}> element that follows',
  unusedRegion: '{{directive}}' + PROBLEM_REPORTED + ' in the region it disables',
  unusedFile: '{{directive}}' + PROBLEM_REPORTED + ' in this file',
  unusedIgnore: "<{{element}} rule='{{rule}}'>" + PROBLEM_REPORTED + ' in this domain',
  emptyLint: '<{{element}}> suppresses nothing: it holds no <{{ignore}}> element',
};

export type UnusedSuppressionMessageId = keyof typeof UNUSED_SUPPRESSION_MESSAGES;

const DID_YOU_MEAN = "; did you mean '{{guess}}'?";
const HOW_TO_WRITE = ': <!-- {{directive}} rule-id: reason -->; turning off every rule is not supported';

export const INVALID_SUPPRESSION_MESSAGES = {
  unsuppressible: '\'{{ruleId}}\' cannot be suppressed inline; set it in .virt-lint.json ("rules": { "{{ruleId}}": "off" })',
  notWellFormedUnsuppressible: "'xml-not-well-formed' cannot be suppressed: libvirt refuses a document that is not well-formed XML, so it is always an error",
  crashUnsuppressible: "'internal-error' cannot be suppressed: it reports a bug in virt-lint, not in the document (please report it)",
  unknownRule: "unknown rule '{{ruleId}}' in {{suppression}}",
  unknownRuleDidYouMean: "unknown rule '{{ruleId}}' in {{suppression}}" + DID_YOU_MEAN,
  unknownDirective: "unknown directive '{{directive}}'",
  unknownDirectiveDidYouMean: "unknown directive '{{directive}}'" + DID_YOU_MEAN,
  noRuleId: '{{directive}} needs the id of the rule it suppresses' + HOW_TO_WRITE,
  enableNoRuleId: '{{directive}} needs the id of the rule it turns back on' + HOW_TO_WRITE,
  doubleHyphen:
    '"--" inside an XML comment: libvirt refuses the file ("Double hyphen within comment"); write the reason after a colon: <!-- {{directive}} rule-id: reason -->',
  noReason: '{{directive}} gives no reason; add one after a colon: <!-- {{directive}} {{ruleIds}}: why -->',
  ignoreNoReason: "<{{element}} rule='{{rule}}'> gives no reason; add reason='why'",
  // The metadata form (metadata-ignores.ts): what libvirt would drop, or what names no rule.
  outsideMetadata: "<{{element}}> in virt-lint's namespace belongs in <domain><metadata>, where libvirt keeps it; here it is ignored",
  ignoreOutsideLint: '<{{element}}> must stand inside <{{lint}}> (libvirt keeps only one element per namespace under <metadata>); it is ignored',
  secondLint:
    'a second <{{element}}>: libvirt keeps only the first element of a namespace under <metadata> and drops this one on `virsh define`; move its <{{ignore}}> elements into the first',
  unknownElement: "unknown element <{{element}}> in <{{lint}}>; expected <{{ignore}} rule='rule-id' reason='...'/>",
  ignoreNoRule: "<{{element}}> needs a rule attribute naming the rule(s) to turn off: rule='rule-id'",
};

export type InvalidSuppressionMessageId = keyof typeof INVALID_SUPPRESSION_MESSAGES;
