import { versionAtLeast } from '#engine/version.js';
import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import type { XmlElement } from '#engine/tree.js';
import { qemuArgs, qemuCommandlines } from '#domain/namespaces.js';
import { deviceDriver, optionProperties, parseOptionValue, qemuOptions, type QemuOption } from '#domain/qemu-options.js';
import { overrideProperties } from '#domain/qemu-override.js';

/** Command-line options QEMU has removed: option -> [release that removed it, what to use instead]. */
const REMOVED_OPTIONS: Record<string, [string, string]> = {
  '-balloon': ['3.1.0', "<memballoon model='virtio'/>"],
  '-localtime': ['3.1.0', "<clock offset='localtime'/>"],
  '-no-kvm': ['5.2.0', "<domain type='qemu'> (or -accel tcg)"],
  '-realtime': ['6.0.0', '<memoryBacking><locked/></memoryBacking> (QEMU: -overcommit mem-lock=on)'],
  '-show-cursor': ['6.0.0', '-display ...,show-cursor=on'],
  '-tb-size': ['6.0.0', '-accel tcg,tb-size=...'],
  '-no-quit': ['7.0.0', '-display ...,window-close=off'],
  '-soundhw': ['7.1.0', "<sound model='ich9'/> (or -device / -audio)"],
  '-enable-fips': ['7.1.0', 'a QEMU built with gnutls or libgcrypt'],
  '-writeconfig': ['7.1.0', 'nothing (removed without replacement)'],
  '-sdl': ['7.1.0', "<graphics type='sdl'/> (QEMU: -display sdl)"],
  '-curses': ['7.1.0', '-display curses'],
  '-alt-grab': ['7.1.0', '-display sdl,grab-mod=lshift-lctrl-lalt'],
  '-ctrl-grab': ['7.1.0', '-display sdl,grab-mod=rctrl'],
  '-watchdog': ['7.2.0', '<watchdog model=.../> (QEMU: -device)'],
  '-audio-help': ['8.2.0', '-audiodev help'],
  '-no-hpet': ['9.0.0', "<clock><timer name='hpet' present='no'/></clock> (QEMU: -machine hpet=off)"],
  '-no-acpi': ['9.0.0', 'removing <acpi/> from <features> (QEMU: -machine acpi=off)'],
  '-async-teardown': ['9.0.0', "<features><async-teardown enabled='yes'/></features> (QEMU: -run-with async-teardown=on)"],
  '-chroot': ['9.0.0', '-run-with chroot=dir'],
  '-singlestep': ['9.0.0', '-accel tcg,one-insn-per-tb=on'],
  '-runas': ['10.0.0', '-run-with user=...'],
};

/** `-device` models QEMU has removed. */
const REMOVED_DEVICES: Record<string, [string, string]> = {
  ivshmem: ['4.0.0', "ivshmem-plain or ivshmem-doorbell (in libvirt: <shmem name='...'><model type='ivshmem-plain'/></shmem>)"],
  'ide-drive': ['6.0.0', 'ide-hd or ide-cd'],
  'scsi-disk': ['6.0.0', 'scsi-hd or scsi-cd'],
  sga: ['8.0.0', "<bios useserial='yes'/> (SeaBIOS 1.11+ has serial output built in)"],
};

/**
 * The environment variables QEMU's audio/audio_legacy.c read (its last
 * version, removed with the file in QEMU 8.2 by commit 69a802792ab3 "audio:
 * remove QEMU_AUDIO_* and -audio-help support"). PULSE_LATENCY_MSEC and the
 * like are PulseAudio's own and still work.
 */
