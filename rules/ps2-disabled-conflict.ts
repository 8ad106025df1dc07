import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

export default defineRule({
  meta: {
    id: 'ps2-disabled-conflict',
    description: "<features><ps2 state='off'/> together with PS/2 inputs or <vmport state='on'/>",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      vmportNeedsPs2:
        'vmport uses the PS/2 controller, which <ps2 state=\'off\'/> removes: libvirt refuses it: "vmport feature requires the ps2 feature not to be disabled". Turn vmport off or keep PS/2.',
      inputNeedsPs2:
        "A PS/2 {{type}} needs the PS/2 controller, which <ps2 state='off'/> removes: libvirt refuses it: \"ps2 bus inputs require the ps2 feature not to be disabled\". Use bus='usb' or 'virtio', or keep PS/2.",
    },
    docs: {
      whatItDoes: "When `<features><ps2 state='off'/>` removes the PS/2 controller (i8042), reports `<input bus='ps2'>` devices and `<vmport state='on'/>`. QEMU driver only.",
      whyIsThisBad:
        'Turning PS/2 off is a common tweak for passthrough guests (USB input only), but PS/2 keyboards and mice, and VMware\'s vmport backdoor (which piggybacks on the i8042), need that controller. `virsh define` fails with "ps2 bus inputs require the ps2 feature not to be disabled" or "vmport feature requires the ps2 feature not to be disabled".',
      example: `<features>
  <acpi/>
  <ps2 state='off'/>
</features>
...
<input type='mouse' bus='ps2'/>
<input type='keyboard' bus='ps2'/>`,
      useInstead: `<features>
  <acpi/>
  <ps2 state='off'/>
</features>
...
<input type='tablet' bus='usb'/>
<input type='keyboard' bus='virtio'/>`,
      fixSafety: 'No fix: either keep PS/2 or move the inputs to USB/virtio.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c (ps2 feature checks): "ps2 bus inputs require the ps2 feature not to be disabled", "vmport feature requires the ps2 feature not to be disabled"', 'libvirt tests qemuxmlconfdata/machine-i8042-off-explicit-ps2-inputs.xml, machine-i8042-off-vmport-on.xml'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    if (domain.first('features/ps2')?.attr('state') !== 'off') return;
    const vmport = domain.first('features/vmport');
    if (vmport?.attr('state') === 'on') {
      context.report({ at: vmport, messageId: 'vmportNeedsPs2' });
    }
    for (const input of domain.select('devices/input')) {
      const bus = input.attribute('bus');
      if (bus?.value !== 'ps2') continue;
      context.report({ at: bus, messageId: 'inputNeedsPs2', data: { type: input.attr('type') ?? 'input' } });
    }
  },
});
