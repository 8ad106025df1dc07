import { defineRule } from '#engine/rule.js';
import { NOT_WELL_FORMED_MESSAGES } from '#engine/diagnostic.js';

/**
 * Reported by the engine itself, before any rule runs: a file that is not
 * well-formed XML has no tree to check. The module exists so the id has docs,
 * a `--list-rules` entry and a SARIF rule entry like every other; its
 * messages are the ones the engine renders (NOT_WELL_FORMED_MESSAGES).
 */
export default defineRule({
  meta: {
    id: 'xml-not-well-formed',
    description: 'The file is not well-formed XML (or is empty, or not text); nothing else is checked',
    severity: 'error',
    category: 'meta',
    fixable: false,
    messages: NOT_WELL_FORMED_MESSAGES,
    docs: {
      whatItDoes:
        'Reports the first well-formedness error in the file (an unclosed or mismatched tag, a repeated attribute, an unescaped `&` or `<`, text or a second element after the root, an undefined entity, an empty file, binary data) at its line and column.',
      whyIsThisBad:
        'libvirt parses domain XML with libxml2 and refuses a document that is not well-formed (`virsh define` fails with an XML error). No other check can run on such a file, so virt-lint reports only this.',
      example: `<domain type='kvm'>
  <name>win11</name>
  <devices>
    <disk type='file' device='disk'>
  </devices>
</domain>`,
      useInstead: `<domain type='kvm'>
  <name>win11</name>
  <devices>
    <disk type='file' device='disk'/>
  </devices>
</domain>`,
      fixSafety: 'No fix: the intended structure cannot be guessed.',
      sources: ['W3C XML 1.0 (Fifth Edition), section 2.1 "Well-Formed XML Documents"', 'libvirt src/util/virxml.c: domain XML is parsed with libxml2 and rejected when parsing fails'],
    },
  },
  create() {
    // The engine reports this before rules run.
  },
});
