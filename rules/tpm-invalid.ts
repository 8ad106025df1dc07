import { defineRule } from '#engine/rule.js';
import { archOf, isQemuDomain } from '#domain/machine.js';

/** The common tail of every message: libvirt's own words. */
const refuses = (libvirt: string) => `: libvirt refuses it: "${libvirt}".`;

export default defineRule({
  meta: {
    id: 'tpm-invalid',
    description: 'A <tpm> libvirt refuses: no backend, a second TPM, or TPM 1.2 with tpm-crb, the SPAPR model or on ARM',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      missingBackend: "The TPM has no <backend> (type 'emulator' for swtpm, or 'passthrough')" + refuses('missing TPM device backend'),
      secondProxy: 'A second TPM proxy device' + refuses('only a single TPM Proxy device is supported'),
      secondTpm: 'A guest has one TPM, and this is the second' + refuses('only a single TPM non-proxy device is supported'),
      crbNeedsTpm2: 'The CRB interface exists only for TPM 2.0' + refuses("Unsupported interface 'tpm-crb' for TPM 1.2"),
      spaprNeedsTpm2: 'The SPAPR TPM model exists only for TPM 2.0' + refuses('TPM 1.2 is not supported with the SPAPR device model'),
      archNeedsTpm2: '{{arch}} guests can only have a TPM 2.0' + refuses("TPM 1.2 is not supported on architecture '{{arch}}'"),
    },
    docs: {
      whatItDoes:
        "Reports `<tpm>` without `<backend>`; (QEMU driver) a second TPM (or a second `spapr-tpm-proxy`); and an emulated TPM with `version='1.2'` on model `tpm-crb` or `tpm-spapr`, or on ARM.",
      whyIsThisBad:
        'Windows 11 needs a TPM 2.0; the CRB interface only exists for TPM 2.0, and a guest has one TPM. `virsh define` fails with "missing TPM device backend", "only a single TPM non-proxy device is supported", "Unsupported interface \'tpm-crb\' for TPM 1.2" or "TPM 1.2 is not supported on architecture \'aarch64\'". Old guides show `version=\'1.2\'` for swtpm; with `tpm-crb` that does not work.',
      example: `<tpm model='tpm-crb'>
  <backend type='emulator' version='1.2'/>
</tpm>`,
      useInstead: `<tpm model='tpm-crb'>
  <backend type='emulator' version='2.0'/>
</tpm>`,
      fixSafety:
        "A suggestion for `tpm-crb` with `version='1.2'` (not applied by `--fix`): it sets `version='2.0'`, the only version that interface exists for; the guest then gets a new, empty TPM 2.0. The file names two settings that cannot both hold, and keeping TPM 1.2 on `tpm-tis` is the other way out, so which one wins is yours to decide (Windows 11 needs 2.0).",
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c (TPM parsing): "missing TPM device backend"',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefTPMs: "only a single TPM non-proxy device is supported", "only a single TPM Proxy device is supported"; qemuValidateDomainDeviceDefTPM: "Unsupported interface \'%1$s\' for TPM 1.2", "TPM 1.2 is not supported with the SPAPR device model"',
        'libvirt tests qemuxmlconfdata/tpm-no-backend-invalid.xml, ppc64-tpm-double.xml, ppc64-tpmproxy-double.xml, aarch64-tpm-wrong-model.xml ("TPM 1.2 is not supported on architecture \'aarch64\'")',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    const qemu = isQemuDomain(domain);
    let regular = 0;
    let proxy = 0;
    for (const tpm of domain.select('devices/tpm')) {
      const model = tpm.attr('model') ?? '';
      const backend = tpm.child('backend');
      if (!backend) {
        context.report({ at: tpm, messageId: 'missingBackend' });
        continue;
      }
      if (!qemu) continue;
      if (model === 'spapr-tpm-proxy') {
        if (proxy++ > 0) context.report({ at: tpm, messageId: 'secondProxy' });
      } else if (regular++ > 0) {
        context.report({ at: tpm, messageId: 'secondTpm' });
      }
      const version = backend.attribute('version');
      if (backend.attr('type') !== 'emulator' || version?.value !== '1.2') continue;
      const arch = archOf(domain) ?? '';
      if (model === 'tpm-crb') {
        context.report({
          at: version,
          messageId: 'crbNeedsTpm2',
          fixes: [{ title: "Set version='2.0'", safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(version, '2.0')] }],
        });
      } else if (model === 'tpm-spapr') {
        context.report({ at: version, messageId: 'spaprNeedsTpm2' });
      } else if (/^(aarch64|armv[67]l)$/.test(arch)) {
        context.report({ at: version, messageId: 'archNeedsTpm2', data: { arch } });
      }
    }
  },
});
