import { defineRule } from '#engine/rule.js';

const USB_OFF = ", but <controller type='usb' model='none'> disables USB: libvirt refuses it: ";
const REMEDY = ". Remove the device, or replace model='none' with a USB controller (model='qemu-xhci').";

export default defineRule({
  meta: {
    id: 'usb-device-with-usb-disabled',
    description: "A USB device (redirdev, hub, input, another controller) while <controller type='usb' model='none'> disables USB",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      usbController: 'Another USB controller is defined' + USB_OFF + '"Can\'t add another USB controller: USB is disabled for this domain"' + REMEDY,
      usbRedirdev: 'A USB redirection device is defined' + USB_OFF + '"cannot add redirected USB device: USB is disabled for this domain"' + REMEDY,
      usbHub: 'A USB hub is defined' + USB_OFF + '"Can\'t add USB hub: USB is disabled for this domain"' + REMEDY,
      usbInput: 'A USB {{type}} device is defined' + USB_OFF + '"Can\'t add USB input device. USB bus is disabled"' + REMEDY,
    },
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
    for (const c of usbControllers) {
      if (c !== none) context.report({ at: c, messageId: 'usbController' });
    }
    for (const r of domain.select('devices/redirdev')) {
      if ((r.attr('bus') ?? 'usb') === 'usb') context.report({ at: r, messageId: 'usbRedirdev' });
    }
    for (const h of domain.select('devices/hub')) {
      if (h.attr('type') === 'usb') context.report({ at: h, messageId: 'usbHub' });
    }
    for (const i of domain.select('devices/input')) {
      if (i.attr('bus') === 'usb') context.report({ at: i, messageId: 'usbInput', data: { type: i.attr('type') ?? 'input' } });
    }
  },
});
