import { defineRule } from '../src/engine/rule.js';
import type { XmlElement } from '../src/engine/tree.js';

export default defineRule({
  meta: {
    id: 'usb-device-with-usb-disabled',
    description: "A USB device (redirdev, hub, input, another controller) while <controller type='usb' model='none'> disables USB",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    docs: {
      whatItDoes:
        "When the domain has `<controller type='usb' model='none'/>` (no USB at all), reports `<redirdev bus='usb'>`, `<hub type='usb'>`, `<input bus='usb'>` and any other `<controller type='usb'>`.",
      whyIsThisBad:
        '`model=\'none\'` removes the USB bus from the guest, so nothing can be plugged into it. `virsh define` fails with "cannot add redirected USB device: USB is disabled for this domain", "Can\'t add USB hub: USB is disabled for this domain", "Can\'t add USB input device. USB bus is disabled" or "Can\'t add another USB controller: USB is disabled for this domain". Passthrough guides suggest `model=\'none\'` to trim the VM, while virt-manager keeps adding a USB tablet and SPICE USB redirectors.',
      example: `<controller type='usb' model='none'/>
<input type='tablet' bus='usb'/>
<redirdev bus='usb' type='spicevmc'/>`,
      useInstead: `<controller type='usb' model='qemu-xhci' ports='15'/>
<input type='tablet' bus='usb'/>
<redirdev bus='usb' type='spicevmc'/>`,
      fixSafety: 'No fix: either give the guest a USB controller or remove the USB devices.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainRedirdevDefValidate: "cannot add redirected USB device: USB is disabled for this domain"',
        'libvirt 11.3 src/conf/domain_conf.c / domain_addr.c: "Can\'t add USB hub: USB is disabled for this domain", "Can\'t add USB input device. USB bus is disabled", "Can\'t add another USB controller: USB is disabled for this domain"',
        'libvirt tests qemuxmlconfdata/usb-none-hub.xml, usb-none-usbtablet.xml, usb-none-other.xml',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    const usbControllers = domain.select('devices/controller').filter((c) => c.attr('type') === 'usb');
    const none = usbControllers.find((c) => c.attr('model') === 'none');
    if (!none) return;
    const report = (at: XmlElement, what: string, libvirt: string) =>
      context.report({
        at,
        message: `${what}, but <controller type='usb' model='none'> disables USB: libvirt refuses it: "${libvirt}". Remove the device, or replace model='none' with a USB controller (model='qemu-xhci').`,
      });
    for (const c of usbControllers) {
      if (c !== none) report(c, 'Another USB controller is defined', "Can't add another USB controller: USB is disabled for this domain");
    }
    for (const r of domain.select('devices/redirdev')) {
      if ((r.attr('bus') ?? 'usb') === 'usb') report(r, 'A USB redirection device is defined', 'cannot add redirected USB device: USB is disabled for this domain');
    }
    for (const h of domain.select('devices/hub')) {
      if (h.attr('type') === 'usb') report(h, 'A USB hub is defined', "Can't add USB hub: USB is disabled for this domain");
    }
    for (const i of domain.select('devices/input')) {
      if (i.attr('bus') === 'usb') report(i, `A USB ${i.attr('type') ?? 'input'} device is defined`, "Can't add USB input device. USB bus is disabled");
    }
  },
});
