import { defineRule } from '#engine/rule.js';
import { aliasFix, hostMachine, LIBVIRT_NO_MACHINE, machineData } from '#domain/host-machine.js';
import { MACHINE_TYPE_SOURCES } from '#domain/qemu-caps.js';

export default defineRule({
  meta: {
    id: 'machine-type-newer-than-host',
    description: 'Machine type newer than the host QEMU (pc-q35-X.Y, pc-i440fx-X.Y, virt-X.Y, pseries-X.Y, s390-ccw-virtio-X.Y, microvm)',
    severity: 'error',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '*' },
    messages: {
      newer: `Machine type '{{machine}}' needs QEMU {{needs}} or newer, but the host runs QEMU {{qemu}}: ${LIBVIRT_NO_MACHINE}. The newest {{family}} type on this host is '{{newest}}' (alias '{{alias}}').`,
      newerUnversioned: `Machine type '{{machine}}' first appears in QEMU {{needs}}, but the host runs QEMU {{qemu}}: ${LIBVIRT_NO_MACHINE}.`,
    },
    docs: {
      whatItDoes:
        "Reports a machine type in `<type machine>` that the host's QEMU release does not have yet: a versioned type (`pc-q35-10.1`, `pc-i440fx-9.2`, `virt-9.0`, `pseries-8.2`, `s390-ccw-virtio-9.1`) pins the release that added it (QEMU X.Y registers versioned machines up to X.Y; `pc-q35-4.0.1` came with the stable release 4.0.1), and the per-release data says when an unversioned one appeared (`microvm`: QEMU 4.2). A development snapshot (X.Y.50 and later) already has the next release's machines. A versioned name no QEMU release has (`pc-q35-8.3`) is `machine-type-removed`'s.",
      whyIsThisBad:
        "libvirt writes the exact machine version into the XML at define time (`q35` becomes `pc-q35-10.1`), so an XML dumped on a newer host pins a machine type an older QEMU lacks. libvirt then refuses the domain: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-10.1'\".",
      example: `<type arch='x86_64' machine='pc-q35-10.1'>hvm</type>   <!-- host runs QEMU 9.2 -->`,
      useInstead: `<type arch='x86_64' machine='pc-q35-9.2'>hvm</type>`,
      fixSafety:
        "Suggestion only (versioned types): replace the machine type with the family's alias (`q35`, `pc`, `virt`, `pseries`, `s390-ccw-virtio`), which libvirt resolves to the host's newest version. Moving an installed guest to another machine version can change what hardware it sees. No fix for an unversioned type such as `microvm`: the host's QEMU has nothing like it.",
      sources: [...MACHINE_TYPE_SOURCES, 'libvirt 11.3 src/qemu/qemu_postparse.c: machine aliases are canonicalised to the versioned name at define time', 'QEMU hw/i386/pc_q35.c, hw/i386/pc_piix.c: DEFINE_Q35_MACHINE_AS_LATEST / DEFINE_I440FX_MACHINE for each release'],
      notes:
        'A QEMU version the data lacks (2.2, 2.3) resolves to the nearest release at or below it, but a versioned name is compared with the host version itself: `pc-q35-2.3` is fine on QEMU 2.3. Distribution-specific machine types (`pc-q35-rhel9.4.0`) are not versioned the same way and are not checked.',
    },
  },
  create(context) {
    const m = hostMachine(context.domain, context.host);
    if (!m || m.verdict.status !== 'newer') return;
    const { needs } = m.verdict;
    if (!m.family) {
      context.report({ at: m.attr, messageId: 'newerUnversioned', data: { machine: m.machine, qemu: m.qemu, emulator: m.emulator, needs } });
      return;
    }
    context.report({ at: m.attr, messageId: 'newer', data: { ...machineData(m), needs }, fixes: aliasFix(m, context.fixer) });
  },
});
