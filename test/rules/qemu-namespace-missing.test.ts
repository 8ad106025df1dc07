import rule from '#rules/qemu-namespace-missing.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const BLOCK = `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
</qemu:commandline>`;
const CAPABILITIES = `<qemu:capabilities>\n  <qemu:del capability='usb-host.hostdevice'/>\n</qemu:capabilities>`;
const QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';
const NS = `xmlns:qemu='${QEMU_NS}'`;
const OLD_URI = `xmlns:qemu='${QEMU_NS}/'`;

const undeclared = domain('', { extra: BLOCK });
const declareOnDomain = (xml: string) => xml.replace("<domain type='kvm'>", `<domain type='kvm' ${NS}>`);
const misbound = domain('', { rootAttrs: ` ${OLD_URI}`, extra: BLOCK });
const capabilities = domain('', { extra: CAPABILITIES });
const misboundCapabilities = domain('', { rootAttrs: ` ${OLD_URI}`, extra: CAPABILITIES });

testRule(rule, {
  valid: [
    { name: 'the namespace declared on <domain> (what --fix writes)', xml: declareOnDomain(undeclared) },
    { name: 'the namespace declared on the element itself', xml: domain('', { extra: BLOCK.replace('<qemu:commandline>', `<qemu:commandline ${NS}>`) }) },
    { name: 'another prefix bound to the QEMU namespace', xml: domain('', { rootAttrs: ` xmlns:q='${QEMU_NS}'`, extra: BLOCK.replace(/qemu:/g, 'q:') }) },
  ],
  invalid: [
    {
      name: 'qemu:commandline with an undeclared prefix, at its start tag; --fix declares the namespace on <domain>',
      xml: undeclared,
      errors: [
        {
          messageId: 'commandlineUndeclared',
          data: { element: 'qemu:commandline', prefix: 'qemu' },
          line: 26,
          column: 3,
          endLine: 26,
          endColumn: 21,
          severity: 'error',
          message:
            "<qemu:commandline> is in an undeclared 'qemu' namespace, not libvirt's QEMU namespace: libvirt silently drops it when the domain is defined, so none of its arguments reach QEMU. Add xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' to <domain>.",
        },
      ],
      output: declareOnDomain(undeclared),
    },
    {
      name: 'a prefix bound to another URI (a typo, an old URL): --fix corrects the URI',
      xml: misbound,
      errors: [
        {
          messageId: 'commandlineMisbound',
          data: { element: 'qemu:commandline', prefix: 'qemu', uri: `${QEMU_NS}/` },
          line: 26,
          column: 3,
          message:
            "<qemu:commandline> is in namespace 'http://libvirt.org/schemas/domain/qemu/1.0/', not libvirt's QEMU namespace: libvirt silently drops it when the domain is defined, so none of its arguments reach QEMU. Add xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' to <domain>.",
        },
      ],
      output: misbound.replace(OLD_URI, NS),
    },
    {
      name: 'qemu:capabilities with an undeclared prefix',
      xml: capabilities,
      errors: [
        {
          messageId: 'elementUndeclared',
          data: { element: 'qemu:capabilities', prefix: 'qemu' },
          line: 26,
          column: 3,
          message:
            "<qemu:capabilities> is in an undeclared 'qemu' namespace, not libvirt's QEMU namespace: libvirt silently drops it when the domain is defined, so it has no effect. Add xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' to <domain>.",
        },
      ],
      output: declareOnDomain(capabilities),
    },
    {
      name: 'qemu:capabilities in another namespace',
      xml: misboundCapabilities,
      errors: [{ messageId: 'elementMisbound', data: { element: 'qemu:capabilities', prefix: 'qemu', uri: `${QEMU_NS}/` }, line: 26, column: 3 }],
      output: misboundCapabilities.replace(OLD_URI, NS),
    },
  ],
});