const LEGACY_AUDIO_ENV = new Set([
  'QEMU_AUDIO_DRV',
  'QEMU_AUDIO_TIMER_PERIOD',
  ...['ADC', 'DAC'].flatMap((d) => ['FIXED_SETTINGS', 'FIXED_FREQ', 'FIXED_FMT', 'FIXED_CHANNELS', 'VOICES', 'TRY_POLL'].map((k) => `QEMU_AUDIO_${d}_${k}`)),
  ...['ADC', 'DAC'].flatMap((d) => ['TRY_POLL', 'DEV', 'SIZE_IN_USEC', 'PERIOD_SIZE', 'BUFFER_SIZE'].map((k) => `QEMU_ALSA_${d}_${k}`)),
  'QEMU_ALSA_THRESHOLD',
  'QEMU_COREAUDIO_BUFFER_SIZE',
  'QEMU_COREAUDIO_BUFFER_COUNT',
  'QEMU_DSOUND_LATENCY_MILLIS',
  'QEMU_DSOUND_BUFSIZE_OUT',
  'QEMU_DSOUND_BUFSIZE_IN',
  'QEMU_OSS_FRAGSIZE',
  'QEMU_OSS_NFRAGS',
  'QEMU_OSS_ADC_DEV',
  'QEMU_OSS_DAC_DEV',
  'QEMU_OSS_MMAP',
  'QEMU_OSS_EXCLUSIVE',
  'QEMU_OSS_POLICY',
  'QEMU_PA_SOURCE',
  'QEMU_PA_SINK',
  'QEMU_PA_SAMPLES',
  'QEMU_PA_SERVER',
  'QEMU_SDL_SAMPLES',
  'QEMU_WAV_FREQUENCY',
  'QEMU_WAV_FORMAT',
  'QEMU_WAV_DAC_FIXED_CHANNELS',
  'QEMU_WAV_PATH',
]);

/** Sound devices that play through an audiodev (QEMU hw/audio); intel-hda / ich9-intel-hda are controllers. */
const AUDIO_FRONTENDS = new Set(['hda-duplex', 'hda-micro', 'hda-output', 'AC97', 'ac97', 'es1370', 'sb16', 'cs4231a', 'gus', 'adlib', 'usb-audio', 'virtio-sound', 'virtio-sound-pci']);

