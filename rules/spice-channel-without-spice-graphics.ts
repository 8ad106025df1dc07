import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { hasSpiceGraphics } from '#domain/devices.js';
import { isQemuDomain } from '#domain/machine.js';

const SPICE_CHARDEVS = new Set(['spicevmc', 'spiceport']);

/** Elements whose `type` is a character-device backend that libvirt validates (qemuValidateDomainChrSourceDef callers). */
function chardevBackends(domain: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const name of ['serial', 'parallel', 'console', 'channel', 'redirdev', 'smartcard']) out.push(...domain.select(`devices/${name}`));
  for (const backend of domain.select('devices/rng/backend')) if (backend.attr('model') === 'egd') out.push(backend);
  return out;
}

export default defineRule({
  meta: {
    id: 'spice-channel-without-spice-graphics',
    description: "A spicevmc / spiceport channel, USB redirection or smartcard without SPICE graphics",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      spiceChardevWithoutSpice:
        "<{{element}}> of type '{{type}}' tunnels through SPICE, and this domain has no SPICE graphics: libvirt refuses it: \"chardev '{{type}}' not supported without spice graphics\". " +
        "Add <graphics type='spice'>, or remove this <{{element}}>.",
    },
    docs: {
      whatItDoes:
        "Reports `<channel>`, `<redirdev>`, `<smartcard>`, `<serial>`/`<console>` and egd `<rng>` backends of type `spicevmc` or `spiceport` when the domain has no `<graphics type='spice'>`. QEMU driver only.",
      whyIsThisBad:
        'These devices tunnel through the SPICE connection (the spice-vdagent channel, USB redirection, smartcard passthrough). Without SPICE graphics `virsh define` fails with "chardev \'spicevmc\' not supported without spice graphics". It happens when SPICE graphics are removed (GPU passthrough, Looking Glass without SPICE, switching to VNC) and virt-manager\'s default SPICE channels and USB redirectors stay behind.',
      example: `<graphics type='vnc' port='-1' autoport='yes'/>
<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
</channel>
<redirdev bus='usb' type='spicevmc'/>`,
      useInstead: `<graphics type='vnc' port='-1' autoport='yes'/>`,
      fixSafety:
        'The suggested fix removes the device. It is only a suggestion: if you still want clipboard sharing or USB redirection, add SPICE graphics back instead (Looking Glass, for one, uses the SPICE channel for its clipboard and input).',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainChrSourceDef: "chardev \'%1$s\' not supported without spice graphics"'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain) || hasSpiceGraphics(domain)) return;
    for (const el of chardevBackends(domain)) {
      const type = el.attribute('type');
      if (!type || !SPICE_CHARDEVS.has(type.value)) continue;
      const device = el.name === 'backend' ? el.parent! : el;
      context.report({
        at: type,
        messageId: 'spiceChardevWithoutSpice',
        data: { element: device.name, type: type.value },
        fixes: [{ title: `Remove the ${type.value} <${device.name}>`, safety: 'unsafe', edits: [context.fixer.removeElement(device)] }],
      });
    }
  },
});
