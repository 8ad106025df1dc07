import { defineRule } from '#engine/rule.js';
import { elementNamespace, QEMU_NS, qemuCommandlines } from '#domain/namespaces.js';

export default defineRule({
  meta: {
    id: 'qemu-commandline-present',
    description: '<qemu:commandline> passes raw arguments past libvirt: the domain is tainted and they bypass its validation and security labelling',
    severity: 'info',
    category: 'security',
    fixable: false,
    messages: {
      rawArguments:
        '<{{element}}> passes {{counts}} to QEMU: libvirt taints the domain (custom-argv) and does not validate them or grant SELinux/AppArmor/cgroup access to files they use. Prefer native libvirt XML where it exists.',
    },
    docs: {
      whatItDoes: 'Reports every `<qemu:commandline>` block that holds at least one `<qemu:arg>` or `<qemu:env>`.',
      whyIsThisBad:
        "libvirt hands these arguments to QEMU unchecked and marks the domain tainted (custom-argv), which bug reports ask about. It does not label, allow in the cgroup or add to the AppArmor profile any file they name, which is why KVMFR (/dev/kvmfr0) or evdev devices need manual AppArmor and cgroup_device_acl changes. Where libvirt has native XML (`<shmem>` for IVSHMEM, `<input type='evdev'>` since 7.4, `<audio>` since 7.2), prefer it; upgrades check it and it survives `virsh edit`.",
      example: `<qemu:commandline>
  <qemu:arg value='-object'/>
  <qemu:arg value='input-linux,id=kbd1,evdev=/dev/input/by-id/usb-Keyboard-event-kbd,grab_all=on,repeat=on'/>
</qemu:commandline>`,
      useInstead: `<input type='evdev'>
  <source dev='/dev/input/by-id/usb-Keyboard-event-kbd' grab='all' repeat='on'/>
</input>`,
      fixSafety: 'No automatic fix: each argument needs its own native equivalent, when one exists.',
      sources: [
        'libvirt src/qemu/qemu_domain.c (qemuDomainObjCheckTaint: VIR_DOMAIN_TAINT_CUSTOM_ARGV for qemu:commandline)',
        'libvirt docs/drvqemu.rst "Pass-through of arbitrary qemu commands"',
        'Looking Glass doc/ivshmem_kvmfr.rst ("Running libvirt this way violates AppArmor and cgroups policies")',
      ],
    },
  },
  create(context) {
    for (const cl of qemuCommandlines(context.domain)) {
      // libvirt reads qemu:arg and qemu:env by namespace; an <arg> in no namespace is skipped.
      const inQemuNs = (name: string) => cl.elements.filter((e) => e.localName === name && elementNamespace(e) === QEMU_NS).length;
      const args = inQemuNs('arg');
      const envs = inQemuNs('env');
      if (args + envs === 0) continue;
      const what = [
        args ? `${args} argument${args === 1 ? '' : 's'}` : '',
        envs ? `${envs} environment variable${envs === 1 ? '' : 's'}` : '',
      ].filter(Boolean).join(' and ');
      context.report({ at: cl, messageId: 'rawArguments', data: { element: cl.name, counts: what } });
    }
  },
});
