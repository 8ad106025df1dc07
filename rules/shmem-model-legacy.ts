import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

const REFUSED = "; the QEMU driver refuses it: \"ivshmem device is no longer supported\". Add <model type='{{model}}'/>.";

export default defineRule({
  meta: {
    id: 'shmem-model-legacy',
    description: "<shmem> without <model type='ivshmem-plain'> (or with the legacy 'ivshmem' model) is refused by the QEMU driver",
    severity: 'error',
    category: 'correctness',
    fixable: 'safe',
    messages: {
      legacyModel: "<shmem name='{{name}}'> uses the legacy model 'ivshmem'" + REFUSED,
      noModel: "<shmem name='{{name}}'> has no <model>, so libvirt uses the legacy ivshmem model" + REFUSED,
    },
    docs: {
      whatItDoes:
        "Finds `<shmem>` devices with no `<model>` element, or with `<model type='ivshmem'/>`, in domains of the QEMU driver. It checks every `<shmem>`, Looking Glass's `<shmem name='looking-glass'>` and any other.",
      whyIsThisBad:
        "Without `<model>` libvirt uses the legacy `ivshmem` model, and the QEMU driver refuses that model when the domain is defined: \"ivshmem device is no longer supported\". QEMU itself removed the old `ivshmem` device in 4.0; its replacements are `ivshmem-plain` (shared memory only, what Looking Glass uses) and `ivshmem-doorbell` (with an ivshmem server and interrupts). Many Looking Glass guides written before libvirt 3.x omit the `<model>` line.",
      example: `<shmem name='looking-glass'>
  <size unit='M'>32</size>
</shmem>`,
      useInstead: `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      fixSafety:
        "Safe: inserts `<model type='ivshmem-plain'/>` as the first child (or `ivshmem-doorbell` when the device has a `<server>`, which libvirt requires for that model), or changes `type='ivshmem'` to that model. This is the only model libvirt accepts for such a device, so nothing else changes.",
      sources: [
        'libvirt src/conf/domain_conf.c virDomainShmemDefParseXML: no <model> means VIR_DOMAIN_SHMEM_MODEL_IVSHMEM (first enum value)',
        'libvirt 11.3 src/qemu/qemu_validate.c (shmem validation): "ivshmem device is no longer supported"',
        'libvirt src/qemu/qemu_postparse.c: ivshmem-doorbell requires <server>, ivshmem-plain forbids it',
        'QEMU docs/about/removed-features.rst: the ivshmem device was removed in 4.0',
        'Looking Glass doc/ivshmem_shm.rst (<shmem name=\'looking-glass\'><model type=\'ivshmem-plain\'/>...)',
      ],
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    for (const shmem of domain.select('devices/shmem')) {
      const model = shmem.child('model');
      const type = model?.attr('type');
      if (model && type !== undefined && type !== 'ivshmem') continue;
      const wanted = shmem.child('server') ? 'ivshmem-doorbell' : 'ivshmem-plain';
      const name = shmem.attr('name') ?? '';
      const typeAttr = model?.attribute('type');
      const edit = typeAttr ? fixer.replaceAttributeValue(typeAttr, wanted) : model ? fixer.setAttribute(model, 'type', wanted) : fixer.prependChild(shmem, `<model type='${wanted}'/>`);
      context.report({
        at: typeAttr ?? shmem,
        messageId: model ? 'legacyModel' : 'noModel',
        data: { name, model: wanted },
        fixes: [{ title: `Use <model type='${wanted}'/>`, safety: 'safe', edits: [edit] }],
      });
    }
  },
});
