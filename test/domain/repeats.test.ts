import { describe, expect, it } from 'vitest';
import { repeats } from '#domain/repeats.js';
import { withDevices } from './xml.js';

describe('repeats', () => {
  const d = withDevices(`<controller type='usb' index='0'/><controller type='pci' index='0'/>
    <controller type='usb' index='0'/><controller type='usb' index='1'/><controller type='usb'/><controller type='usb' index='0'/>`);
  const controllers = d.select('devices/controller');
  const usbIndex = (c: (typeof controllers)[number]) => (c.attr('type') === 'usb' ? c.attr('index') : undefined);

  it('pairs every later item with the first item of the same key, in document order', () => {
    const found = repeats(controllers, usbIndex);
    expect(found.map((r) => [controllers.indexOf(r.item), controllers.indexOf(r.first), r.key])).toEqual([
      [2, 0, '0'],
      [5, 0, '0'],
    ]);
  });

  it('leaves out items whose key is undefined', () => {
    expect(repeats(controllers, usbIndex).some((r) => r.item.attr('index') === undefined || r.item.attr('type') !== 'usb')).toBe(false);
  });

  it('compares keys by value, so numbers read from different spellings meet', () => {
    expect(repeats(['1', '01', '0x1', '2'], (s) => Number(s)).map((r) => [r.item, r.first, r.key])).toEqual([
      ['01', '1', 1],
      ['0x1', '1', 1],
    ]);
  });

  it('is empty when every key is new, and for no items', () => {
    expect(repeats(['a', 'b', 'c'], (s) => s)).toEqual([]);
    expect(repeats([], (s: string) => s)).toEqual([]);
  });
});
