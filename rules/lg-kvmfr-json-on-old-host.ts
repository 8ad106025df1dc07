import { versionBelow } from '#engine/version.js';
import { defineRule } from '#engine/rule.js';
import { ivshmemDevices } from '#domain/qemu-args.js';

const OLD_QEMU = '-device uses the JSON syntax, which QEMU {{qemu}} does not understand (JSON -device needs QEMU 6.2 or later): QEMU will not start. Use the legacy form';
const OLD_QEMU_GUIDE = ", as Looking Glass's guide says for QEMU older than 6.2.";
const OLD_LIBVIRT = "-device uses the JSON syntax with libvirt {{libvirt}}; Looking Glass's guide says to use the legacy syntax with libvirt older than 7.9";

export default defineRule({
  meta: {
    id: 'lg-kvmfr-json-on-old-host',
    description: 'JSON -device {"driver":"ivshmem-plain",...} in qemu:commandline on QEMU older than 6.2 or libvirt older than 7.9',
    severity: 'warning',
    category: 'looking-glass',
    fixable: false,
    requires: { qemu: '*' },
    messages: {
      oldQemu: OLD_QEMU + " '{{legacy}}'" + OLD_QEMU_GUIDE,
      oldQemuNoLegacy: OLD_QEMU + OLD_QEMU_GUIDE,
      oldLibvirt: OLD_LIBVIRT + ": '{{legacy}}'.",
      oldLibvirtNoLegacy: OLD_LIBVIRT + '.',
    },
    docs: {
      whatItDoes:
        "Finds a JSON-style `-device {'driver':'ivshmem-plain',…}` in `<qemu:commandline>` (the form current Looking Glass guides give for KVMFR) when the host's QEMU is older than 6.2 (an error) or its libvirt is older than 7.9 (a warning; the libvirt version is used when given).",
      whyIsThisBad:
        "QEMU accepts JSON for `-device` only from 6.2 on; an older QEMU reads the whole value as a device name and does not start. Looking Glass's KVMFR guide tells users of QEMU older than 6.2 or libvirt older than 7.9 to use the legacy syntax instead.",
      example: `<qemu:arg value='-device'/>
<qemu:arg value="{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}"/>`,
      useInstead: `<qemu:arg value='-device'/>
<qemu:arg value='ivshmem-plain,id=shmem0,memdev=looking-glass'/>`,
      fixSafety: 'No automatic fix; write the legacy form shown by the Looking Glass guide (or upgrade QEMU and libvirt).',
      sources: [
        'Looking Glass doc/ivshmem_kvmfr.rst "libvirt": "If you are running QEMU older than 6.2 or libvirt older than 7.9, please use legacy syntax"',
        'libvirt issue #287: libvirt switched -device to JSON when QEMU has this capability (version 6.2.0)',
        'libvirt NEWS v7.9.0: "Use of JSON syntax with -device with upcoming QEMU-6.2"',
      ],
      notes:
        'That QEMU before 6.2 fails on the JSON value is inferred from its -device parser taking the first comma-separated field as the driver name; the exact message was not checked. With QEMU 6.2+ and only libvirt older than 7.9, the problem is what Looking Glass reports, not verified here.',
    },
  },
  create(context) {
    const { domain, host } = context;
    const qemuOld = host.qemu !== undefined && versionBelow(host.qemu.version, '6.2.0');
    const libvirtOld = host.libvirt !== undefined && versionBelow(host.libvirt.version, '7.9.0');
    if (!qemuOld && !libvirtOld) return;
    for (const device of ivshmemDevices(domain)) {
      if (device.syntax !== 'json') continue;
      const legacy = legacyForm(device.props ?? {});
      const at = device.el;
      if (qemuOld) {
        const qemu = host.qemu!.version;
        if (legacy) context.report({ at, severity: 'error', messageId: 'oldQemu', data: { qemu, legacy } });
        else context.report({ at, severity: 'error', messageId: 'oldQemuNoLegacy', data: { qemu } });
      } else {
        const libvirt = host.libvirt!.version;
        if (legacy) context.report({ at, severity: 'warning', messageId: 'oldLibvirt', data: { libvirt, legacy } });
        else context.report({ at, severity: 'warning', messageId: 'oldLibvirtNoLegacy', data: { libvirt } });
      }
    }
  },
});

function legacyForm(props: Record<string, unknown>): string | undefined {
  const { driver, ...rest } = props;
  if (typeof driver !== 'string') return undefined;
  const parts = [driver];
  for (const [k, v] of Object.entries(rest)) {
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    parts.push(`${k}=${v}`);
  }
  return parts.join(',');
}
