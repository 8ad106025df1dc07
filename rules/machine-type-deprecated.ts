import { defineRule } from '#engine/rule.js';
import { aliasFix, hostMachine, machineData } from '#domain/host-machine.js';
import { DATA_RANGE, MACHINE_TYPE_SOURCES } from '#domain/qemu-caps.js';

const DEPRECATED = "Machine type '{{machine}}' is deprecated on QEMU {{qemu}} (since QEMU {{since}})";
const CONSEQUENCE = "the VM still starts, but libvirt marks it tainted (deprecated-config) and a later QEMU will refuse it. Plan a move to the newest {{family}} type on this host, '{{newest}}' (alias '{{alias}}').";

export default defineRule({
  meta: {
    id: 'machine-type-deprecated',
    description: "Machine type the host's QEMU release marks deprecated",
    severity: 'warning',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '*' },
    messages: {
      deprecated: `${DEPRECATED} and QEMU {{removedIn}} removes it: ${CONSEQUENCE}`,
      deprecatedByPolicy: `${DEPRECATED}: QEMU deletes machine types after 6 years, so QEMU {{removedIn}} removes it; ${CONSEQUENCE}`,
    },
    docs: {
      whatItDoes:
        "Looks up the machine type of `<os><type machine>` in the per-release data of QEMU's machine types (x86_64, QEMU " +
        `${DATA_RANGE.oldest} to ${DATA_RANGE.newest}) and reports it when the host's QEMU release registers it but marks it deprecated: ` +
        '`pc-1.0` to `pc-1.3` from QEMU 5.0, `pc-i440fx-1.4` to `1.7` from 7.0, `pc-i440fx-2.0` to `2.3` from 8.2, every `pc-i440fx`/`pc-q35` type up to `6.1` from 9.1, and from then on each type 3 years after its release (`6.2` from 9.2, `7.0` from 10.0, `8.1` from 11.1). ' +
        "The message says when QEMU removed it, or, while it is still registered in the newest release of the data, when QEMU's 6-year rule removes it. " +
        "For a host newer than the data and for the arm `virt`, `pseries` and `s390-ccw-virtio` families, QEMU's policy decides: from QEMU 9.1 on, release R.r deprecates machine version M.m when R-M > 3, or R-M = 3 and r >= m.",
      whyIsThisBad:
        "The VM still starts, but QEMU warns at every start, libvirt marks the domain tainted (`deprecated-config`), and a QEMU upgrade will eventually refuse to start it (see `machine-type-removed`). QEMU recommends deprecated machine types \"only for incoming migrations and restore of saved state\" and updating them \"during an appropriate service window\".",
      example: `<type arch='x86_64' machine='pc-q35-6.2'>hvm</type>   <!-- host runs QEMU 10.2 -->`,
      useInstead: `<type arch='x86_64' machine='pc-q35-10.2'>hvm</type>`,
      fixSafety:
        "Suggestion only: replace the machine type with the family's alias, which libvirt resolves to the host's newest version. Do it in a maintenance window: the guest sees newer virtual hardware, and a VM with saved state or an incoming migration must keep its machine type.",
      sources: [...MACHINE_TYPE_SOURCES, "libvirt 11.3 src/qemu/qemu_domain.c qemuDomainObjCheckMachineTaint: a deprecated machine type taints the domain (deprecated-config)"],
      notes:
        'A QEMU version the data lacks resolves to the nearest release at or below it; a micro release uses its X.Y release; a development snapshot (X.Y.50 and later) counts as the next release, as QEMU itself does. Only versioned `pc-q35`, `pc-i440fx` and `pc-X.Y` names and `isapc`/`microvm` are judged on x86; distribution machine types (`pc-q35-rhel9.4.0`) are not.',
    },
  },
  create(context) {
    const m = hostMachine(context.domain, context.host);
    // Versioned types only: no unversioned type (isapc, microvm) is deprecated in the data.
    if (!m || !m.family || m.verdict.status !== 'registered' || !m.verdict.deprecated) return;
    const { since, removedIn, removalBasis } = m.verdict.deprecated;
    if (removedIn === undefined) return;
    context.report({
      at: m.attr,
      messageId: removalBasis === 'data' ? 'deprecated' : 'deprecatedByPolicy',
      data: { ...machineData(m), since, removedIn },
      fixes: aliasFix(m, context.fixer),
    });
  },
});
