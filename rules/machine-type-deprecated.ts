import { defineRule } from '../src/engine/rule.js';
import { isQemuDomain } from '../src/domain/machine.js';
import {
  compareRelease,
  deprecatedSince,
  formatRelease,
  isDeprecatedOn,
  isRemovedOn,
  parseVersionedMachine,
  qemuRelease,
  removedSince,
  type Release,
} from '../src/domain/machine-version.js';

/** The first release with the machine-type life-cycle macros (QEMU 9.1, July 2024 pull). */
const POLICY_START: Release = { major: 9, minor: 1 };

export default defineRule({
  meta: {
    id: 'machine-type-deprecated',
    description: 'Versioned machine type older than 3 years, deprecated by the host QEMU (9.1 or later)',
    severity: 'warning',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '>=9.1.0' },
    docs: {
      whatItDoes:
        'On hosts with QEMU 9.1 or later, reports a versioned machine type that QEMU marks deprecated: QEMU release R.r deprecates machine version M.m when R-M > 3, or R-M = 3 and r >= m, until it removes it 3 years later (see `machine-type-removed`). Example: QEMU 10.2 deprecates 5.0 to 7.2.',
      whyIsThisBad:
        "The VM still starts, but QEMU warns \"machines more than 3 years old are subject to deletion after 6 years\", libvirt marks the domain tainted (`deprecated-config`), and a QEMU upgrade will eventually refuse to start it. QEMU recommends deprecated machine types \"only for incoming migrations and restore of saved state\" and updating them \"during an appropriate service window\".",
      example: `<type arch='x86_64' machine='pc-q35-6.2'>hvm</type>   <!-- host runs QEMU 10.2 -->`,
      useInstead: `<type arch='x86_64' machine='pc-q35-10.2'>hvm</type>`,
      fixSafety:
        "Suggestion only: replace the machine type with the family's alias, which libvirt resolves to the host's newest version. Do it in a maintenance window: the guest sees newer virtual hardware, and a VM with saved state or an incoming migration must keep its machine type.",
      sources: [
        'QEMU docs/about/deprecated.rst: "All versioned machine types will be automatically marked deprecated after an initial 3 years (9 QEMU releases) has passed"',
        'QEMU include/hw/core/boards.h: MACHINE_VER_DEPRECATION_MAJOR 3, MACHINE_VER_DEPRECATION_MSG "machines more than 3 years old are subject to deletion after 6 years"',
        'qemu-devel "[PULL 09/22] include/hw: add macros for deprecation & removal of versioned machines" (2024-07-02, first released in QEMU 9.1)',
        'libvirt 11.3 src/qemu/qemu_domain.c: deprecated machine types taint the domain (deprecated-config)',
      ],
      notes:
        'Applies to the families that use the macros (x86 pc-i440fx/pc-q35, arm virt, ppc pseries, s390x s390-ccw-virtio, m68k virt). Development snapshots (X.Y.50 and later) are judged as the next release, as QEMU itself does.',
    },
  },
  create(context) {
    const { domain, host, fixer } = context;
    if (!isQemuDomain(domain) || !host.qemu) return;
    const attr = domain.first('os/type')?.attribute('machine');
    const machine = parseVersionedMachine(attr?.value);
    if (!attr || !machine) return;
    const release = qemuRelease(host.qemu.version);
    if (!isDeprecatedOn(release, machine) || isRemovedOn(release, machine)) return;
    const since = deprecatedSince(machine);
    const deprecatedFrom = compareRelease(since, POLICY_START) < 0 ? 'QEMU 9.1' : `QEMU ${formatRelease(since)}`;
    context.report({
      at: attr,
      message:
        `Machine type '${machine.name}' is deprecated on QEMU ${host.qemu.version} (since ${deprecatedFrom}: "machines more than 3 years old are subject to deletion after 6 years") ` +
        `and will be gone in QEMU ${formatRelease(removedSince(machine))}. Plan a move to a current machine type ('${machine.alias}').`,
      fixes: [{ title: `Use the alias machine='${machine.alias}'`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(attr, machine.alias)] }],
    });
  },
});
