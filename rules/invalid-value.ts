import { defineRule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';
import { findingsOf } from '#schema/index.js';
import { describeAllowed, tagLabel } from '#schema/describe.js';
import { reportedElsewhere } from './support/schema-overlaps.js';
import { judge, type SchemaEffect } from '#domain/schema-severity.js';

const EFFECT: Record<SchemaEffect, string> = {
  refused: 'libvirt refuses the domain',
  dropped: 'libvirt ignores it, so this setting would be lost',
  'validate-only': 'plain `virsh define` accepts it, but `virsh define --validate` refuses it',
};

export default defineRule({
  meta: {
    id: 'invalid-value',
    description: "An attribute value or element text that libvirt's grammar does not allow there (not one of the allowed values, or not of the allowed form)",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      attribute: "Invalid value '{{value}}' for '{{name}}' on {{element}}: expected {{allowed}}; {{consequence}}.",
      attributeDidYouMean: "Invalid value '{{value}}' for '{{name}}' on {{element}}; did you mean '{{suggestion}}'? Expected {{allowed}}; {{consequence}}.",
      attributeWhitespace: "The value of '{{name}}' on {{element}} has whitespace around it; remove the surrounding whitespace ({{consequence}}).",
      text: "Invalid value '{{value}}' in {{element}}: expected {{allowed}}; {{consequence}}.",
      textDidYouMean: "Invalid value '{{value}}' in {{element}}; did you mean '{{suggestion}}'? Expected {{allowed}}; {{consequence}}.",
      textWhitespace: 'The text of {{element}} has whitespace around it; remove the surrounding whitespace ({{consequence}}).',
      empty: '{{element}} is empty: expected {{allowed}}; {{consequence}}.',
      noText: "{{element}} takes no text, only child elements and attributes: '{{value}}' is ignored by libvirt.",
    },
    docs: {
      whatItDoes:
        "Checks every attribute value and element text against libvirt's RELAX NG grammar: enumerations (`cache='none'`), numbers with their ranges, and forms such as paths, UUIDs, MAC and PCI addresses, size units. It lists the allowed values (at most eight) or says the expected form in words, suggests the closest allowed value, and says when only surrounding whitespace is wrong.",
      whyIsThisBad:
        "libvirt refuses most bad values at `virsh define` (\"Invalid value for attribute 'cache' in element 'driver': 'nonee'\"), without saying where. Some values the grammar refuses are accepted by libvirt's own parser (a PCI `function='0x00'` has one digit too many for the grammar): those are warnings, because only `virsh define --validate` fails on them.",
      example: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='nonee'/>
  <source file='/var/lib/libvirt/images/vm.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' cache='none'/>
  <source file='/var/lib/libvirt/images/vm.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`,
      fixSafety: 'Replacing the value with the suggested one is a suggestion (unsafe): it guesses what was meant. `--fix --unsafe-fixes` applies it.',
      sources: [
        "libvirt's domain grammar: src/conf/schemas/domain.rng and the files it includes (vendored in vendor/libvirt-schemas/); XML Schema Part 2 datatypes and regular expressions",
        "libvirt src/util/virxml.c virXMLPropEnum and friends: \"Invalid value for attribute '%s' in element '%s': '%s'\"",
      ],
      notes: "On the example, virt-lint reports: `Invalid value 'nonee' for 'cache' on <driver type='qcow2'>; did you mean 'none'? Expected one of 'default', 'none', 'writeback', 'writethrough', 'directsync' or 'unsafe'; libvirt refuses the domain.`",
    },
  },
  create(context) {
    for (const f of findingsOf(context.doc, 'invalid-value')) {
      if (reportedElsewhere(context, f)) continue;
      const { severity, effect } = judge(f);
      const element = tagLabel(f.element);
      const allowed = describeAllowed(f.values, f.forms);
      const data = { element, allowed, consequence: EFFECT[effect], effect, value: f.value.trim() };
      if (f.noText) {
        context.report({ at: f.range, severity, messageId: 'noText', data: { element, value: f.value.trim(), effect } });
      } else if (f.attribute) {
        const a = f.attribute;
        const base = { ...data, name: a.name, value: a.value };
        if (f.whitespace) {
          const fix: Fix = { title: `Remove the whitespace around '${a.value.trim()}'`, safety: 'unsafe', edits: [{ range: a.valueRange, text: a.rawValue.trim() }] };
          context.report({ at: f.range, severity, messageId: 'attributeWhitespace', data: base, fixes: [fix] });
        } else if (f.suggestion !== undefined) {
          const fix: Fix = { title: `Set ${a.name}='${f.suggestion}'`, safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(a, f.suggestion)] };
          context.report({ at: f.range, severity, messageId: 'attributeDidYouMean', data: { ...base, suggestion: f.suggestion }, fixes: [fix] });
        } else {
          context.report({ at: f.range, severity, messageId: 'attribute', data: base });
        }
      } else if (f.value === '') {
        context.report({ at: f.range, severity, messageId: 'empty', data });
      } else if (f.whitespace) {
        context.report({ at: f.range, severity, messageId: 'textWhitespace', data });
      } else if (f.suggestion !== undefined) {
        // Only when the underlined text is exactly the value (no entity references in it).
        const plain = f.range.end - f.range.start === f.value.trim().length;
        const fixes: Fix[] = plain ? [{ title: `Replace '${f.value.trim()}' with '${f.suggestion}'`, safety: 'unsafe', edits: [{ range: f.range, text: f.suggestion }] }] : [];
        context.report({ at: f.range, severity, messageId: 'textDidYouMean', data: { ...data, suggestion: f.suggestion }, fixes });
      } else {
        context.report({ at: f.range, severity, messageId: 'text', data });
      }
    }
  },
});
