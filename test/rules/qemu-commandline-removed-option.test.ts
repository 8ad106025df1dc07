import { expect, it } from 'vitest';
import rule from '#rules/qemu-commandline-removed-option.js';
import { domain, runRule, testRule } from '../helpers/rule-tester.js';

const QEMU_NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
/** A domain whose <qemu:commandline> starts on line 26: its first entry is on line 27. */
const withArgs = (commandline: string) => domain('', { rootAttrs: QEMU_NS, extra: commandline });
const args = (...values: string[]) => withArgs(`<qemu:commandline>\n${values.map((v) => `  <qemu:arg value='${v}'/>\n`).join('')}</qemu:commandline>`);

// domain-rules.md 8.5 and old PulseAudio / IVSHMEM guides.
const oldGuide = withArgs(`<qemu:commandline>
  <qemu:env name='QEMU_AUDIO_DRV' value='pa'/>
  <qemu:env name='QEMU_PA_SERVER' value='/run/user/1000/pulse/native'/>
  <qemu:arg value='-soundhw'/>
  <qemu:arg value='hda'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem,chardev=ivshmem,size=32M'/>
</qemu:commandline>`);
const audioEnv = (qemu: string) => ({ messageId: 'ignoredAudioEnv', data: { qemu, name: 'QEMU_AUDIO_DRV' }, line: 27, column: 5, severity: 'warning' as const });
const paServerEnv = (qemu: string) => ({ messageId: 'ignoredAudioEnv', data: { qemu, name: 'QEMU_PA_SERVER' }, line: 28, column: 5, severity: 'warning' as const });
const soundhw = (qemu: string) => ({
  messageId: 'removedOption',
  data: { option: '-soundhw', since: '7.1', qemu, replacement: "<sound model='ich9'/> (or -device / -audio)" },
  line: 29,
  column: 5,
  severity: 'error' as const,
});
const ivshmem = (qemu: string) => ({
  messageId: 'removedDevice',
  data: { driver: 'ivshmem', since: '4.0', qemu, replacement: "ivshmem-plain or ivshmem-doorbell (in libvirt: <shmem name='...'><model type='ivshmem-plain'/></shmem>)" },
  line: 32,
  column: 5,
  severity: 'error' as const,
});

const lookingGlass = withArgs(`<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":33554432,"share":true}'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem-plain,memdev=looking-glass2'/>
</qemu:commandline>`);

// A Scream / PulseAudio setup: the HDA codec names no audiodev (line 32).
const scream = (codec: string) => args('-audiodev', 'pa,id=snd0,server=/run/user/1000/pulse/native', '-device', 'ich9-intel-hda', '-device', codec);

const removedValues = args('-spice', 'port=5930,password=secret', '-no-hpet', '-device', 'virtio-blk-pci,drive=d0,scsi=off');

