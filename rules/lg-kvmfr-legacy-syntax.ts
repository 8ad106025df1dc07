import { defineRule } from '#engine/rule.js';
import type { TextEdit } from '#engine/edit.js';
import { devicesAndObjects, ivshmemDevices, qemuSize, type DeviceOrObject } from '#domain/qemu-args.js';
import type { Fixer } from '#engine/fixer.js';

export default defineRule({
  meta: {
    id: 'lg-kvmfr-legacy-syntax',
    description: 'Legacy -device ivshmem-plain,... syntax in qemu:commandline on QEMU 6.2+ with libvirt 7.9+ (Looking Glass: QEMU may abort)',
    severity: 'warning',
    category: 'looking-glass',
    fixable: 'unsafe',
    requires: { qemu: '>=6.2.0', libvirt: '>=7.9.0' },
    messages: {
      legacyDevice:
        "-device '{{value}}' uses the legacy syntax; with QEMU 6.2+ and libvirt 7.9+ libvirt passes its devices as JSON and Looking Glass warns that QEMU may abort with " +
        '"PCI: slot 1 function 0 not available for pcie-root-port, in use by ivshmem-plain". Write it in the JSON syntax: {{json}}.',
    },
    docs: {
      whatItDoes:
        'Finds `-device ivshmem-plain,id=…,memdev=…` written in the legacy (non-JSON) syntax in `<qemu:commandline>` when the host runs QEMU 6.2 or later and libvirt 7.9 or later. This is how older Looking Glass guides add the KVMFR device.',
      whyIsThisBad:
        'From QEMU 6.2 and libvirt 7.9 on, libvirt passes its own devices to QEMU as JSON. Looking Glass\'s KVMFR guide says users of these versions should use the JSON syntax, and that "using the legacy syntax on QEMU 6.2/libvirt 7.9 may cause QEMU to abort" with "PCI: slot 1 function 0 not available for pcie-root-port, in use by ivshmem-plain".',
      example: `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem-plain,id=shmem0,memdev=looking-glass'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=32M,share=yes'/>
</qemu:commandline>`,
      useInstead: `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":33554432,"share":true}'/>
</qemu:commandline>`,
      fixSafety:
        "The suggested fix (not applied by --fix) rewrites the `-device` value, and the matching `-object memory-backend-file` when it is in the legacy syntax too, into the JSON form of Looking Glass's guide (sizes in bytes, share as true). It is only offered when every property is one it can translate exactly (driver, id, memdev, bus; qom-type, id, mem-path, size, share). It changes what QEMU is given, so review it.",
      sources: [
        'Looking Glass doc/ivshmem_kvmfr.rst "libvirt" (JSON block for QEMU 6.2+/libvirt 7.9+, legacy block for older, and the abort note)',
        'libvirt NEWS v7.9.0: "Use of JSON syntax with -device with upcoming QEMU-6.2"',
        'libvirt issue #287: libvirt uses JSON for -device when QEMU has the capability (6.2.0)',
      ],
      notes: 'Looking Glass says the legacy syntax "may" make QEMU abort; it depends on where libvirt places its own PCI devices, so some configurations start fine. The JSON form works on every QEMU 6.2+ host.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const options = devicesAndObjects(domain);
    for (const device of ivshmemDevices(domain)) {
      if (device.syntax !== 'legacy') continue;
      const fix = jsonFix(device, options, fixer);
      context.report({
        at: device.el,
        messageId: 'legacyDevice',
        data: { value: device.value, json: toJson(device.props!) ?? '{"driver":"ivshmem-plain",...}' },
        fixes: fix ? [fix] : [],
      });
    }
  },
});

const DEVICE_KEYS = new Set(['driver', 'id', 'memdev', 'bus']);
const OBJECT_KEYS = new Set(['qom-type', 'id', 'mem-path', 'size', 'share']);

function toJson(props: Record<string, unknown>, keys = DEVICE_KEYS): string | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (!keys.has(k) || typeof v !== 'string') return undefined;
    if (k === 'size') {
      const bytes = qemuSize(v);
      if (bytes === undefined) return undefined;
      out[k] = bytes;
    } else if (k === 'share') {
      if (!['on', 'yes', 'true', 'off', 'no', 'false'].includes(v)) return undefined;
      out[k] = ['on', 'yes', 'true'].includes(v);
    } else out[k] = v;
  }
  return JSON.stringify(out);
}

function jsonFix(device: DeviceOrObject, options: DeviceOrObject[], fixer: Fixer) {
  const deviceJson = toJson(device.props ?? {});
  if (!deviceJson) return undefined;
  const quote = (json: string, attrQuote: '"' | "'") => (attrQuote === '"' ? json.replace(/"/g, "'") : json);
  const valueAttr = (o: DeviceOrObject) => o.el.attribute('value')!;
  const edits: TextEdit[] = [fixer.replaceAttributeValue(valueAttr(device), quote(deviceJson, valueAttr(device).quote))];
  const memdev = device.props?.memdev;
  const backend = options.find((o) => o.option === '-object' && o.syntax === 'legacy' && o.props?.id === memdev);
  if (backend) {
    const objectJson = toJson(backend.props ?? {}, OBJECT_KEYS);
    if (objectJson) edits.push(fixer.replaceAttributeValue(valueAttr(backend), quote(objectJson, valueAttr(backend).quote)));
  }
  return { title: 'Rewrite the ivshmem-plain device (and its memory backend) in the JSON syntax', safety: 'unsafe' as const, edits };
}
