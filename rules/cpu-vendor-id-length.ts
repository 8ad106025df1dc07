import { defineRule } from '#engine/rule.js';
import { lazy } from '#shared/memo.js';

/** VIR_CPU_VENDOR_ID_LENGTH (libvirt src/conf/cpu_conf.h); libvirt counts bytes (strlen). */
const LENGTH = 12;
/** Made on first use: most domains have no vendor_id. */
const encoder = lazy(() => new TextEncoder());

export default defineRule({
  meta: {
    id: 'cpu-vendor-id-length',
    description: '<cpu><model vendor_id> that is not exactly 12 characters or contains a comma',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      wrongLength:
        'CPU vendor_id \'{{value}}\' is {{length}} {{unit}} long: libvirt refuses it: "vendor_id must be exactly 12 characters long". ' +
        "Use a 12-character CPUID vendor string such as 'GenuineIntel' or 'AuthenticAMD', or remove the attribute. (The Hyper-V vendor ID is <features><hyperv><vendor_id>.)",
      comma: 'CPU vendor_id \'{{value}}\' contains a comma, which cannot be passed to QEMU: libvirt refuses it: "vendor id is invalid". Remove the comma.',
    },
    docs: {
      whatItDoes:
        "Reports `<cpu><model vendor_id='...'>` (the CPUID vendor string the guest sees, e.g. `GenuineIntel`) when it is not exactly 12 bytes long or contains a comma, for CPU modes where libvirt reads it (not `host-passthrough` or `maximum`).",
      whyIsThisBad:
        "The x86 CPUID vendor signature is exactly 12 bytes. libvirt refuses anything else: \"vendor_id must be exactly 12 characters long\", and refuses a comma, which would break the QEMU `-cpu` option: \"vendor id is invalid\". This is not the Hyper-V `<vendor_id>` (which may be shorter); the two are often confused.",
      example: `<cpu mode='custom' match='exact' check='partial'>
  <model fallback='allow' vendor_id='KVMKVMKVM'>Skylake-Client</model>
</cpu>`,
      useInstead: `<cpu mode='custom' match='exact' check='partial'>
  <model fallback='allow' vendor_id='GenuineIntel'>Skylake-Client</model>
</cpu>`,
      fixSafety: 'No fix: the vendor string is visible to the guest and only you know which one it should see.',
      sources: [
        'libvirt src/conf/cpu_conf.c virCPUDefParseXML: "vendor_id must be exactly %1$d characters long", "vendor id is invalid" (checked for guest CPUs whose mode is not host-passthrough or maximum); VIR_CPU_VENDOR_ID_LENGTH 12',
        'libvirt docs/formatdomain.rst "CPU model and topology" (model vendor_id, since 0.10.0)',
      ],
      notes: 'libvirt ignores `vendor_id` for `host-passthrough` and `maximum` CPUs without checking it; virt-lint does the same.',
    },
  },
  create(context) {
    const { domain } = context;
    const cpu = domain.child('cpu');
    if (!cpu) return;
    const mode = cpu.attr('mode') ?? 'custom';
    if (mode === 'host-passthrough' || mode === 'maximum') return;
    const vendor = cpu.child('model')?.attribute('vendor_id');
    if (!vendor) return;
    const bytes = encoder().encode(vendor.value).length;
    if (bytes !== LENGTH) {
      const unit = bytes === vendor.value.length ? 'characters' : 'bytes';
      context.report({ at: vendor, messageId: 'wrongLength', data: { value: vendor.value, length: bytes, unit } });
    } else if (vendor.value.includes(',')) {
      context.report({ at: vendor, messageId: 'comma', data: { value: vendor.value } });
    }
  },
});
