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
  // splits it on purpose so the removed-option checks still name the option,
  // and marks it inexact so that nothing takes it for a working option.
  it("splits an option written with its value in one word ('-soundhw hda'), the value on the same <qemu:arg>, inexact", () => {
    const [opt] = qemuOptions(withQemuArgs('-soundhw hda'));
    expect(opt).toMatchObject({ name: '-soundhw', value: 'hda', exact: false });
    expect(opt.valueEl).toBe(opt.el);
  });

  // lookup_opt compares the whole argv word (strcmp): spaces around it make it another word.
  it('marks an option word with spaces around it inexact, and -device=... as an option of that name', () => {
    expect(qemuOptions(withQemuArgs(' -s', '-device=x')).map((o) => [o.name, o.exact])).toEqual([
      ['-s', false],
      ['-device=x', true],
    ]);
    expect(options.every((o) => o.exact)).toBe(true);
  });
});

describe('deviceDriver', () => {
  it('is the first word, a driver= property, or the JSON driver', () => {
    expect(deviceDriver('ivshmem-plain,id=shmem0')).toBe('ivshmem-plain');
    expect(deviceDriver('id=x,driver=usb-audio')).toBe('usb-audio');
    expect(deviceDriver('{"driver":"ivshmem-plain","id":"shmem0"}')).toBe('ivshmem-plain');
  });

  // vl.c parses JSON only when optarg[0] == '{': with a space first, the
  // legacy parser takes the text up to the first comma as the driver, and
  // QEMU refuses it as a device model name.
  it('reads a value with a space before the brace as legacy syntax, as QEMU does', () => {
    expect(deviceDriver(' {"driver":"ivshmem-plain","id":"shmem0"}')).toBe(' {"driver":"ivshmem-plain"');
  });

  it('is undefined without a driver, for unreadable JSON, and for no value', () => {
    expect(['id=x,bus=pci.0', '{"driver":', '{"id":"x"}', undefined].map(deviceDriver)).toEqual([undefined, undefined, undefined, undefined]);
  });

  // (deviceDriver used JSON.parse, so qemu-commandline-removed-option missed a
  // removed device written the way Looking Glass writes JSON.)
  it("reads Looking Glass's single-quoted JSON", () => {
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

  it("reads Looking Glass's single-quoted JSON", () => {
    expect(optionProperties(LG_JSON).get('memdev')).toBe('looking-glass');
  });

  it("reads a later bare key as 'on' and ',,' as a comma, as QemuOpts does", () => {
    expect([...optionProperties('intel-hda,msi,id=a,,b')]).toEqual([
      ['msi', 'on'],
      ['id', 'a,b'],
    ]);
  });
});
