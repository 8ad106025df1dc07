import { versionBelow } from '#engine/version.js';
import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { featureSites, libvirtFeatures, type FeatureSite, type LibvirtFeature } from '#domain/libvirt-features.js';
import type { XmlElement } from '#engine/tree.js';
import { tooNewFor, type TooNew } from '#schema/versions.js';
import { tagLabel } from '#schema/describe.js';
import { NEWEST_SCHEMA, SCHEMA_VERSIONS } from '#schema/index.js';
import type { RuleContext } from '#engine/rule.js';

const NEEDS = '{{what}} needs libvirt {{since}} or newer; libvirt {{libvirt}}';
const UPGRADE = 'Upgrade libvirt to {{since}} or later, or remove it.';
const GRAMMAR = "not in libvirt {{libvirt}}'s grammar (added after {{after}}, present in {{present}})";
const UPGRADE_TO = 'Upgrade libvirt ({{present}} has it), or remove it.';

export default defineRule({
  meta: {
    id: 'libvirt-feature-too-new',
    description: "Element, attribute or value newer than the host's libvirt (refused, or silently dropped at define time)",
    severity: 'warning',
    category: 'compatibility',
    fixable: false,
    requires: { libvirt: '*' },
    messages: {
      refused: `${NEEDS} does not know it and refuses to define the domain. ${UPGRADE}`,
      refusedNote: `${NEEDS} does not know it and refuses to define the domain. {{note}} ${UPGRADE}`,
      refusedQuoted: `${NEEDS} does not know it and refuses to define the domain (libvirt 9.0.0 reports "{{says}}"). ${UPGRADE}`,
      refusedQuotedNote: `${NEEDS} does not know it and refuses to define the domain (libvirt 9.0.0 reports "{{says}}"). {{note}} ${UPGRADE}`,
      dropped: `${NEEDS} silently drops it when the domain is defined, so {{consequence}}. ${UPGRADE}`,
      grammarElement: `<{{name}}> in {{parent}} is ${GRAMMAR}: libvirt {{libvirt}} ignores it when the domain is defined, so this setting would be lost. ${UPGRADE_TO}`,
      grammarAttribute: `'{{name}}' on {{element}} is ${GRAMMAR}: libvirt {{libvirt}} ignores it when the domain is defined, so this setting would be lost. ${UPGRADE_TO}`,
      grammarValue: `'{{value}}' for '{{name}}' on {{element}} is ${GRAMMAR}: {{consequence}}. ${UPGRADE_TO}`,
      grammarText: `'{{value}}' in {{element}} is ${GRAMMAR}: {{consequence}}. ${UPGRADE_TO}`,
    },
    docs: {
      whatItDoes:
        "Compares the domain with libvirt's grammar of the host's release (the schemas of libvirt " +
        SCHEMA_VERSIONS.join(', ') +
        ' are built in) and reports every element, attribute and value that release does not have, with the releases between which it appeared. ' +
        "Where a table of hand-checked versions has the feature, its exact version wins: it looks up every element, attribute and value of a table of " +
        `${libvirtFeatures().length} entries (the libvirt release that introduced each, from libvirt's NEWS and formatdomain docs) and reports the ones the host's libvirt is too old for: ` +
        "for example `<audio>` (7.2), `<os firmware='efi'>` (5.2), `<audio type='pipewire'>` (9.10), `<sound model='virtio'>` (10.4), `<topology clusters>` (10.1), Hyper-V `<avic>` (8.10), `<emsr_bitmap>`/`<xmm_input>` (10.7), `<tlbflush><direct/>` (11.0), `<hyperv mode='host-model'>` (11.9), `<spinlocks>` without `retries` (11.9), `<input type='evdev'>` (7.4).",
      whyIsThisBad:
        "A libvirt that does not know a new value, or a new child of strictly parsed elements such as `<hyperv>`, `<kvm>` or `<features>`, refuses the domain. A libvirt that does not know a new element or attribute elsewhere silently drops it at define time: `virsh define` succeeds and the VM lacks the setting (no UEFI, no audio backend, a different CPU topology...). Both happen when an XML from a newer host or a recent guide is used on an older distribution. Entries whose loss makes the domain unbootable or refused are errors; lost tuning is a warning.",
      example: `<sound model='virtio'/>
<audio id='1' type='pipewire'/>   <!-- host runs libvirt 9.0.0 -->`,
      useInstead: `<sound model='ich9'/>
<audio id='1' type='pulseaudio'/>`,
      fixSafety: 'No fix: upgrade libvirt, or replace the feature with what the host supports.',
      sources: [
        'libvirt NEWS.rst (releases 5.6.0 to 12.5.0) and docs/formatdomain.rst :since: markers; each table entry names its own source',
        ...libvirtFeatures().map((e) => `${e.what}: ${e.source}`),
      ],
      notes:
        "Grammars only grow, so a part missing from the grammar of a shipped release S is missing from every release up to S: it is reported for a host at or below S, as \"added after S, present in T\" (T the first shipped release that has it). For a host between two shipped releases, parts added between them are not reported: whether that host has them is not known. Structure is checked against the newest grammar (" +
        NEWEST_SCHEMA +
        ') by the schema rules; this rule only adds what is too new. ' +
        "Whether an older libvirt refuses or drops a feature follows from how its parser reads that spot (strict enums and strictly parsed feature lists refuse, other unknown XML is ignored); the wording quoted in messages is what libvirt 9.0.0 (Debian 12) reported for the corpus files (libvirt-verdicts-9.0.0.tsv); other releases may word it differently, and entries without an observed message quote none. `virsh define --validate` fails on all of them with a schema error instead. Features that need a minimum QEMU as well (virtio sound: QEMU 8.2) are only mentioned, not checked against the QEMU version. `clusters='1'` and `dies='1'` are not reported: dropping them changes nothing.",
    },
  },
  create(context) {
    const { domain, host } = context;
    if (!host.libvirt) return;
    const libvirt = host.libvirt.version;
    const older = (v: string) => versionBelow(libvirt, v);
    const qemu = isQemuDomain(domain);
    for (const entry of libvirtFeatures()) {
      if (entry.qemuOnly && !qemu) continue;
      if (!older(entry.since) || (entry.after && older(entry.after))) continue;
      for (const at of featureSites(entry, domain)) {
        const base = { what: entry.what, since: entry.since, libvirt };
        if (entry.effect === 'dropped') {
          context.report({ at, severity: entry.severity, messageId: 'dropped', data: { ...base, consequence: entry.consequence ?? '' } });
          continue;
        }
        const says = typeof entry.says === 'function' ? entry.says(at) : entry.says;
        const note = entry.consequence;
        const messageId = says ? (note ? 'refusedQuotedNote' : 'refusedQuoted') : note ? 'refusedNote' : 'refused';
        context.report({ at, severity: entry.severity, messageId, data: { ...base, ...(says ? { says } : {}), ...(note ? { note } : {}) } });
      }
    }

    // Everything else the host's grammar lacks. What the table is about is the
    // table's, whatever it decided (clusters='1' is dropped harmlessly: not reported).
    const gaps = tooNewFor(context.doc, libvirt);
    if (!gaps.length) return;
    const tabled = new Set<FeatureSite>(libvirtFeatures().flatMap((entry) => tableScope(entry, domain)));
    for (const t of gaps) {
      if (t.attribute ? tabled.has(t.attribute) : tabled.has(t.element)) continue;
      reportGrammarGap(context, t, libvirt);
    }
  },
});

