import { defineRule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';
import type { XmlElement } from '#engine/tree.js';
import { findingsOf } from '#schema/index.js';
import { tagLabel } from '#schema/describe.js';
import { reportedElsewhere } from './support/schema-overlaps.js';
import { judge, refusedWithout } from '#domain/schema-severity.js';

export default defineRule({
  meta: {
    id: 'unknown-element',
    description: "An element libvirt's grammar does not know (a misspelt name): libvirt ignores it and the setting is lost",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      unknown: 'Unknown element <{{name}}> in {{parent}}: libvirt ignores elements it does not know, so this setting would be lost.',
      didYouMean: 'Unknown element <{{name}}> in {{parent}}; did you mean <{{suggestion}}>? libvirt ignores elements it does not know, so this setting would be lost.',
      didYouMeanRequired: 'Unknown element <{{name}}> in {{parent}}; did you mean <{{suggestion}}>? libvirt ignores <{{name}}> and refuses the domain without <{{suggestion}}>.',
      foreign:
        '<{{name}}> (namespace {{ns}}) is not allowed in {{parent}}: libvirt ignores XML of other namespaces outside <metadata>, so it would be lost. Move it into <metadata> to keep it.',
      wrongNamespace: "<{{name}}> is in namespace '{{ns}}', but libvirt's <{{local}}> {{expected}}: libvirt does not recognize it here, so this setting would be lost.",
    },
    docs: {
      whatItDoes:
        "Checks every element against libvirt's own RELAX NG grammar for domain XML (the newest shipped, `domain.rng`) and reports an element whose name the grammar does not know anywhere. It suggests the closest name allowed at that place.",
      whyIsThisBad:
        "libvirt's parser looks up the elements it knows and skips everything else without a word: `<interfce type='network'>` is accepted by `virsh define`, and the VM has no network card. Only `virsh define --validate` or `virt-xml-validate` would say so, and they say \"Extra element interfce in interleave\" at the parent's line.",
      example: `<interfce type='network'>
  <source network='default'/>
  <model type='virtio'/>
</interfce>`,
      useInstead: `<interface type='network'>
  <source network='default'/>
  <model type='virtio'/>
</interface>`,
      fixSafety:
        'The rename to the suggested name is a suggestion (unsafe): it guesses what was meant, and the renamed element changes what the VM gets. `--fix --unsafe-fixes` applies it.',
      sources: [
        "libvirt's domain grammar: src/conf/schemas/domain.rng and the files it includes (vendored in vendor/libvirt-schemas/, 7.0.0 to 12.9.0)",
        'libvirt src/conf/domain_conf.c: elements are read by XPath lookups of known names; others are never visited',
      ],
      notes:
        "Elements in a namespace of their own are left alone where the grammar allows them (inside `<metadata>`); `qemu:`, `lxc:`, `bhyve:`, `xen:` and `vmware:` elements are checked as the grammar defines them. An element whose namespace prefix is not declared is left to the XML well-formedness check. The five schema rules (`unknown-element`, `misplaced-element`, `unknown-attribute`, `invalid-value`, `missing-required`) report one problem once: after a misspelt name, validation goes on as if the suggested name had been written, so its absence is not reported as well. On the example, virt-lint reports: `Unknown element <interfce> in <devices>; did you mean <interface>? libvirt ignores elements it does not know, so this setting would be lost.`",
    },
  },
  create(context) {
    for (const f of findingsOf(context.doc, 'unknown-element')) {
      if (reportedElsewhere(context, f)) continue;
      if (f.unboundPrefix) continue;
      const el = f.element;
      const parent = el.parent ? tagLabel(el.parent) : 'the document';
      const { severity, effect } = judge(f);
      if (f.otherNamespaces !== undefined) {
        const named = f.otherNamespaces.filter((n) => n !== '').map((n) => `'${n}'`);
        const expected = named.length === 0 ? 'has no namespace' : `is in namespace ${named.join(' or ')}${f.otherNamespaces.includes('') ? ' or none' : ''}`;
        context.report({ at: f.range, severity, messageId: 'wrongNamespace', data: { name: el.name, ns: f.name.ns, local: f.name.local, expected, effect } });
      } else if (f.name.ns !== '' && el.prefix !== undefined) {
        context.report({ at: f.range, severity, messageId: 'foreign', data: { name: el.name, ns: f.name.ns, parent, effect } });
      } else if (f.suggestion !== undefined) {
        const required = el.parent !== undefined && !el.parent.child(f.suggestion) && refusedWithout(el.parent, `>${f.suggestion}`);
        context.report({
          at: f.range,
          severity,
          messageId: required ? 'didYouMeanRequired' : 'didYouMean',
          data: { name: el.name, parent, suggestion: f.suggestion, effect: required ? 'refused' : effect },
          fixes: [rename(el, f.suggestion)],
        });
      } else {
        context.report({ at: f.range, severity, messageId: 'unknown', data: { name: el.name, parent, effect } });
      }
    }
  },
});

/** Renames an element in its start and end tags (keeping any prefix). */
function rename(el: XmlElement, local: string): Fix {
  const name = el.prefix ? `${el.prefix}:${local}` : local;
  const edits = [{ range: { start: el.startTag.start + 1, end: el.startTag.start + 1 + el.name.length }, text: name }];
  if (el.endTag) edits.push({ range: { start: el.endTag.start + 2, end: el.endTag.start + 2 + el.name.length }, text: name });
  return { title: `Rename <${el.name}> to <${name}>`, safety: 'unsafe', edits };
}
