import { versionAtLeast } from '#engine/version.js';
import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { qemuCommandlines } from '#domain/namespaces.js';
import { deviceDriver, optionProperties, qemuOptions } from '#domain/qemu-options.js';

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

/** Sound devices that play through an audiodev (QEMU hw/audio); intel-hda / ich9-intel-hda are controllers. */
const AUDIO_FRONTENDS = new Set(['hda-duplex', 'hda-micro', 'hda-output', 'AC97', 'ac97', 'es1370', 'sb16', 'cs4231a', 'gus', 'adlib', 'usb-audio', 'virtio-sound', 'virtio-sound-pci']);

export default defineRule({
  meta: {
    id: 'qemu-commandline-removed-option',
    description: 'qemu:commandline option, device or environment variable that the host QEMU has removed',
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
        'QEMU {{qemu}} ignores the environment variable {{name}}: QEMU removed the QEMU_AUDIO_* variables in 8.2, so this audio setting is silently lost. ' +
        "Configure audio with <audio type='...'> in the domain XML (libvirt 7.2+) instead.",
    },
    docs: {
      whatItDoes:
        'Reads the `<qemu:arg>` and `<qemu:env>` entries of `<qemu:commandline>` and reports what the host QEMU no longer accepts: removed options (`-soundhw` 7.1, `-no-hpet` and `-no-acpi` 9.0, `-no-kvm` 5.2, `-realtime` 6.0, ...), removed `-device` models (`ivshmem` 4.0, `ide-drive` and `scsi-disk` 6.0, `sga` 8.0), removed option values (`-spice password=` 8.0, `-chardev tty`/`parport` 8.0, `-device virtio-blk,scsi=` 9.1, `-usbdevice audio`/`ccid` 6.0), the `QEMU_AUDIO_*` environment variables (8.2), and sound devices that relied on the first `-audiodev` being used when they name none (8.2).',
      whyIsThisBad:
        "libvirt passes these words to QEMU unchecked, so the domain defines fine and then fails to start: QEMU exits with \"-soundhw: invalid option\" or \"'ivshmem' is not a valid device model name\". The `QEMU_AUDIO_*` variables and the implicit first `-audiodev` are silently ignored instead, so the guest loses its sound. These lines come from old PulseAudio, Scream and Looking Glass guides.",
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
        "QEMU system/qdev-monitor.c: \"'%s' is not a valid device model name\"; QEMU option parsing: \"invalid option\"",
      ],
      notes:
        "The `QEMU_AUDIO_*` and default-`-audiodev` findings are warnings: QEMU starts but ignores them (with libvirt 7.2 or later, which always passes `-audiodev`, the variables were already ignored before QEMU 8.2). Sound devices are recognised by QEMU model name (hda-duplex, hda-output, hda-micro, AC97, es1370, sb16, usb-audio, virtio-sound, ...); a device configured through `-global` is not seen.",
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

    if (removed('8.2.0')) {
      for (const cl of qemuCommandlines(domain)) {
        for (const env of cl.elements) {
          if (env.localName !== 'env') continue;
          const name = env.attr('name') ?? '';
          if (!name.startsWith('QEMU_AUDIO_')) continue;
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

function short(version: string): string {
  return version.replace(/\.0$/, '');
}