/** Everything a table row is about: its sites whatever their value or condition (a `find` row: what it finds). */
function tableScope(row: LibvirtFeature, domain: XmlElement): readonly FeatureSite[] {
  if (row.find) return row.find(domain);
  const elements = row.path ? domain.select(row.path) : [domain];
  if (!row.attribute) return elements;
  return elements.flatMap((el) => el.attributes.filter((a) => a.name === row.attribute));
}

function reportGrammarGap(context: RuleContext<unknown, 'grammarElement' | 'grammarAttribute' | 'grammarValue' | 'grammarText'>, t: TooNew, libvirt: string): void {
  const { element: el, attribute: a, after, present } = t;
  const range = { libvirt, after, present };
  const refuses = `libvirt ${libvirt} refuses values it does not know`;
  const nameRange = { start: el.startTag.start + 1, end: el.startTag.start + 1 + el.name.length };
  // An unknown element or attribute is ignored (the setting is lost), an unknown value refused: both errors.
  switch (t.kind) {
    case 'element':
      context.report({ at: nameRange, severity: 'error', messageId: 'grammarElement', data: { ...range, name: el.name, parent: el.parent ? tagLabel(el.parent) : 'the document' } });
      break;
    case 'attribute':
      context.report({ at: a!.nameRange, severity: 'error', messageId: 'grammarAttribute', data: { ...range, name: a!.name, element: tagLabel(el) } });
      break;
    case 'value':
      context.report({ at: a!.valueRange, severity: 'error', messageId: 'grammarValue', data: { ...range, value: a!.value, name: a!.name, element: tagLabel(el), consequence: refuses } });
      break;
    case 'text':
      context.report({ at: el.textRange(), severity: 'error', messageId: 'grammarText', data: { ...range, value: el.text(), element: tagLabel(el), consequence: refuses } });
      break;
  }
}
