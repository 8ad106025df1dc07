import rule from '#rules/usb-device-with-usb-disabled.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** USB disabled on line 24, then a tablet, a SPICE redirector and a hub (lines 25-27). */
const xml = domain(`<controller type='usb' model='none'/>
<input type='tablet' bus='usb'/>
<redirdev bus='usb' type='spicevmc'/>
<hub type='usb'/>`);

testRule(rule, {
  valid: [
    { name: 'USB devices with a USB controller', xml: xml.replace("model='none'", "model='qemu-xhci' ports='15'") },
    { name: "model='none' alone, with a PS/2 mouse", xml: domain("<controller type='usb' model='none'/>\n<input type='mouse' bus='ps2'/>") },
  ],
  invalid: [
    {
      name: 'every USB device when USB is disabled, at each element',
      xml,
      errors: [
        {
          messageId: 'usbInput',
          data: { type: 'tablet' },
          line: 25,
          column: 5,
          endLine: 25,
          endColumn: 37,
          severity: 'error',
          message:
            'A USB tablet device is defined, but <controller type=\'usb\' model=\'none\'> disables USB: libvirt refuses it: "Can\'t add USB input device. USB bus is disabled". Remove the device, or replace model=\'none\' with a USB controller (model=\'qemu-xhci\').',
        },
        {
          messageId: 'usbRedirdev',
          line: 26,
          column: 5,
          message:
            'A USB redirection device is defined, but <controller type=\'usb\' model=\'none\'> disables USB: libvirt refuses it: "cannot add redirected USB device: USB is disabled for this domain". Remove the device, or replace model=\'none\' with a USB controller (model=\'qemu-xhci\').',
        },
        {
          messageId: 'usbHub',
          line: 27,
          column: 5,
          message:
            'A USB hub is defined, but <controller type=\'usb\' model=\'none\'> disables USB: libvirt refuses it: "Can\'t add USB hub: USB is disabled for this domain". Remove the device, or replace model=\'none\' with a USB controller (model=\'qemu-xhci\').',
        },
      ],
    },
    {
      name: 'another USB controller',
      xml: domain("<controller type='usb' index='0' model='none'/>\n<controller type='usb' index='1' model='qemu-xhci'/>"),
      errors: [
        {
          messageId: 'usbController',
          line: 25,
          column: 5,
          message:
            'Another USB controller is defined, but <controller type=\'usb\' model=\'none\'> disables USB: libvirt refuses it: "Can\'t add another USB controller: USB is disabled for this domain". Remove the device, or replace model=\'none\' with a USB controller (model=\'qemu-xhci\').',
        },
      ],
    },
    {
      name: 'a redirdev without bus is on USB',
      xml: domain("<controller type='usb' model='none'/>\n<redirdev type='spicevmc'/>"),
      errors: [{ messageId: 'usbRedirdev', line: 25, column: 5 }],
    },
  ],
});
