import { defineRule } from '#engine/rule.js';
import { findingsOf } from '#schema/index.js';
import { listValues, tagLabel } from '#schema/describe.js';
import { reportedElsewhere } from './support/schema-overlaps.js';
import { judge, refusedWithout } from '#domain/schema-severity.js';

export default defineRule({
  meta: {
    id: 'unknown-attribute',
    description: "An attribute libvirt's grammar does not allow on that element (a misspelt name): libvirt ignores it and the setting is lost",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      unknown: "Unknown attribute '{{name}}' on {{element}}: libvirt ignores attributes it does not know, so this setting would be lost.",
      didYouMean: "Unknown attribute '{{name}}' on {{element}}; did you mean '{{suggestion}}'? libvirt ignores attributes it does not know, so this setting would be lost.",
      didYouMeanRequired: "Unknown attribute '{{name}}' on {{element}}; did you mean '{{suggestion}}'? libvirt ignores '{{name}}' and refuses the domain without '{{suggestion}}'.",
      notInThisForm: "{{element}} does not take '{{name}}' in this form (only other forms of <{{elementName}}> have it){{allowed}}: libvirt ignores it, so this setting would be lost.",
    },
    docs: {
      whatItDoes:
        "Checks every attribute against libvirt's RELAX NG grammar and reports one the element does not take, with the closest allowed name. An attribute that the element takes only in another form (another `type`, or with another attribute) is reported as such.",
      whyIsThisBad:
        "libvirt reads the attributes it knows and ignores the rest: `<vapic stat='on'/>` loses the setting (here libvirt then refuses the domain, because the real `state` is required), `<driver name='qemu' cahce='none'/>` silently keeps the default cache mode.",
      example: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cahce='none'/>
  <source file='/var/lib/libvirt/images/vm.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none'/>
  <source file='/var/lib/libvirt/images/vm.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`,
      fixSafety: 'The rename to the suggested name is a suggestion (unsafe): it guesses what was meant. `--fix --unsafe-fixes` applies it.',
      sources: [
        "libvirt's domain grammar: src/conf/schemas/domain.rng and the files it includes (vendored in vendor/libvirt-schemas/)",
        'libvirt src/conf/domain_conf.c: attributes are read by name (virXMLPropString, virXMLPropEnum); others are never looked at',
      ],
      notes: "On the example, virt-lint reports: `Unknown attribute 'cahce' on <driver type='qcow2'>; did you mean 'cache'? libvirt ignores attributes it does not know, so this setting would be lost.`",
    },
  },
  create(context) {
    for (const f of findingsOf(context.doc, 'unknown-attribute')) {
      if (reportedElsewhere(context, f)) continue;
      const a = f.attribute;
      const element = tagLabel(f.element);
      const { severity, effect } = judge(f);
      if (f.suggestion !== undefined) {
        const required = !f.element.attribute(f.suggestion) && refusedWithout(f.element, `@${f.suggestion}`);
        context.report({
          at: a.nameRange,
          severity,
          messageId: required ? 'didYouMeanRequired' : 'didYouMean',
          data: { name: a.name, element, suggestion: f.suggestion, effect: required ? 'refused' : effect },
          fixes: [{ title: `Rename '${a.name}' to '${f.suggestion}'`, safety: 'unsafe', edits: [{ range: a.nameRange, text: f.suggestion }] }],
        });
      } else if (f.knownOnElement) {
        const allowed = f.allowed.length ? `; it takes ${listValues(f.allowed, 6)}` : '';
        context.report({ at: a.nameRange, severity, messageId: 'notInThisForm', data: { name: a.name, element, elementName: f.element.name, allowed, effect } });
      } else {
        context.report({ at: a.nameRange, severity, messageId: 'unknown', data: { name: a.name, element, effect } });
      }
    }
  },
});
