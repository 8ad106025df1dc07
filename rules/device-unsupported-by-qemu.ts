import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { isQemuX86 } from '#domain/machine.js';
import { dataProvenance, FLAG_PROOF_FROM, flagOnHost, flagSpan, hostQemu, type FlagVerdict, type HostQemu } from '#domain/qemu-caps.js';
import { DEVICE_CAPABILITIES as TABLE, deviceSites, type DeviceCapability } from '#domain/qemu-device-caps.js';

type Absent = Extract<FlagVerdict, { status: 'absent' }> & { flag: string };

/** The flag that proves the host's release lacks what `row` needs, if any. */
function missingFlag(row: DeviceCapability, host: HostQemu): Absent | undefined {
  const verdicts = row.flags.map((flag) => ({ flag, ...flagOnHost(flag, host) }));
  const absent = verdicts.filter((v): v is Absent => v.status === 'absent');
  if (row.anyOf) return absent.length === verdicts.length ? absent[0] : undefined;
  return absent[0];
}

/** The table in the rule's documentation, rendered from the data (only when the docs are read). */
function mappingTable(): string {
  const rows = TABLE.map((r) => {
    const flags = r.flags.map((f) => `\`${f}\` (${flagSpan(f) ?? 'not in the data'})`).join(r.anyOf ? ' or ' : ' and ');
    return `| ${r.xml} | ${flags} | ${r.checked === 'start' ? 'start' : 'define'} | ${r.source} |`;
  });
  return [
    `The table below is what the rule maps (${TABLE.length} rows): the XML, the libvirt capability flag it needs with the QEMU releases whose probe data has the flag ("8.2+": from 8.2 to the newest release in the data), when libvirt checks it, and where (libvirt 11.3.0 sources).`,
    '',
    '| XML | libvirt capability flag (releases in the data) | checked at | libvirt source |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export default defineRule({
  meta: {
    id: 'device-unsupported-by-qemu',
    description: "Device, device model or device option the host's QEMU release does not have",
    severity: 'error',
    category: 'compatibility',
    fixable: false,
    requires: { qemu: '*' },
    messages: {
      notYet: '{{xml}} needs {{needs}}, which QEMU {{qemu}} does not have (libvirt records its capability \'{{flag}}\' from QEMU {{firstIn}} on): libvirt {{refuses}}: "{{says}}".',
      removed:
        '{{xml}} needs {{needs}}, which QEMU removed in {{removedIn}} (libvirt records its capability \'{{flag}}\' up to QEMU {{lastIn}}), so QEMU {{qemu}} does not have it: libvirt {{refuses}}: "{{says}}".',
    },
    docs: {
      whatItDoes:
        'Maps device XML to the libvirt capability flag that says whether a QEMU release has the device or option (sound, video and input models, disk buses and options, USB, SCSI and PCI controller models, TPM models and backends, IOMMU models and options, RNG models and backends, shared memory models, virtiofs and other filesystem drivers, memory balloon options, memory devices, graphics and audio backends, vsock, panic and crypto devices, vDPA networking), ' +
        "and reports the XML when the per-release data proves that the host's QEMU release lacks the flag: `<sound model='virtio'>` before QEMU 8.2, `<disk device='lun'>` on the virtio bus from QEMU 9.1 (which removed SCSI passthrough from virtio-blk), `<iommu model='virtio'>` before 7.0, `<controller type='usb' model='vt82c686b-uhci'>` from 6.0 on x86.",
      whyIsThisBad:
        "libvirt checks these capabilities of the QEMU binary and refuses the domain, mostly already at `virsh define` (src/qemu/qemu_validate.c runs at define and again at start; USB controller models are checked when the domain starts): \"virtio-sound controller is not supported in this QEMU binary\". Typical when an XML written on a newer host, or copied from a recent guide, meets an older distribution's QEMU.",
      example: `<sound model='virtio'/>   <!-- host runs QEMU 7.2 -->`,
      useInstead: `<sound model='ich9'/>`,
      fixSafety: 'No fix: upgrade QEMU, or pick a device model the host has.',
      sources: [
        dataProvenance(),
        'libvirt 11.3.0 src/qemu/qemu_validate.c and src/qemu/qemu_capabilities.c: the check behind each row, named in the table',
        'libvirt 11.3.0 src/qemu/qemu_capabilities.c virQEMUCaps enum: the capability flags by name',
      ],
      get notes() {
        return (
          "A capability flag is libvirt's name for something it probes, and a libvirt version only probes the flags it knows; each release's data comes from one libvirt version (see Source). " +
          'So a flag missing from a release proves that QEMU lacks the device only when the same libvirt version records the flag for another release; the rule reports only what the data proves that way ("the flag exists in no release at or below X, as probed by a libvirt that knows it"), and stays silent otherwise: virtiofs (`vhost-user-fs`) is first recorded for QEMU 4.2 by libvirt 9.0, while libvirt 7.0 never recorded it, so QEMU 4.1 is not judged; `nvme` is first recorded for 10.1 only because that libvirt is newer. ' +
          `Proofs come from releases ${FLAG_PROOF_FROM} and later: the builds libvirt probed for older releases lacked configure-time options their release had (QEMU 1.5 to 2.0 had tpm-tis behind --enable-tpm, the data has none before 2.1), so an older release is judged only through a later one that lacks the device (what 8.1 lacks, 4.1 lacks too). ` +
          'A release missing a flag in the middle of its life (SPICE GL in 2.12, built without it) proves nothing. Flags that depend on the probing host rather than on the release (SGX, SEV, TDX) are not mapped; nor are watchdog models (libvirt checks them against the machine type) or the ESP SCSI controllers (libvirt 11.3 reports the missing flag but still accepts the domain). ' +
          "A QEMU version the data lacks resolves to the nearest release at or below it, and what first appears in the next release in the data is not reported. Only QEMU/KVM domains on x86 are checked (the data is x86_64). libvirt's wording is 11.3's; older libvirt versions may not check every row themselves, and QEMU then refuses the device at start.\n\n" +
          mappingTable()
        );
      },
    },
  },
  create(context) {
    const { domain, host } = context;
    if (!host.qemu || !isQemuX86(domain)) return;
    const qemu = hostQemu(host.qemu.version);
    const found = new Map<string, readonly XmlElement[]>();
    const select = (path: string) => found.get(path) ?? found.set(path, domain.select(path)).get(path)!;
    for (const row of TABLE) {
      const sites = deviceSites(row, domain, select);
      if (!sites.length) continue;
      const missing = missingFlag(row, qemu);
      if (!missing) continue;
      const base = { xml: row.xml, needs: row.needs, qemu: host.qemu.version, flag: missing.flag, says: row.says, refuses: row.checked === 'start' ? 'refuses to start the domain' : 'refuses the domain' };
      for (const site of sites) {
        if (missing.reason === 'not-yet') context.report({ at: site.at, messageId: 'notYet', data: { ...base, firstIn: missing.firstIn } });
        else context.report({ at: site.at, messageId: 'removed', data: { ...base, removedIn: missing.removedIn, lastIn: missing.lastIn } });
      }
    }
  },
});
