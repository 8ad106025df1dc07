import { defineRule } from '#engine/rule.js';
import type { Fix } from '#engine/edit.js';

/** VIR_DOMAIN_HYPERV_VENDOR_ID_MAX (libvirt src/conf/domain_conf.h); libvirt counts bytes (strlen). */
const MAX = 12;

/** The tail of both too-long messages: libvirt's words and a value that fits. */
const TOO_LONG = ' long: libvirt refuses it: "HyperV vendor_id value must not be more than 12 characters." ' + "Use at most 12 characters, e.g. '{{truncated}}'.";

export default defineRule({
  meta: {
    id: 'hyperv-vendor-id-too-long',
    description: 'Hyper-V <vendor_id> value longer than 12 characters or containing a comma',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      missingValue:
        "<vendor_id state='on'> has no value: libvirt refuses it: \"missing 'value' attribute for HyperV feature 'vendor_id'\". " +
        "Add a value of at most 12 characters (e.g. value='1234567890ab') or set state='off'.",
      tooManyCharacters: "Hyper-V vendor_id '{{value}}' is {{length}} characters" + TOO_LONG,
      tooManyBytes: "Hyper-V vendor_id '{{value}}' is {{length}} bytes" + TOO_LONG,
      comma: "Hyper-V vendor_id '{{value}}' contains a comma, which cannot be passed to QEMU: libvirt refuses it: \"HyperV vendor_id value is invalid\". Remove the comma.",
    },
    docs: {
      whatItDoes:
        "Reports `<features><hyperv><vendor_id state='on' value='...'/>` whose value is longer than 12 bytes or contains a comma, or that has no `value` at all.",
      whyIsThisBad:
        "The Hyper-V vendor ID is a 12-byte CPUID signature (GPU-passthrough guides set it to hide the hypervisor from old NVIDIA drivers). libvirt refuses a longer value (\"HyperV vendor_id value must not be more than 12 characters.\") and a comma, which would break the QEMU `-cpu` option (\"HyperV vendor_id value is invalid\"); a missing value is refused too (\"missing 'value' attribute for HyperV feature 'vendor_id'\"). Guides often use 13- or 14-character strings such as `1234567890abcd`.",
      example: `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vendor_id state='on' value='1234567890abcd'/>
</hyperv>`,
      useInstead: `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vendor_id state='on' value='1234567890ab'/>
</hyperv>`,
      fixSafety:
        'Suggestion only: truncate the value to its first 12 bytes (or drop the commas). The guest then sees a different vendor string than the one you wrote, which matters if software in the guest compares it.',
      sources: [
        "libvirt 11.3 src/conf/domain_conf.c (Hyper-V features parser): \"HyperV vendor_id value must not be more than %1$d characters.\", \"HyperV vendor_id value is invalid\", \"missing 'value' attribute for HyperV feature 'vendor_id'\"; src/conf/domain_conf.h VIR_DOMAIN_HYPERV_VENDOR_ID_MAX 12",
        'libvirt docs/formatdomain.rst "Hypervisor features": vendor_id "value - string, up to 12 characters", since 1.3.3 (QEMU 2.5)',
        'QEMU docs/system/i386/hyperv.rst "hv-vendor-id": should be no longer than 12 characters',
      ],
      notes:
        "Only `state='on'` is checked: libvirt reads the value only then. libvirt 11.0 and later ignore the feature list under `<hyperv mode='passthrough'>`, so it is not checked there. The messages were read from libvirt 11.3's domain_conf.c as recorded in the project's research notes.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const hyperv = domain.first('features/hyperv');
    if (!hyperv || hyperv.attr('mode') === 'passthrough') return;
    for (const vendor of hyperv.childrenNamed('vendor_id')) {
      if (vendor.attr('state') !== 'on') continue;
      const value = vendor.attribute('value');
      if (!value) {
        context.report({
          at: vendor,
          messageId: 'missingValue',
        });
        continue;
      }
      const bytes = utf8Length(value.value);
      if (bytes > MAX) {
        const truncated = truncateBytes(value.value, MAX);
        context.report({
          at: value,
          messageId: bytes === value.value.length ? 'tooManyCharacters' : 'tooManyBytes',
          data: { value: value.value, length: bytes, truncated },
          fixes: [{ title: `Truncate the vendor_id to '${truncated}'`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(value, truncated)] } satisfies Fix],
        });
      } else if (value.value.includes(',')) {
        const cleaned = value.value.replace(/,/g, '');
        context.report({
          at: value,
          messageId: 'comma',
          data: { value: value.value },
          fixes: cleaned ? [{ title: `Remove the commas ('${cleaned}')`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(value, cleaned)] }] : [],
        });
      }
    }
  },
});

const encoder = new TextEncoder();

function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** The longest prefix of `s` whose UTF-8 encoding fits in `max` bytes. */
function truncateBytes(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (utf8Length(out + ch) > max) break;
    out += ch;
  }
  return out;
}
