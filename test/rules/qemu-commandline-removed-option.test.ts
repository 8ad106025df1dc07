import { describe, expect, it } from 'vitest';
import rule from '../../rules/qemu-commandline-removed-option.js';
import { diagnostics, domain, runRule } from '../helpers/rule-tester.js';

const QEMU_NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
const withArgs = (commandline: string) => domain('', { rootAttrs: QEMU_NS, extra: commandline });

// domain-rules.md 8.5 and old PulseAudio / IVSHMEM guides.
const oldGuide = withArgs(`<qemu:commandline>
  <qemu:env name='QEMU_AUDIO_DRV' value='pa'/>
  <qemu:env name='QEMU_PA_SERVER' value='/run/user/1000/pulse/native'/>
  <qemu:arg value='-soundhw'/>
  <qemu:arg value='hda'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem,chardev=ivshmem,size=32M'/>
</qemu:commandline>`);

describe('qemu-commandline-removed-option', () => {
  it('reports removed options and devices as errors, QEMU_AUDIO_* as a warning', () => {
    expect(diagnostics(rule, oldGuide, { host: { qemu: '10.2.2' } })).toEqual([
      {
        ruleId: 'qemu-commandline-removed-option',
        severity: 'warning',
        line: 27,
        column: 5,
        endLine: 27,
        endColumn: 49,
        message:
          "QEMU 10.2.2 ignores the environment variable QEMU_AUDIO_DRV: QEMU removed the QEMU_AUDIO_* variables in 8.2, so this audio setting is silently lost. Configure audio with <audio type='...'> in the domain XML (libvirt 7.2+) instead.",
      },
      {
        ruleId: 'qemu-commandline-removed-option',
        severity: 'error',
        line: 29,
        column: 5,
        endLine: 29,
        endColumn: 33,
        message:
          'QEMU removed the option -soundhw in 7.1; QEMU 10.2.2 refuses to start: "-soundhw: invalid option". Use <sound model=\'ich9\'/> (or -device / -audio) instead.',
      },
      {
        ruleId: 'qemu-commandline-removed-option',
        severity: 'error',
        line: 32,
        column: 5,
        endLine: 32,
        endColumn: 57,
        message:
          "QEMU removed the device 'ivshmem' in 4.0; QEMU 10.2.2 refuses to start: \"'ivshmem' is not a valid device model name\". Use ivshmem-plain or ivshmem-doorbell (in libvirt: <shmem name='...'><model type='ivshmem-plain'/></shmem>).",
      },
    ]);
  });

  it('only reports what the host QEMU has already removed', () => {
    const lines = (qemu: string) => diagnostics(rule, oldGuide, { host: { qemu } }).map((d) => d.line);
    expect(lines('8.2.0')).toEqual([27, 29, 32]);
    expect(lines('8.1.5')).toEqual([29, 32]);
    expect(lines('7.0.0')).toEqual([32]);
    expect(lines('3.1.0')).toEqual([]);
  });

  it('is skipped, and says so, when the QEMU version is unknown', () => {
    const result = runRule(rule, oldGuide);
    expect(result.messages).toEqual([]);
    expect(result.skippedRules).toEqual([{ ruleId: 'qemu-commandline-removed-option', missing: ['qemu'] }]);
  });

  it('leaves the Looking Glass ivshmem-plain setup alone, in either syntax', () => {
    const lg = withArgs(`<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":33554432,"share":true}'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem-plain,memdev=looking-glass2'/>
</qemu:commandline>`);
    expect(diagnostics(rule, lg, { host: { qemu: '10.2.2' } })).toEqual([]);
    const json = lg.replace('"driver":"ivshmem-plain","id":"shmem0"', '"driver":"ivshmem","id":"shmem0"');
    expect(diagnostics(rule, json, { host: { qemu: '10.2.2' } }).map((d) => d.line)).toEqual([28]);
  });

  it('warns about sound devices that relied on the first -audiodev (QEMU 8.2+)', () => {
    const scream = (codec: string) =>
      withArgs(`<qemu:commandline>
  <qemu:arg value='-audiodev'/>
  <qemu:arg value='pa,id=snd0,server=/run/user/1000/pulse/native'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='ich9-intel-hda'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='${codec}'/>
</qemu:commandline>`);
    const [d] = diagnostics(rule, scream('hda-duplex'), { host: { qemu: '9.2.0' } });
    expect(d).toMatchObject({ severity: 'warning', line: 32 });
    expect(d.message).toContain("The sound device 'hda-duplex' names no audiodev=");
    expect(diagnostics(rule, scream('hda-duplex,audiodev=snd0'), { host: { qemu: '9.2.0' } })).toEqual([]);
    expect(diagnostics(rule, scream('hda-duplex'), { host: { qemu: '8.1.0' } })).toEqual([]);
  });

  it('knows removed option values and newer removals', () => {
    const xml = withArgs(`<qemu:commandline>
  <qemu:arg value='-spice'/>
  <qemu:arg value='port=5930,password=secret'/>
  <qemu:arg value='-no-hpet'/>
  <qemu:arg value='-device'/>
  <qemu:arg value='virtio-blk-pci,drive=d0,scsi=off'/>
</qemu:commandline>`);
    expect(diagnostics(rule, xml, { host: { qemu: '9.1.0' } }).map((d) => d.line)).toEqual([28, 29, 31]);
    expect(diagnostics(rule, xml, { host: { qemu: '8.2.0' } }).map((d) => d.line)).toEqual([28]);
  });
});
