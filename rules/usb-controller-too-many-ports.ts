import { defineRule } from '#engine/rule.js';
import { parseInteger } from '#domain/platform.js';
import { isQemuDomain } from '#domain/machine.js';

/** Port limits of QEMU's XHCI controllers (hw/usb/hcd-xhci.h MAXPORTS_3 = 15). */
const MAX_PORTS: Record<string, number> = { 'qemu-xhci': 15, 'nec-xhci': 15 };

export default defineRule({
  meta: {
    id: 'usb-controller-too-many-ports',
    description: 'An XHCI USB controller is given more than 15 ports',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      tooManyPorts:
        'A {{model}} controller has at most {{max}} ports, not {{ports}}: libvirt refuses it: "\'{{model}}\' controller only supports up to \'{{max}}\' ports". Set ports=\'{{max}}\' (add a USB hub for more devices).',
    },
    docs: {
      whatItDoes: "Reports `<controller type='usb' model='qemu-xhci' ports='N'>` (or `nec-xhci`) with N above 15. QEMU driver only.",
      whyIsThisBad: 'QEMU\'s XHCI controllers have at most 15 ports. `virsh define` fails with "\'qemu-xhci\' controller only supports up to \'15\' ports".',
      example: `<controller type='usb' index='0' model='qemu-xhci' ports='16'/>`,
      useInstead: `<controller type='usb' index='0' model='qemu-xhci' ports='15'/>`,
      fixSafety:
        "A suggestion (not applied by `--fix`): it sets ports to 15, the most the controller can have. That is fewer ports than you wrote, and a USB hub (`<hub type='usb'/>`) or a second controller may be what you want instead; `--fix --unsafe-fixes` applies it.",
      sources: ['libvirt 11.3 src/qemu/qemu_postparse.c qemuDomainControllerDefPostParse (QEMU_USB_XHCI_MAXPORTS 15): "\'%1$s\' controller only supports up to \'%2$u\' ports"', 'libvirt tests qemuxmlconfdata/usb-controller-qemu-xhci-limit.xml, usb-controller-nec-xhci-limit.xml'],
    },
  },
  create(context) {
    if (!isQemuDomain(context.domain)) return;
    for (const c of context.domain.select('devices/controller')) {
      if (c.attr('type') !== 'usb') continue;
      const model = c.attr('model') ?? '';
      const max = MAX_PORTS[model];
      const ports = c.attribute('ports');
      // libvirt reads ports in base 10 (virXMLPropInt): ports='020' is 20, '0x10' is refused.
      const n = parseInteger(ports?.value, 10);
      if (!max || !ports || n === undefined || n <= max) continue;
      context.report({
        at: ports,
        messageId: 'tooManyPorts',
        data: { model, max, ports: n },
        fixes: [{ title: `Set ports='${max}'`, safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(ports, String(max))] }],
      });
    }
  },
});