testRule(rule, {
  valid: [
    { name: 'quiet on QEMU 3.1.0, before every removal in the old guide', xml: oldGuide, host: { qemu: '3.1.0' } },
    { name: 'quiet when the QEMU version is unknown', xml: oldGuide },
    { name: 'the Looking Glass ivshmem-plain setup, in either syntax', xml: lookingGlass, host: { qemu: '10.2.2' } },
    { name: 'a sound device that names its audiodev', xml: scream('hda-duplex,audiodev=snd0'), host: { qemu: '9.2.0' } },
    { name: 'a sound device without audiodev before QEMU 8.2', xml: scream('hda-duplex'), host: { qemu: '8.1.0' } },
    { name: 'a sound device without audiodev and no -audiodev at all', xml: args('-device', 'ich9-intel-hda', '-device', 'hda-duplex'), host: { qemu: '9.2.0' } },
    { name: '-no-hpet before QEMU 9.0', xml: args('-no-hpet'), host: { qemu: '8.2.0' } },
    { name: 'the current -chardev serial backend', xml: args('-chardev', 'serial,id=s0,path=/dev/ttyS0'), host: { qemu: '9.2.0' } },
    { name: 'another driver (xen)', xml: oldGuide.replace("<domain type='kvm'", "<domain type='xen'"), host: { qemu: '10.2.2' } },
    {
      name: "PulseAudio's own variables are not QEMU's",
      xml: withArgs(`<qemu:commandline>\n  <qemu:env name='PULSE_LATENCY_MSEC' value='30'/>\n  <qemu:env name='PULSE_SERVER' value='/run/user/1000/pulse/native'/>\n</qemu:commandline>`),
      host: { qemu: '10.2.2' },
    },
    { name: 'an -audiodev that a -global names', xml: args('-audiodev', 'pa,id=snd0', '-global', 'hda-duplex.audiodev=snd0'), host: { qemu: '9.2.0' } },
    { name: 'an -audiodev that the PC speaker names (machine property)', xml: args('-audiodev', 'pa,id=snd0', '-machine', 'pcspk-audiodev=snd0'), host: { qemu: '9.2.0' } },
    { name: 'an -audiodev in JSON that a JSON -device names', xml: args('-audiodev', '{"driver":"pa","id":"snd0"}', '-device', '{"driver":"usb-audio","audiodev":"snd0"}'), host: { qemu: '9.2.0' } },
    {
      name: 'an -audiodev that a <qemu:override> property names',
      xml: withArgs(
        "<qemu:commandline>\n  <qemu:arg value='-audiodev'/>\n  <qemu:arg value='pa,id=snd0'/>\n</qemu:commandline>\n<qemu:override>\n  <qemu:device alias='sound0-codec0'>\n    <qemu:frontend>\n      <qemu:property name='audiodev' type='string' value='snd0'/>\n    </qemu:frontend>\n  </qemu:device>\n</qemu:override>",
      ),
      host: { qemu: '9.2.0' },
    },
    { name: 'an unused -audiodev before QEMU 8.2 was the default backend', xml: args('-audiodev', 'pa,id=snd0'), host: { qemu: '8.1.0' } },
  ],
  invalid: [
    {
      name: 'QEMU 10.2.2: removed options and devices are errors, QEMU_AUDIO_DRV and QEMU_PA_SERVER are warnings',
      xml: oldGuide,
      host: { qemu: '10.2.2' },
      errors: [
        {
          ...audioEnv('10.2.2'),
          endLine: 27,
          endColumn: 49,
          message:
            "QEMU 10.2.2 ignores the environment variable QEMU_AUDIO_DRV: QEMU 8.2 removed its legacy audio variables (QEMU_AUDIO_*, QEMU_PA_*, QEMU_ALSA_*, ...), so this audio setting is silently lost. Configure audio with <audio type='...'> in the domain XML (libvirt 7.2+) instead.",
        },
        paServerEnv('10.2.2'),
        {
          ...soundhw('10.2.2'),
          endLine: 29,
          endColumn: 33,
          message: 'QEMU removed the option -soundhw in 7.1; QEMU 10.2.2 refuses to start: "-soundhw: invalid option". Use <sound model=\'ich9\'/> (or -device / -audio) instead.',
        },
        {
          ...ivshmem('10.2.2'),
          endLine: 32,
          endColumn: 57,
          message:
            "QEMU removed the device 'ivshmem' in 4.0; QEMU 10.2.2 refuses to start: \"'ivshmem' is not a valid device model name\". Use ivshmem-plain or ivshmem-doorbell (in libvirt: <shmem name='...'><model type='ivshmem-plain'/></shmem>).",
        },
      ],
    },
    { name: 'QEMU 8.2.0: all four', xml: oldGuide, host: { qemu: '8.2.0' }, errors: [audioEnv('8.2.0'), paServerEnv('8.2.0'), soundhw('8.2.0'), ivshmem('8.2.0')] },
    { name: 'QEMU 8.1.5: the legacy audio variables still work', xml: oldGuide, host: { qemu: '8.1.5' }, errors: [soundhw('8.1.5'), ivshmem('8.1.5')] },
    { name: 'QEMU 7.0.0: -soundhw still works', xml: oldGuide, host: { qemu: '7.0.0' }, errors: [ivshmem('7.0.0')] },
    {
      name: 'the removed ivshmem device in JSON syntax, at the value',
      xml: lookingGlass.replace('"driver":"ivshmem-plain","id":"shmem0"', '"driver":"ivshmem","id":"shmem0"'),
      host: { qemu: '10.2.2' },
      errors: [{ ...ivshmem('10.2.2'), line: 28 }],
    },
    {
      name: 'a sound device relying on the first -audiodev (QEMU 8.2+): a warning at the device',
      xml: scream('hda-duplex'),
      host: { qemu: '9.2.0' },
      errors: [
        {
          messageId: 'noDefaultAudiodev',
          data: { driver: 'hda-duplex', qemu: '9.2.0' },
          line: 32,
          column: 5,
          severity: 'warning',
          message:
            "The sound device 'hda-duplex' names no audiodev=: since QEMU 8.2 the first -audiodev is no longer used as a default, so on QEMU 9.2.0 this device plays nowhere. Add audiodev=<id of your -audiodev> to the device, or use <sound> with <audio> in the domain XML.",
        },
      ],
    },
    {
      name: 'an -audiodev that nothing names (libvirt\'s <sound> plays through its own backends): a warning at its value',
      xml: args('-audiodev', 'pa,id=snd0,server=/run/user/1000/pulse/native'),
      host: { qemu: '9.2.0' },
      errors: [
        {
          messageId: 'unusedAudiodev',
          data: { id: 'snd0', qemu: '9.2.0' },
          line: 28,
          column: 5,
          endLine: 28,
          endColumn: 70,
          severity: 'warning',
          message:
            "No device uses -audiodev 'snd0': since QEMU 8.2 the first -audiodev is no longer a default for devices that name none, and nothing here names it, so on QEMU 9.2.0 nothing plays through it. Add audiodev=snd0 to the -device that should use it, or configure the sound of libvirt's <sound> devices with <audio type='...'> in the domain XML.",
        },
      ],
    },
    {
      name: 'of two -audiodev, the one a device names is fine',
      xml: args('-audiodev', 'pa,id=snd0', '-audiodev', '{"driver":"pipewire","id":"snd1"}', '-device', 'usb-audio,audiodev=snd0'),
      host: { qemu: '9.2.0' },
      errors: [{ messageId: 'unusedAudiodev', data: { id: 'snd1', qemu: '9.2.0' }, line: 30, column: 5 }],
    },
    {
      name: 'removed option values and newer removals on QEMU 9.1.0',
      xml: removedValues,
      host: { qemu: '9.1.0' },
      errors: [
        {
          messageId: 'removedSpicePassword',
          data: { qemu: '9.1.0' },
          line: 28,
          column: 5,
          severity: 'error',
          message:
            "QEMU removed -spice password= in 8.0 (the password was visible in the process list); QEMU 9.1.0 refuses it. Use <graphics type='spice' passwd='...'> (libvirt passes it as a secret) or -spice password-secret=.",
        },
        {
          messageId: 'removedOption',
          data: { option: '-no-hpet', since: '9.0', qemu: '9.1.0', replacement: "<clock><timer name='hpet' present='no'/></clock> (QEMU: -machine hpet=off)" },
          line: 29,
          column: 5,
        },
        {
          messageId: 'removedVirtioBlkScsi',
          data: { qemu: '9.1.0' },
          line: 31,
          column: 5,
          message:
            "QEMU removed the virtio-blk 'scsi' property in 9.1 (legacy SCSI passthrough); QEMU 9.1.0 refuses the device. Use a virtio-scsi controller for SCSI passthrough.",
        },
      ],
    },
    {
      name: 'on QEMU 8.2.0 only the SPICE password is removed',
      xml: removedValues,
      host: { qemu: '8.2.0' },
      errors: [{ messageId: 'removedSpicePassword', data: { qemu: '8.2.0' }, line: 28, column: 5 }],
    },
    {
      name: "the -chardev alias 'tty' (use 'serial')",
      xml: args('-chardev', 'tty,id=s0,path=/dev/ttyS0'),
      host: { qemu: '8.0.0' },
      errors: [
        {
          messageId: 'removedChardevAlias',
          data: { backend: 'tty', qemu: '8.0.0', replacement: 'serial' },
          line: 28,
          column: 5,
          message: "QEMU removed the -chardev backend alias 'tty' in 8.0; QEMU 8.0.0 refuses it. Use 'serial' instead.",
        },
      ],
    },
    {
      name: "the -chardev alias 'parport' (use 'parallel')",
      xml: args('-chardev', 'parport'),
      host: { qemu: '8.0.0' },
      errors: [{ messageId: 'removedChardevAlias', data: { backend: 'parport', qemu: '8.0.0', replacement: 'parallel' }, line: 28, column: 5 }],
    },
    {
      name: '-usbdevice audio',
      xml: args('-usbdevice', 'audio'),
      host: { qemu: '6.0.0' },
      errors: [
        {
          messageId: 'removedUsbdevice',
          data: { device: 'audio', qemu: '6.0.0' },
          line: 28,
          column: 5,
          message: "QEMU removed -usbdevice audio in 6.0; QEMU 6.0.0 refuses it. Use -device usb-audio (or <sound model='usb'/> for audio).",
        },
      ],
    },
    {
      name: '-usbdevice ccid',
      xml: args('-usbdevice', 'ccid'),
      host: { qemu: '6.0.0' },
      errors: [{ messageId: 'removedUsbdevice', data: { device: 'ccid', qemu: '6.0.0' }, line: 28, column: 5 }],
    },
  ],
});

it('qemu-commandline-removed-option is skipped, and says so, when the QEMU version is unknown', () => {
  const result = runRule(rule, oldGuide);
  expect(result.messages).toEqual([]);
  expect(result.skippedRules).toEqual([{ ruleId: 'qemu-commandline-removed-option', missing: ['qemu'] }]);
});
