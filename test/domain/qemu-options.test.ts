import { describe, expect, it } from 'vitest';
import { deviceDriver, optionProperties, qemuOptions } from '#domain/qemu-options.js';
import { withQemuArgs } from './xml.js';

// Looking Glass's own JSON -device (doc/ivshmem_kvmfr.rst), single-quoted:
// QEMU's JSON lexer has single-quoted string states (IN_SQ_STRING), so QEMU
// 6.2+ takes it as it takes double quotes.
const LG_JSON = "{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}";

describe('qemuOptions', () => {
  const d = withQemuArgs('-machine', 'q35', '-device', 'ivshmem-plain,id=x', '-nodefaults', '--audiodev', 'pa,id=snd0', '-s');
  const options = qemuOptions(d);

  it('pairs each option with the word after it, in order', () => {
    expect(options.map((o) => [o.name, o.value])).toEqual([
      ['-machine', 'q35'],
      ['-device', 'ivshmem-plain,id=x'],
      ['-nodefaults', undefined],
      ['-audiodev', 'pa,id=snd0'],
      ['-s', undefined],
    ]);
  });

  it('gives no value to an option followed by another option or by nothing', () => {
    expect(options.filter((o) => o.valueEl === undefined).map((o) => o.name)).toEqual(['-nodefaults', '-s']);
  });

  it("writes --name as -name (QEMU's lookup_opt treats --foo as -foo)", () => {
    expect(options[3].name).toBe('-audiodev');
    expect(options[3].el.attr('value')).toBe('--audiodev');
  });

  it('points the option at its own <qemu:arg> and the value at the next one', () => {
    const device = options[1];
    expect(device.el.attr('value')).toBe('-device');
    expect(device.valueEl?.attr('value')).toBe('ivshmem-plain,id=x');
  });

  it('does not take a negative number for an option', () => {
    expect(qemuOptions(withQemuArgs('-global', 'kvm-pit.lost_tick_policy=discard', '-numa', '-1')).map((o) => [o.name, o.value])).toEqual([
      ['-global', 'kvm-pit.lost_tick_policy=discard'],
      ['-numa', '-1'],
    ]);
  });

  // QEMU refuses such a word ("-soundhw hda: invalid option"); the module
  // splits it on purpose so the removed-option checks still name the option.
  it("splits an option written with its value in one word ('-soundhw hda'), the value on the same <qemu:arg>", () => {
    const [opt] = qemuOptions(withQemuArgs('-soundhw hda'));
    expect(opt).toMatchObject({ name: '-soundhw', value: 'hda' });
    expect(opt.valueEl).toBe(opt.el);
  });
});

describe('deviceDriver', () => {
  it('is the first word, a driver= property, or the JSON driver', () => {
    expect(deviceDriver('ivshmem-plain,id=shmem0')).toBe('ivshmem-plain');
    expect(deviceDriver('id=x,driver=usb-audio')).toBe('usb-audio');
    expect(deviceDriver(' {"driver":"ivshmem-plain","id":"shmem0"} ')).toBe('ivshmem-plain');
  });

  it('is undefined without a driver, for unreadable JSON, and for no value', () => {
    expect(['id=x,bus=pci.0', '{"driver":', '{"id":"x"}', undefined].map(deviceDriver)).toEqual([undefined, undefined, undefined, undefined]);
  });

  // qemu-args.ts reads this JSON (parseLooseJson); deviceDriver uses
  // JSON.parse and gives undefined, so qemu-commandline-removed-option does
  // not see a removed device written the way Looking Glass writes JSON.
  it.fails("reads Looking Glass's single-quoted JSON", () => {
    expect(deviceDriver(LG_JSON)).toBe('ivshmem-plain');
  });
});

describe('optionProperties', () => {
  it('maps the key=value parts, leaving out the bare first word', () => {
    expect([...optionProperties('ich9-intel-hda,id=snd0,bus=pcie.0')]).toEqual([
      ['id', 'snd0'],
      ['bus', 'pcie.0'],
    ]);
    expect(optionProperties('port=5930,password=secret').get('password')).toBe('secret');
  });

  it('maps the top-level JSON keys, values as strings', () => {
    expect([...optionProperties('{"driver":"virtio-blk-pci","scsi":true,"num-queues":4}')]).toEqual([
      ['driver', 'virtio-blk-pci'],
      ['scsi', 'true'],
      ['num-queues', '4'],
    ]);
  });

  it('is empty for no value and for unreadable JSON', () => {
    expect(optionProperties(undefined).size).toBe(0);
    expect(optionProperties('{"driver":').size).toBe(0);
  });

  it.fails("reads Looking Glass's single-quoted JSON", () => {
    expect(optionProperties(LG_JSON).get('memdev')).toBe('looking-glass');
  });
});
