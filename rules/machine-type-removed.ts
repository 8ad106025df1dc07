import { defineRule } from '#engine/rule.js';
import { aliasFix, hostMachine, LIBVIRT_NO_MACHINE, machineData } from '#domain/host-machine.js';
import { DATA_RANGE, MACHINE_TYPE_SOURCES } from '#domain/qemu-caps.js';


const NEWEST = "The newest {{family}} type on this host is '{{newest}}' (alias '{{alias}}').";

export default defineRule({
  meta: {
    id: 'machine-type-removed',
    description: "Machine type the host's QEMU release no longer provides (or never had)",
    severity: 'error',
    category: 'compatibility',
    fixable: 'unsafe',
    requires: { qemu: '*' },
    messages: {
      removed: `Machine type '{{machine}}' was removed in QEMU {{removedIn}}, so QEMU {{qemu}} does not provide it: ${LIBVIRT_NO_MACHINE}. ${NEWEST}`,
      removedByPolicy:
        `Machine type '{{machine}}' is more than 6 years old and QEMU deletes such machine types (automatically since QEMU 10.1): it is gone from QEMU {{removedIn}} on, so QEMU {{qemu}} does not provide it: ${LIBVIRT_NO_MACHINE}. ${NEWEST}`,
      never: `No QEMU release from {{oldest}} to {{newestData}} has machine type '{{machine}}', so QEMU {{qemu}} does not provide it: ${LIBVIRT_NO_MACHINE}. ${NEWEST}`,
    },
    docs: {
      whatItDoes:
        "Looks up the machine type of `<os><type machine>` in the per-release data of QEMU's machine types (x86_64, QEMU " +
        `${DATA_RANGE.oldest} to ${DATA_RANGE.newest}: what libvirt recorded by probing each release) and reports it when the host's QEMU release does not register it: ` +
        'a type QEMU removed (`pc-i440fx-1.4` to `1.7` are gone from QEMU 8.2, `pc-i440fx-2.0` to `2.3` from 9.1, `pc-i440fx`/`pc-q35` `2.4` to `4.1` from 10.1, `4.2` from 10.2, `5.0` from 11.0), ' +
        'or a versioned name no QEMU release has (`pc-q35-8.3`). A deprecated type that is still registered is `machine-type-deprecated`; one newer than the host is `machine-type-newer-than-host`. ' +
        "For a host newer than the newest release in the data, and for the arm `virt`, `pseries` and `s390-ccw-virtio` families (not in the data), QEMU's policy decides: from QEMU 10.1 on, release R.r no longer registers a versioned machine M.m when R-M > 6, or R-M = 6 and r >= m.",
      whyIsThisBad:
        "libvirt refuses the domain: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-4.0'\". Typical after upgrading a host that ran an old VM, or when pasting an XML from an old GPU-passthrough guide. Since QEMU 9.1 versioned machine types are \"only intended to be supported for a period of 6 years\"; before QEMU 10.1 old types were removed by hand, release by release, which is why only data can say which release still has which type (QEMU 10.0 still registers `pc-q35-2.4` to `4.1`, deprecated).",
      example: `<type arch='x86_64' machine='pc-q35-4.0'>hvm</type>   <!-- host runs QEMU 10.2 -->`,
      useInstead: `<type arch='x86_64' machine='q35'>hvm</type>`,
      fixSafety:
        "Suggestion only: replace the machine type with the family's alias (`q35`, `pc`, `virt`, `pseries`, `s390-ccw-virtio`), which libvirt resolves to the host's newest version. The guest sees newer virtual hardware; Windows may re-detect devices or ask for re-activation.",
      sources: MACHINE_TYPE_SOURCES,
      notes:
        "A QEMU version the data lacks resolves to the nearest release at or below it (2.2 and 2.3 use 2.1; a micro release uses its X.Y release, which micro releases do not change, apart from the stable-branch `pc-q35-4.0.1` its name pins); a development snapshot (X.Y.50 and later) counts as the next release, as QEMU itself does. Only versioned `pc-q35`, `pc-i440fx` and `pc-X.Y` names and `isapc`/`microvm` are judged on x86: machine types that depend on build options (`xenfv`, `x-remote`, `nitro`) and distribution machine types (`pc-q35-rhel9.4.0`, `pc-i440fx-jammy`) are not. Distribution builds may drop upstream types (RHEL's QEMU has only its own `rhel` types): virt-lint judges the upstream release. For a host newer than the data the removal follows QEMU's policy; on other architectures removals before QEMU 10.1 are not known and not reported.",
    },
  },
  create(context) {
    const m = hostMachine(context.domain, context.host);
    // Versioned types only: no unversioned type (isapc, microvm) was removed in the data.
    if (!m || !m.family) return;
    const { verdict } = m;
    const data = machineData(m);
    const fixes = aliasFix(m, context.fixer);
    if (verdict.status === 'removed') {
      const messageId = verdict.removalBasis === 'data' ? 'removed' : 'removedByPolicy';
      context.report({ at: m.attr, messageId, data: { ...data, removedIn: verdict.removedIn }, fixes });
    } else if (verdict.status === 'never') {
      context.report({ at: m.attr, messageId: 'never', data: { ...data, oldest: DATA_RANGE.oldest, newestData: DATA_RANGE.newest }, fixes });
    }
  },
});