export default defineRule({
  meta: {
    id: 'qemu-commandline-removed-option',
    description: 'qemu:commandline option, device, audio environment variable or default -audiodev that the host QEMU has removed',
    severity: 'error',
    failsAt: 'start',
    category: 'compatibility',
    fixable: false,
    requires: { qemu: '*' },
    messages: {
      removedOption: 'QEMU removed the option {{option}} in {{since}}; QEMU {{qemu}} refuses to start: "{{option}}: invalid option". Use {{replacement}} instead.',
      removedDevice: 'QEMU removed the device \'{{driver}}\' in {{since}}; QEMU {{qemu}} refuses to start: "\'{{driver}}\' is not a valid device model name". Use {{replacement}}.',
      removedVirtioBlkScsi:
        "QEMU removed the virtio-blk 'scsi' property in 9.1 (legacy SCSI passthrough); QEMU {{qemu}} refuses the device. Use a virtio-scsi controller for SCSI passthrough.",
      noDefaultAudiodev:
        "The sound device '{{driver}}' names no audiodev=: since QEMU 8.2 the first -audiodev is no longer used as a default, so on QEMU {{qemu}} this device plays nowhere. " +
        'Add audiodev=<id of your -audiodev> to the device, or use <sound> with <audio> in the domain XML.',
      removedSpicePassword:
        "QEMU removed -spice password= in 8.0 (the password was visible in the process list); QEMU {{qemu}} refuses it. Use <graphics type='spice' passwd='...'> (libvirt passes it as a secret) or -spice password-secret=.",
      removedChardevAlias: "QEMU removed the -chardev backend alias '{{backend}}' in 8.0; QEMU {{qemu}} refuses it. Use '{{replacement}}' instead.",
      removedUsbdevice: "QEMU removed -usbdevice {{device}} in 6.0; QEMU {{qemu}} refuses it. Use -device usb-{{device}} (or <sound model='usb'/> for audio).",
      ignoredAudioEnv:
        'QEMU {{qemu}} ignores the environment variable {{name}}: QEMU 8.2 removed its legacy audio variables (QEMU_AUDIO_*, QEMU_PA_*, QEMU_ALSA_*, ...), so this audio setting is silently lost. ' +
        "Configure audio with <audio type='...'> in the domain XML (libvirt 7.2+) instead.",
      unusedAudiodev:
        "No device uses -audiodev '{{id}}': since QEMU 8.2 the first -audiodev is no longer a default for devices that name none, and nothing here names it, so on QEMU {{qemu}} nothing plays through it. " +
        "Add audiodev={{id}} to the -device that should use it, or configure the sound of libvirt's <sound> devices with <audio type='...'> in the domain XML.",
    },
    docs: {
      whatItDoes:
        'Reads the `<qemu:arg>` and `<qemu:env>` entries of `<qemu:commandline>` and reports what the host QEMU no longer accepts: removed options (`-soundhw` 7.1, `-no-hpet` and `-no-acpi` 9.0, `-no-kvm` 5.2, `-realtime` 6.0, ...), removed `-device` models (`ivshmem` 4.0, `ide-drive` and `scsi-disk` 6.0, `sga` 8.0), removed option values (`-spice password=` 8.0, `-chardev tty`/`parport` 8.0, `-device virtio-blk,scsi=` 9.1, `-usbdevice audio`/`ccid` 6.0), the legacy audio environment variables (8.2: `QEMU_AUDIO_DRV`, `QEMU_PA_SERVER`, `QEMU_PA_SAMPLES` and every other variable QEMU\'s `audio_legacy.c` read), and what the removal of the default `-audiodev` (8.2) leaves behind: sound devices that name no `audiodev=`, and an `-audiodev` no device, machine option, `-global`, `-set` or `<qemu:override>` property names.',
      whyIsThisBad:
        "libvirt passes these words to QEMU unchecked, so the domain defines fine and then fails to start: QEMU exits with \"-soundhw: invalid option\" or \"'ivshmem' is not a valid device model name\". The legacy audio variables and the implicit first `-audiodev` are silently ignored instead, so the guest loses its sound. These lines come from old PulseAudio, Scream and Looking Glass guides (`QEMU_AUDIO_DRV=pa` with `QEMU_PA_SERVER=/run/user/1000/pulse/native`, or an `-audiodev pa,...` that libvirt's own HDA device was expected to pick up).",
      example: `<qemu:commandline>
  <qemu:arg value='-soundhw'/>
  <qemu:arg value='hda'/>
  <qemu:env name='QEMU_AUDIO_DRV' value='pa'/>
</qemu:commandline>`,
      useInstead: `<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='pulseaudio' serverName='/run/user/1000/pulse/native'/>`,
      fixSafety: 'No fix: each option needs a different replacement, usually a native libvirt element; the message names it.',
      sources: [
        'QEMU docs/about/removed-features.rst (each option with the release that removed it, e.g. "Creating sound card devices using -soundhw (removed in 7.1)", "QEMU_AUDIO_ environment variables and -audio-help (removed in 8.2)", "Using -audiodev to define the default audio backend (removed in 8.2)", "ivshmem (removed in 4.0)")',
        'QEMU audio/audio_legacy.c (its last version, read for the variable list): QEMU_AUDIO_DRV, QEMU_AUDIO_TIMER_PERIOD, QEMU_AUDIO_{ADC,DAC}_{FIXED_SETTINGS,FIXED_FREQ,FIXED_FMT,FIXED_CHANNELS,VOICES,TRY_POLL}, QEMU_ALSA_*, QEMU_COREAUDIO_*, QEMU_DSOUND_*, QEMU_OSS_*, QEMU_PA_{SOURCE,SINK,SAMPLES,SERVER}, QEMU_SDL_SAMPLES, QEMU_WAV_*; deleted by QEMU commit 69a802792ab3 "audio: remove QEMU_AUDIO_* and -audio-help support" (merged for 8.2, pull request of 2023-10-03)',
        "QEMU system/qdev-monitor.c: \"'%s' is not a valid device model name\"; QEMU option parsing: \"invalid option\"",
      ],
      notes:
        "The legacy-variable and default-`-audiodev` findings are warnings: QEMU starts but ignores them (with libvirt 7.2 or later, which always passes `-audiodev`, the variables were already ignored before QEMU 8.2). `PULSE_SERVER`, `PULSE_LATENCY_MSEC` and other variables read by PulseAudio's client library are not QEMU's and are not reported. Sound devices are recognised by QEMU model name (hda-duplex, hda-output, hda-micro, AC97, es1370, sb16, usb-audio, virtio-sound, ...); a device configured through `-global` is not seen. An unused `-audiodev` is not reported when a sound device of the command line names no audiodev at all (that device is reported instead).",
    },
  },
  create(context) {
    const { domain, host } = context;
    if (!isQemuDomain(domain) || !host.qemu) return;
    const qemu = host.qemu.version;
    const removed = (since: string) => versionAtLeast(qemu, since);
    const findings: Parameters<typeof context.report>[0][] = [];
    const options = qemuOptions(domain);
    const audiodev = options.find((o) => o.name === '-audiodev');
    let soundWithoutAudiodev = false;

    for (const opt of options) {
      const gone = REMOVED_OPTIONS[opt.name];
      if (gone && removed(gone[0])) {
        findings.push({
          at: opt.el,
          severity: 'error',
          messageId: 'removedOption',
          data: { option: opt.name, since: short(gone[0]), qemu, replacement: gone[1] },
        });
        continue;
      }
      const value = opt.value;
      if (opt.name === '-device') {
        const driver = deviceDriver(value);
        const dev = driver ? REMOVED_DEVICES[driver] : undefined;
        if (driver && dev && removed(dev[0])) {
          findings.push({
            at: opt.valueEl ?? opt.el,
            severity: 'error',
            messageId: 'removedDevice',
            data: { driver, since: short(dev[0]), qemu, replacement: dev[1] },
          });
          continue;
        }
        const props = optionProperties(value);
        if (driver?.startsWith('virtio-blk') && props.has('scsi') && removed('9.1.0')) {
          findings.push({
            at: opt.valueEl ?? opt.el,
            severity: 'error',
            messageId: 'removedVirtioBlkScsi',
            data: { qemu },
          });
          continue;
        }
        if (driver && AUDIO_FRONTENDS.has(driver) && !props.has('audiodev') && audiodev && removed('8.2.0')) {
          soundWithoutAudiodev = true;
          findings.push({
            at: opt.valueEl ?? opt.el,
            severity: 'warning',
            messageId: 'noDefaultAudiodev',
            data: { driver, qemu },
          });
        }
      } else if (opt.name === '-spice' && optionProperties(value).has('password') && removed('8.0.0')) {
        findings.push({
          at: opt.valueEl ?? opt.el,
          severity: 'error',
          messageId: 'removedSpicePassword',
          data: { qemu },
        });
      } else if (opt.name === '-chardev' && /^(tty|parport)(,|$)/.test(value?.trim() ?? '') && removed('8.0.0')) {
        const backend = value!.trim().split(',')[0];
        findings.push({
          at: opt.valueEl ?? opt.el,
          severity: 'error',
          messageId: 'removedChardevAlias',
          data: { backend, qemu, replacement: backend === 'tty' ? 'serial' : 'parallel' },
        });
      } else if (opt.name === '-usbdevice' && /^(audio|ccid)$/.test(value?.trim() ?? '') && removed('6.0.0')) {
        findings.push({
          at: opt.valueEl ?? opt.el,
          severity: 'error',
          messageId: 'removedUsbdevice',
          data: { device: value!.trim(), qemu },
        });
      }
    }

    if (removed('8.2.0') && !soundWithoutAudiodev) {
      for (const opt of options) {
        if (opt.name !== '-audiodev') continue;
        const id = audiodevId(opt.value);
        if (id === undefined || audiodevNamed(domain, opt, id)) continue;
        findings.push({ at: opt.valueEl ?? opt.el, severity: 'warning', messageId: 'unusedAudiodev', data: { id, qemu } });
      }
    }

    if (removed('8.2.0')) {
      for (const cl of qemuCommandlines(domain)) {
        for (const env of cl.elements) {
          if (env.localName !== 'env') continue;
          const name = env.attr('name') ?? '';
          if (!LEGACY_AUDIO_ENV.has(name)) continue;
          findings.push({
            at: env,
            severity: 'warning',
            messageId: 'ignoredAudioEnv',
            data: { qemu, name },
          });
        }
      }
    }

    for (const f of findings) context.report(f);
  },
});

/** The id of an -audiodev value: `pa,id=snd0,...` or JSON `{"driver":"pa","id":"snd0"}`. */
function audiodevId(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  // QEMU reads the value as written: JSON only when its first character is '{'.
  const { props } = parseOptionValue(value, 'driver');
  return typeof props?.id === 'string' && props.id !== '' ? props.id : undefined;
}

/**
 * Whether anything names audiodev `id`: a `audiodev=` (or `*-audiodev=`,
 * `*.audiodev=`: machine, -global and -set properties) in another argument,
 * an `"audiodev"` key of a JSON argument, or a `<qemu:override>` property.
 */
function audiodevNamed(domain: XmlElement, self: QemuOption, id: string): boolean {
  const names = (key: string, value: unknown) => (key === 'audiodev' || key.endsWith('-audiodev') || key.endsWith('.audiodev')) && value === id;
  for (const { el, value } of qemuArgs(domain)) {
    if (el === self.valueEl) continue;
    const { props } = parseOptionValue(value, '');
    if (props && Object.entries(props).some(([k, val]) => names(k, val))) return true;
  }
  return overrideProperties(domain).some((p) => p.name === 'audiodev' && p.value === id);
}

function short(version: string): string {
  return version.replace(/\.0$/, '');
}
