/**
 * Where a hand-written rule already reports what a schema rule finds, the
 * hand-written one speaks: it quotes libvirt's own message and knows more
 * (a <disk> without <target>, a PCI bus above 0xff). Not a rule: the schema
 * rules ask it whether to stay silent.
 *
 * A schema finding is left to another rule when that rule, run on the same
 * document, reports within the finding's element. The rules named here are
 * the ones that overlap on libvirt's corpus (see the schema rules' docs);
 * each is run at most once per document, and only when a finding might be
 * theirs.
 */
import type { Rule, RuleContext } from '#engine/rule.js';
import type { Range } from '#engine/source.js';
import type { XmlDocument } from '#engine/tree.js';
import type { SchemaFinding } from '#schema/index.js';
import bootTimeoutOutOfRange from '../boot-timeout-out-of-range.js';
import diskAuthEncryptionInvalid from '../disk-auth-encryption-invalid.js';
import diskLunSourceInvalid from '../disk-lun-source-invalid.js';
import diskTargetInvalid from '../disk-target-invalid.js';
import hostdevScsiOptionInvalid from '../hostdev-scsi-option-invalid.js';
import macAddressMulticast from '../mac-address-multicast.js';
import mdevHostdevInvalid from '../mdev-hostdev-invalid.js';
import pciAddressOutOfRange from '../pci-address-out-of-range.js';
import tpmInvalid from '../tpm-invalid.js';

interface Overlap {
  rule: Rule;
  /** A cheap test: could this finding be the rule's? */
  mayCover(f: SchemaFinding): boolean;
  /**
   * 'attribute' (the default): the rule covers a finding on an attribute when it
   * reports at that attribute; 'element': when it reports anywhere in the
   * element (its attributes are one combination, as device='lun' with type='file').
   */
  scope?: 'element';
}

const named = (f: SchemaFinding, ...names: string[]) => names.includes(f.element.name);

const OVERLAPS: Overlap[] = [
  { rule: diskTargetInvalid, mayCover: (f) => (f.kind === 'missing-required' && named(f, 'disk', 'target')) || (f.kind === 'invalid-value' && named(f, 'target')) },
  { rule: tpmInvalid, mayCover: (f) => named(f, 'tpm', 'backend') },
  { rule: diskAuthEncryptionInvalid, mayCover: (f) => named(f, 'auth', 'secret', 'encryption') },
  { rule: mdevHostdevInvalid, mayCover: (f) => named(f, 'hostdev', 'address', 'source') },
  { rule: bootTimeoutOutOfRange, mayCover: (f) => named(f, 'bootmenu') },
  { rule: pciAddressOutOfRange, mayCover: (f) => f.kind === 'invalid-value' && named(f, 'address') },
  { rule: diskLunSourceInvalid, mayCover: (f) => named(f, 'disk', 'source', 'driver'), scope: 'element' },
  { rule: hostdevScsiOptionInvalid, mayCover: (f) => named(f, 'hostdev') },
  { rule: macAddressMulticast, mayCover: (f) => f.kind === 'invalid-value' && named(f, 'mac') },
];

const reported = new WeakMap<XmlDocument, Map<Rule, Range[]>>();

/** Where `rule` reports on this document (its ranges), computed once per document. */
function reportsOf(context: RuleContext, rule: Rule): Range[] {
  let byRule = reported.get(context.doc);
  if (!byRule) reported.set(context.doc, (byRule = new Map()));
  let ranges = byRule.get(rule);
  if (!ranges) {
    const out: Range[] = [];
    const schema = rule.meta.options;
    rule.create({
      doc: context.doc,
      domain: context.domain,
      host: context.host,
      fixer: context.fixer,
      options: schema ? schema.parse({}) : {},
      report: (d) => {
        const at = d.at;
        out.push('kind' in at ? at.range : 'valueRange' in at ? at.range : at);
      },
    });
    byRule.set(rule, (ranges = out));
  }
  return ranges;
}

/** Whether another rule already reports this finding's problem (at its attribute, or within its element). */
export function reportedElsewhere(context: RuleContext, f: SchemaFinding): boolean {
  const attribute = 'attribute' in f ? f.attribute : undefined;
  return OVERLAPS.some((o) => {
    if (!o.mayCover(f)) return false;
    const { start, end } = attribute && o.scope !== 'element' ? attribute.range : f.element.range;
    return reportsOf(context, o.rule).some((r) => r.start < end && r.end > start);
  });
}
