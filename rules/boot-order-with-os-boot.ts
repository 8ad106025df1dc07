import { defineRule } from '#engine/rule.js';
import { deviceBootOrders } from '#domain/devices.js';

export default defineRule({
  meta: {
    id: 'boot-order-with-os-boot',
    description: "Per-device <boot order> is mixed with <os><boot dev>",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      mixedWithDeviceOrders:
        "<os><boot dev='{{dev}}'/> cannot be combined with per-device boot orders (<{{device}}> has <boot order='{{order}}'/>): libvirt refuses it: \"per-device boot elements cannot be used together with os/boot elements\". " +
        'Use one style: remove the <os><boot> elements, or the per-device <boot order> elements.',
    },
    docs: {
      whatItDoes: "Reports `<os><boot dev='...'/>` elements when at least one device has its own `<boot order='N'/>`.",
      whyIsThisBad:
        'libvirt has two ways to set the boot order: the legacy `<os><boot dev=\'hd\'/>` list and per-device `<boot order=\'N\'/>`. They cannot be combined: `virsh define` fails with "per-device boot elements cannot be used together with os/boot elements". virt-manager writes per-device orders as soon as you touch the boot options, so a hand-added `<os><boot>` (or a per-device order pasted into an older XML) triggers it.',
      example: `<os>
  <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
  <boot dev='hd'/>
</os>
...
<disk type='file' device='cdrom'>
  <source file='/srv/iso/debian.iso'/>
  <target dev='sdb' bus='sata'/>
  <boot order='1'/>
</disk>`,
      useInstead: `<os>
  <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
</os>
...
<disk type='file' device='cdrom'>
  <source file='/srv/iso/debian.iso'/>
  <target dev='sdb' bus='sata'/>
  <boot order='1'/>
</disk>`,
      fixSafety:
        'The suggested fix removes the `<os><boot>` elements and keeps the per-device orders. It is only a suggestion: devices without a `<boot order>` are then not tried at all, which may differ from what `<os><boot>` gave.',
      sources: ['libvirt 11.3 src/conf/domain_postparse.c virDomainDefBootOrderPostParse: "per-device boot elements cannot be used together with os/boot elements"', 'libvirt docs/formatdomain.rst "BIOS bootloader" and "Specifying boot order"'],
    },
  },
  create(context) {
    const { domain, fixer } = context;
    const osBoots = domain.select('os/boot');
    if (osBoots.length === 0) return;
    const perDevice = deviceBootOrders(domain);
    if (perDevice.length === 0) return;
    const first = perDevice[0];
    const fix = { title: 'Remove the <os><boot> elements', safety: 'unsafe' as const, edits: osBoots.map((b) => fixer.removeElement(b)) };
    for (const boot of osBoots) {
      context.report({
        at: boot,
        messageId: 'mixedWithDeviceOrders',
        data: { dev: boot.attr('dev') ?? '', device: first.device.name, order: first.order },
        fixes: [fix],
      });
    }
  },
});
