import { defineRule } from '#engine/rule.js';

const CONFINEMENT_OFF =
  " confinement of this VM's QEMU process: a guest escaping QEMU is no longer limited to its own resources. Remove it and grant the specific access QEMU needs instead.";

export default defineRule({
  meta: {
    id: 'seclabel-none',
    description: "<seclabel type='none'> turns off SELinux/AppArmor confinement of the VM's QEMU process",
    severity: 'warning',
    category: 'security',
    fixable: false,
    messages: {
      confinementOff: "<seclabel type='none'> disables sVirt (SELinux/AppArmor)" + CONFINEMENT_OFF,
      modelConfinementOff: "<seclabel type='none' model='{{model}}'> disables {{driver}}" + CONFINEMENT_OFF,
    },
    docs: {
      whatItDoes:
        "Reports a top-level `<seclabel type='none'>` whose model is a confinement driver (`selinux`, `apparmor`) or not given (all drivers). `<seclabel type='none' model='none'/>`, which libvirt writes when the host has no security driver at all, and `model='dac'` are not reported.",
      whyIsThisBad:
        "libvirt confines each QEMU process with sVirt (SELinux or AppArmor) so that a guest that breaks out of QEMU can only reach its own disks and devices. `type='none'` is the mode \"where confinement is disabled\": a compromised QEMU can then read other VMs' images and whatever the QEMU user may read. It is often pasted from guides as a shortcut past permission errors (a passed-through ROM file, /dev/kvmfr0); fixing the label or the AppArmor abstraction is the better cure.",
      example: `<seclabel type='none'/>`,
      useInstead: `<!-- Remove the element (libvirt uses the host's default, dynamic labelling),
     and grant the specific access QEMU needs, e.g. for KVMFR in
     /etc/apparmor.d/local/abstractions/libvirt-qemu:  /dev/kvmfr0 rw, -->`,
      fixSafety: 'No automatic fix: removing it may bring back the permission error it was added to hide; fix that first.',
      sources: [
        'libvirt docs/formatdomain.rst "Security label" (dynamic, static, or none "where confinement is disabled")',
        'Looking Glass doc/ivshmem_kvmfr.rst "AppArmor" (the targeted permission for /dev/kvmfr0)',
      ],
      notes: "model='none' means the host runs libvirt without any security driver; that is a host setting the XML cannot change, so it is not reported.",
    },
  },
  create(context) {
    for (const seclabel of context.domain.childrenNamed('seclabel')) {
      if (seclabel.attr('type') !== 'none') continue;
      const model = seclabel.attr('model');
      if (model === 'none' || model === 'dac') continue;
      const at = seclabel.attribute('type')!;
      if (!model) {
        context.report({ at, messageId: 'confinementOff' });
        continue;
      }
      const driver = model === 'selinux' ? 'SELinux' : model === 'apparmor' ? 'AppArmor' : `'${model}'`;
      context.report({ at, messageId: 'modelConfinementOff', data: { model, driver } });
    }
  },
});
