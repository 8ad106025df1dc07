import { defineRule } from '#engine/rule.js';
import type { TextEdit } from '#engine/edit.js';
import type { XmlElement } from '#engine/tree.js';
import { namespaceOf, QEMU_NS } from '#domain/namespaces.js';

/** Elements of libvirt's QEMU namespace (docs/drvqemu.rst "Pass-through of arbitrary qemu commands", "QEMU feature overrides"). */
const QEMU_ELEMENTS = new Set(['commandline', 'capabilities', 'override', 'deprecation']);

const UNDECLARED = "<{{element}}> is in an undeclared '{{prefix}}' namespace";
const MISBOUND = "<{{element}}> is in namespace '{{uri}}'";
const DROPPED = ", not libvirt's QEMU namespace: libvirt silently drops it when the domain is defined, so ";
const DECLARE = `. Add xmlns:{{prefix}}='${QEMU_NS}' to <domain>.`;
const NO_ARGUMENTS = 'none of its arguments reach QEMU';
const NO_EFFECT = 'it has no effect';

export default defineRule({
  meta: {
    id: 'qemu-namespace-missing',
    description: "qemu:* elements without xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' are silently dropped by libvirt",
    severity: 'error',
    category: 'correctness',
    fixable: 'safe',
    messages: {
      commandlineUndeclared: UNDECLARED + DROPPED + NO_ARGUMENTS + DECLARE,
      commandlineMisbound: MISBOUND + DROPPED + NO_ARGUMENTS + DECLARE,
      elementUndeclared: UNDECLARED + DROPPED + NO_EFFECT + DECLARE,
      elementMisbound: MISBOUND + DROPPED + NO_EFFECT + DECLARE,
    },
    docs: {
      whatItDoes:
        "Finds `<qemu:commandline>`, `<qemu:capabilities>`, `<qemu:override>` and `<qemu:deprecation>` (children of `<domain>`) whose `qemu` prefix is not declared, or is bound to a URI other than libvirt's `http://libvirt.org/schemas/domain/qemu/1.0`.",
      whyIsThisBad:
        "libvirt looks these elements up by namespace URI. An undeclared prefix is only a namespace error to libxml2, which libvirt does not report (it reports fatal parse errors only), so the element simply does not match: libvirt drops the whole block when the domain is defined, without a word. The KVMFR device for Looking Glass, evdev input or any other extra argument vanishes. Looking Glass's guide warns that the block and the namespace declaration must be added together. `virsh define --validate` refuses the file instead.",
      example: `<domain type='kvm'>
  ...
  <qemu:commandline>
    <qemu:arg value='-device'/>
    <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  </qemu:commandline>
</domain>`,
      useInstead: `<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  ...
  <qemu:commandline>
    <qemu:arg value='-device'/>
    <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  </qemu:commandline>
</domain>`,
      fixSafety:
        "Safe: adds `xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'` to the `<domain>` start tag, or corrects the URI when the prefix is bound to another one. The elements themselves are untouched; they take effect as their author intended.",
      sources: [
        'libvirt docs/drvqemu.rst "Pass-through of arbitrary qemu commands" (the namespace declaration)',
        'libvirt src/util/virxml.c catchXMLError: only XML_ERR_FATAL errors are reported, so libxml2 namespace errors pass silently',
        'libvirt src/qemu/qemu_domain.c qemuDomainDefNamespaceParse: elements are found by XPath in the registered namespace',
        'Looking Glass doc/ivshmem_kvmfr.rst "libvirt": "Make sure to add both the block and the domain namespace change in a single editing session"',
      ],
      notes: "Looking Glass's guide says libvirt rejects the change; with plain `virsh define` (no --validate) libvirt 11.3 accepts the domain and discards the block, which is worse because nothing tells you.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const misbound: XmlElement[] = [];
    for (const el of domain.elements) {
      if (el.prefix === undefined) continue;
      if (el.prefix !== 'qemu' && !QEMU_ELEMENTS.has(el.localName)) continue;
      const uri = namespaceOf(el, el.prefix);
      if (uri === QEMU_NS) continue;
      // Another prefix bound to another namespace is some other extension, not ours.
      if (el.prefix !== 'qemu' && uri !== undefined) continue;
      misbound.push(el);
    }
    for (const el of misbound) {
      const prefix = el.prefix!;
      const uri = namespaceOf(el, prefix);
      const decl = findDeclaration(el, prefix);
      const commandline = el.localName === 'commandline';
      const edit: TextEdit = decl ? fixer.replaceAttributeValue(decl, QEMU_NS) : fixer.setAttribute(domain, `xmlns:${prefix}`, QEMU_NS);
      context.report({
        at: el,
        ...(uri === undefined
          ? { messageId: commandline ? 'commandlineUndeclared' : 'elementUndeclared', data: { element: el.name, prefix } }
          : { messageId: commandline ? 'commandlineMisbound' : 'elementMisbound', data: { element: el.name, prefix, uri } }),
        fixes: [{ title: decl ? `Bind xmlns:${prefix} to ${QEMU_NS}` : `Declare xmlns:${prefix}='${QEMU_NS}' on <domain>`, safety: 'safe', edits: [edit] }],
      });
    }
  },
});

function findDeclaration(el: XmlElement, prefix: string) {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const a = e.attribute(`xmlns:${prefix}`);
    if (a) return a;
  }
  return undefined;
}
