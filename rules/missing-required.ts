import { defineRule } from '#engine/rule.js';
import { findingsOf } from '#schema/index.js';
import { tagLabel } from '#schema/describe.js';
import { reportedElsewhere } from './support/schema-overlaps.js';
import { judge, type SchemaEffect } from '#domain/schema-severity.js';

const EFFECT: Record<SchemaEffect, string> = {
  refused: 'libvirt refuses the domain',
  dropped: 'libvirt ignores the element',
  'validate-only': 'plain `virsh define` accepts it, but `virsh define --validate` refuses it',
};

const quoted = (names: string[], tag: boolean) => names.map((n) => (tag ? `<${n}>` : `'${n}'`));
const and = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs[0]);
const or = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : xs[0]);

export default defineRule({
  meta: {
    id: 'missing-required',
    description: "A required attribute or child element is absent (libvirt's grammar requires it)",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      attribute: '{{element}} is missing the required attribute {{names}}: {{consequence}}.',
      attributes: '{{element}} is missing the required attributes {{names}}: {{consequence}}.',
      oneOfAttributes: '{{element}} needs one of the attributes {{names}}: {{consequence}}.',
      element: '{{element}} is missing the required child element {{names}}: {{consequence}}.',
      elements: '{{element}} is missing the required child elements {{names}}: {{consequence}}.',
      oneOfElements: '{{element}} needs one of the child elements {{names}}: {{consequence}}.',
    },
    docs: {
      whatItDoes:
        "Checks every element against libvirt's RELAX NG grammar and reports the attributes and child elements it requires but lacks, by name: exactly those that are missing, not every child the element could have. Where the grammar offers alternatives (one of two attributes), it names them.",
      whyIsThisBad:
        "libvirt refuses most such domains at `virsh define` (\"Missing required attribute 'state' in element 'vapic'\"; a `<disk>` without `<target>`), and says neither the line nor, often, the element. Where libvirt fills in a default instead and only the grammar insists, the finding is a warning that `virsh define --validate` fails.",
      example: `<features>
  <hyperv mode='custom'>
    <vapic/>
  </hyperv>
</features>`,
      useInstead: `<features>
  <hyperv mode='custom'>
    <vapic state='on'/>
  </hyperv>
</features>`,
      fixSafety: 'No fix: the missing value is for the user to choose.',
      sources: [
        "libvirt's domain grammar: src/conf/schemas/domain.rng and the files it includes (vendored in vendor/libvirt-schemas/)",
        "libvirt src/util/virxml.c virXMLPropEnum with VIR_XML_PROP_REQUIRED: \"Missing required attribute '%s' in element '%s'\"",
      ],
      notes: "On the example, virt-lint reports: `<vapic> is missing the required attribute 'state': libvirt refuses the domain.`",
    },
  },
  create(context) {
    for (const f of findingsOf(context.doc, 'missing-required')) {
      if (reportedElsewhere(context, f)) continue;
      const { severity, effect } = judge(f);
      const isElement = f.what === 'element';
      const list = quoted(f.names, isElement);
      const messageId = f.oneOf ? (isElement ? 'oneOfElements' : 'oneOfAttributes') : f.names.length > 1 ? (isElement ? 'elements' : 'attributes') : isElement ? 'element' : 'attribute';
      context.report({ at: f.range, severity, messageId, data: { element: tagLabel(f.element), names: f.oneOf ? or(list) : and(list), consequence: EFFECT[effect], effect } });
    }
  },
});
