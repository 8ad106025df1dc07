import { describe, expect, it } from 'vitest';
import rule from '../../rules/usb-device-with-usb-disabled.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const xml = domain(`<controller type='usb' model='none'/>
<input type='tablet' bus='usb'/>
<redirdev bus='usb' type='spicevmc'/>
<hub type='usb'/>`);

describe('usb-device-with-usb-disabled', () => {
  it('reports every USB device when USB is disabled', () => {
    const found = diagnostics(rule, xml);
    expect(found[0]).toEqual({
      ruleId: 'usb-device-with-usb-disabled',
      severity: 'error',
      line: 25,
      column: 5,
      endLine: 25,
      endColumn: 37,
      message:
        'A USB tablet device is defined, but <controller type=\'usb\' model=\'none\'> disables USB: libvirt refuses it: "Can\'t add USB input device. USB bus is disabled". Remove the device, or replace model=\'none\' with a USB controller (model=\'qemu-xhci\').',
    });
    expect(found.map((d) => [d.line, d.message.split('"')[1]])).toEqual([
      [25, "Can't add USB input device. USB bus is disabled"],
      [26, 'cannot add redirected USB device: USB is disabled for this domain'],
      [27, "Can't add USB hub: USB is disabled for this domain"],
    ]);
  });

  it('reports another USB controller', () => {
    const two = domain("<controller type='usb' index='0' model='none'/>\n<controller type='usb' index='1' model='qemu-xhci'/>");
    expect(diagnostics(rule, two).map((d) => d.line)).toEqual([25]);
  });

  it('accepts USB devices with a USB controller, and model none alone', () => {
    expect(diagnostics(rule, xml.replace("model='none'", "model='qemu-xhci' ports='15'"))).toEqual([]);
    expect(diagnostics(rule, domain("<controller type='usb' model='none'/>\n<input type='mouse' bus='ps2'/>"))).toEqual([]);
  });
});
