import { defineRule } from '../src/engine/rule.js';
import { isQemuDomain } from '../src/domain/machine.js';
import { compareRelease, formatRelease, parseVersionedMachine, qemuRelease } from '../src/domain/machine-version.js';

export default defineRule({
  meta: {
    id: 'machine-type-newer-than-host',
    description: 'Versioned machine type (pc-q35-X.Y, pc-i440fx-X.Y, virt-X.Y, pseries-X.Y, s390-ccw-virtio-X.Y) newer than the host QEMU',
    severity: 'error',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '*' },
    docs: {
      whatItDoes:
        "Compares the version pinned in `<type machine>` (`pc-q35-10.1`, `pc-i440fx-9.2`, `pc-1.0`, `virt-9.0`, `pseries-8.2`, `s390-ccw-virtio-9.1`) with the host's QEMU release and reports a machine type that QEMU release does not have yet. QEMU X.Y registers versioned machines up to X.Y; a development snapshot (X.Y.50 and later) already has the next release's.",
      whyIsThisBad:
        "libvirt writes the exact machine version into the XML at define time (`q35` becomes `pc-q35-10.1`), so an XML dumped on a newer host pins a machine type an older QEMU lacks. libvirt then refuses the domain: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-10.1'\".",
      example: `<type arch='x86_64' machine='pc-q35-10.1'>hvm</type>   <!-- host runs QEMU 9.2 -->`,
      useInstead: `<type arch='x86_64' machine='pc-q35-9.2'>hvm</type>`,
      fixSafety:
        "Suggestion only: replace the machine type with the family's alias (`q35`, `pc`, `virt`, `pseries`, `s390-ccw-virtio`), which libvirt resolves to the host's newest version. Moving an installed guest to another machine version can change what hardware it sees.",
      sources: [
        "libvirt 11.3 src/qemu/qemu_validate.c: \"Emulator '%1$s' does not support machine type '%2$s'\"",
        'libvirt 11.3 src/qemu/qemu_postparse.c: machine aliases are canonicalised to the versioned name at define time',
        'QEMU hw/i386/pc_q35.c, hw/i386/pc_piix.c: DEFINE_Q35_MACHINE_AS_LATEST / DEFINE_I440FX_MACHINE for each release',
        'QEMU include/hw/core/boards.h: development snapshots have micro >= 50 and count as the next release',
      ],
      notes:
        'Only the major.minor of the machine is compared (`pc-q35-4.0.1` counts as 4.0). Distribution-specific machine types (`pc-q35-rhel9.4.0`) are not versioned the same way and are not checked.',
    },
  },
  create(context) {
    const { domain, host, fixer } = context;
    if (!isQemuDomain(domain) || !host.qemu) return;
    const type = domain.first('os/type');
    const attr = type?.attribute('machine');
    const machine = parseVersionedMachine(attr?.value);
    if (!attr || !machine) return;
    const release = qemuRelease(host.qemu.version);
    if (compareRelease(machine, release) <= 0) return;
    const emulator = domain.first('devices/emulator')?.text() || '...';
    const family = machine.family === 'pc' ? 'pc-i440fx' : machine.family;
    context.report({
      at: attr,
      message:
        `Machine type '${machine.name}' needs QEMU ${machine.major}.${machine.minor} or newer, but the host runs QEMU ${host.qemu.version}: libvirt refuses it: ` +
        `"Emulator '${emulator}' does not support machine type '${machine.name}'". Use '${machine.alias}' (the host's newest ${family} machine) or ${family}-${formatRelease(release)} or older.`,
      fixes: [{ title: `Use the alias machine='${machine.alias}'`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(attr, machine.alias)] }],
    });
  },
});
