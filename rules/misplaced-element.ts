import { defineRule } from '#engine/rule.js';
import { findingsOf } from '#schema/index.js';
import { tagLabel } from '#schema/describe.js';
import { reportedElsewhere } from './support/schema-overlaps.js';
import { judge } from '#domain/schema-severity.js';

const names = (xs: string[]) => {
  const tags = xs.slice(0, 4).map((x) => `<${x}>`);
  const more = xs.length > 4 ? ` (or ${xs.length - 4} other elements)` : '';
  return (tags.length > 1 ? `${tags.slice(0, -1).join(', ')} or ${tags[tags.length - 1]}` : tags[0]) + more;
};

export default defineRule({
  meta: {
    id: 'misplaced-element',
    description: "An element libvirt knows, in a place its grammar does not allow (wrong parent, a second copy, wrong order)",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      parent: '<{{name}}> does not belong in {{parent}}: it goes in {{parents}}. libvirt ignores it here, so this setting would be lost.',
      root: '<{{name}}> does not belong in {{parent}}: libvirt ignores it here, so this setting would be lost.',
      duplicate: '{{parent}} takes one <{{name}}>, and this is a second one: {{consequence}}.',
      order: '<{{name}}> must come before <{{before}}> in {{parent}}: plain `virsh define` accepts any order, but `virsh define --validate` refuses this one.',
      context: '<{{name}}> is not allowed in this {{parent}} (it is allowed in other forms of <{{parentName}}>): {{consequence}}.',
    },
    docs: {
      whatItDoes:
        "Checks every element against libvirt's RELAX NG grammar and reports an element the grammar knows, but not where it stands: under the wrong parent (it says where it belongs), a second copy of an element allowed once, an order the grammar does not allow, or an element that the parent's form does not take (a `<source>` that only another `type` of device has).",
      whyIsThisBad:
        "libvirt reads each setting from a fixed place: `<interface>` directly inside `<devices>`, `<vcpu>` inside `<domain>`. Written elsewhere it is never read: `virsh define` succeeds and the setting is silently missing. A second copy of an element allowed once is ignored (libvirt reads the first). Order is different: libvirt's parser does not care about it, so a wrong order is only a warning that `virsh define --validate` fails.",
      example: `<domain type='kvm'>
  <name>vm</name>
  <memory unit='GiB'>4</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <interface type='network'>
    <source network='default'/>
  </interface>
  <devices/>
</domain>`,
      useInstead: `<domain type='kvm'>
  <name>vm</name>
  <memory unit='GiB'>4</memory>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <interface type='network'>
      <source network='default'/>
    </interface>
  </devices>
</domain>`,
      fixSafety: 'No fix: where the element should go, and which of two copies is meant, is for a person to decide.',
      sources: [
        "libvirt's domain grammar: src/conf/schemas/domain.rng and the files it includes (vendored in vendor/libvirt-schemas/)",
        'libvirt src/conf/domain_conf.c: each element is read by an XPath relative to its parent (virXPathNode, virXPathNodeSet)',
      ],
      notes: 'Severities follow what `virsh define` does with such mutants of real domains (see the schema check section of the README and docs/schema.md). On the example, virt-lint reports: `<interface> does not belong in <domain type=\'kvm\'>: it goes in <devices> or <source>. libvirt ignores it here, so this setting would be lost.`',
    },
  },
  create(context) {
    for (const f of findingsOf(context.doc, 'misplaced-element')) {
      if (reportedElsewhere(context, f)) continue;
      const el = f.element;
      const parent = el.parent ? tagLabel(el.parent) : 'the document';
      const { severity, effect } = judge(f);
      const lost = effect === 'refused' ? 'libvirt refuses the domain' : effect === 'dropped' ? 'libvirt ignores it, so this setting would be lost' : 'plain `virsh define` accepts it, but `virsh define --validate` refuses it';
      switch (f.reason) {
        case 'duplicate':
          context.report({ at: f.range, severity, messageId: 'duplicate', data: { name: el.name, parent, consequence: lost, effect } });
          break;
        case 'order':
          context.report({ at: f.range, severity, messageId: 'order', data: { name: el.name, parent, before: f.before!.name, effect } });
          break;
        case 'context':
          context.report({ at: f.range, severity, messageId: 'context', data: { name: el.name, parent, parentName: el.parent!.name, consequence: lost, effect } });
          break;
        case 'parent':
          if (f.parents.length) context.report({ at: f.range, severity, messageId: 'parent', data: { name: el.name, parent, parents: names(f.parents), effect } });
          else context.report({ at: f.range, severity, messageId: 'root', data: { name: el.name, parent, effect } });
          break;
      }
    }
  },
});
