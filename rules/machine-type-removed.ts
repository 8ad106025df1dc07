import { defineRule } from '../src/engine/rule.js';
import { isQemuDomain } from '../src/domain/machine.js';
import { compareRelease, formatRelease, isRemovedOn, parseVersionedMachine, qemuRelease, removedSince, type Release } from '../src/domain/machine-version.js';

/** The first release whose machine-type macros skip registering old machines (QEMU 9.1, July 2024 pull). */
const POLICY_START: Release = { major: 9, minor: 1 };
/** QEMU removed pc-0.10 up to pc-1.3 "in 4.0 up to 6.0" (docs/about/removed-features.rst); from 6.0 on none is left. */
const OLD_PC_GONE: Release = { major: 6, minor: 0 };

export default defineRule({
  meta: {
    id: 'machine-type-removed',
    description: 'Versioned machine type the host QEMU no longer provides (older than 6 years on QEMU 9.1 and later)',
    severity: 'error',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '*' },
    docs: {
      whatItDoes:
        'Reports a versioned machine type (`pc-q35-X.Y`, `pc-i440fx-X.Y`, `pc-X.Y`, `virt-X.Y`, `pseries-X.Y`, `s390-ccw-virtio-X.Y`) that QEMU no longer registers: QEMU release R.r drops every machine version M.m with R-M > 6, or R-M = 6 and r >= m. Example: QEMU 10.2 has no machine older than 5.0, so `pc-q35-4.0` is gone. This life cycle is applied to hosts with QEMU 9.1 or later; on QEMU 6.0 to 9.0 only the old i440fx names `pc-0.10` to `pc-1.3` are reported, which QEMU removed "in 4.0 up to 6.0".',
      whyIsThisBad:
        "Since QEMU 9.1 versioned machine types are \"only intended to be supported for a period of 6 years\" and are \"deleted after a further 3 year period\" once deprecated; the registration of older ones is skipped. libvirt then refuses the domain: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-4.0'\". Typical after upgrading a host that ran an old VM, or when pasting an XML from an old GPU-passthrough guide.",
      example: `<type arch='x86_64' machine='pc-q35-4.0'>hvm</type>   <!-- host runs QEMU 10.2 -->`,
      useInstead: `<type arch='x86_64' machine='q35'>hvm</type>`,
      fixSafety:
        "Suggestion only: replace the machine type with the family's alias (`q35`, `pc`, `virt`, `pseries`, `s390-ccw-virtio`), which libvirt resolves to the host's newest version. The guest sees newer virtual hardware; Windows may re-detect devices or ask for re-activation.",
      sources: [
        'QEMU docs/about/deprecated.rst: "versioned machine types are only intended to be supported for a period of 6 years, equivalent to 18 QEMU releases" ... "deleted after a further 3 year period"',
        'QEMU include/hw/core/boards.h: MACHINE_VER_DELETION_MAJOR 6, _MACHINE_VER_IS_EXPIRED, MACHINE_VER_DELETION skips type_register_static',
        'QEMU docs/about/removed-features.rst (QEMU 6.0): "pc-0.10 up to pc-1.3 (removed in 4.0 up to 6.0)"',
        'qemu-devel "[PULL 12/22] hw: skip registration of outdated versioned machine types" (2024-07-02, first released in QEMU 9.1)',
        "libvirt 11.3 src/qemu/qemu_validate.c: \"Emulator '%1$s' does not support machine type '%2$s'\"",
      ],
      notes:
        'Applies to the families that use the macros (x86 pc-i440fx/pc-q35, arm virt, ppc pseries, s390x s390-ccw-virtio, m68k virt). Development snapshots (X.Y.50 and later) are judged as the next release, as QEMU itself does. QEMU before 9.1 removed old machine types case by case; apart from `pc-0.x`/`pc-1.x` those removals are not tracked, so hosts before 9.1 get no finding for other machine types.',
    },
  },
  create(context) {
    const { domain, host, fixer } = context;
    if (!isQemuDomain(domain) || !host.qemu) return;
    const attr = domain.first('os/type')?.attribute('machine');
    const machine = parseVersionedMachine(attr?.value);
    if (!attr || !machine) return;
    const release = qemuRelease(host.qemu.version);
    const policy = compareRelease(release, POLICY_START) >= 0;
    const oldPc = machine.family === 'pc' && machine.major <= 1 && compareRelease(release, OLD_PC_GONE) >= 0;
    if (policy ? !isRemovedOn(release, machine) : !oldPc) return;
    const emulator = domain.first('devices/emulator')?.text() || '...';
    const since = removedSince(machine);
    const firstGone = oldPc ? 'QEMU 6.0 at the latest' : compareRelease(since, POLICY_START) < 0 ? 'QEMU 9.1 at the latest' : `QEMU ${formatRelease(since)}`;
    context.report({
      at: attr,
      message:
        `Machine type '${machine.name}' is more than 6 years old and QEMU ${host.qemu.version} no longer provides it (removed in ${firstGone}): libvirt refuses it: ` +
        `"Emulator '${emulator}' does not support machine type '${machine.name}'". Use '${machine.alias}' or a ${machine.family === 'pc' ? 'pc-i440fx' : machine.family} version the host still has.`,
      fixes: [{ title: `Use the alias machine='${machine.alias}'`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(attr, machine.alias)] }],
    });
  },
});
