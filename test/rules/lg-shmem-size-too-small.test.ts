import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-shmem-size-too-small.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';
import { parseResolution, requiredShmemBytes } from '../../src/domain/lg-memory.js';

const MiB = 1024 * 1024;
const lg = (size: string) =>
  domain(`<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>${size ? `\n  ${size}` : ''}
</shmem>`);

const kvmfr = (size: string) =>
  domain('', {
    rootAttrs: ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`,
    extra: `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":${size},"share":true}'/>
</qemu:commandline>`,
  });

describe('Looking Glass sizing formula', () => {
  it("matches the B7 table (1080p/1200p 32, 1440p 64, 2160p 128; HDR doubles)", () => {
    const b7 = (r: string, hdr = false) => requiredShmemBytes(parseResolution(r)!, 'B7', hdr) / MiB;
    expect([b7('1920x1080'), b7('1920x1200'), b7('2560x1440'), b7('3840x2160')]).toEqual([32, 32, 64, 128]);
    expect([b7('1920x1080', true), b7('2560x1440', true), b7('3840x2160', true)]).toEqual([64, 128, 256]);
  });

  it('matches the master (IDD) table, HDR included', () => {
    const m = (r: string) => requiredShmemBytes(parseResolution(r)!, 'master', true) / MiB;
    expect(['1920x1080', '1920x1200', '2560x1440', '3440x1440', '3840x2160', '5120x1440', '5120x2880', '7680x4320'].map(m)).toEqual([
      32, 32, 64, 64, 128, 128, 256, 512,
    ]);
  });
});

describe('lg-shmem-size-too-small', () => {
  it("reports a looking-glass <shmem> without <size> (libvirt's 4 MiB)", () => {
    expect(diagnostics(rule, lg(''))).toEqual([
      {
        ruleId: 'lg-shmem-size-too-small',
        severity: 'warning',
        line: 24,
        column: 5,
        endLine: 24,
        endColumn: 33,
        message:
          "<shmem name='looking-glass'> has no <size>, so libvirt gives it 4 MiB; Looking Glass B7 needs 32 MiB for 1920x1080 (the Looking Glass B7 install guide, \"Determining memory\"; option 'resolution'): the host truncates the frame and the client reports the size it needs. Add <size unit='M'>32</size>.",
      },
    ]);
  });

  it('reports a valid size below the requirement, at <size>', () => {
    const [d] = diagnostics(rule, lg("<size unit='M'>16</size>"));
    expect(d).toMatchObject({ severity: 'warning', line: 26, column: 7, endColumn: 22 });
    expect(d.message).toContain("has 16 MiB; Looking Glass B7 needs 32 MiB for 1920x1080");
  });

  it('takes the target resolution, HDR and release from its options', () => {
    const xml = lg("<size unit='M'>32</size>");
    expect(diagnostics(rule, xml)).toEqual([]);
    expect(diagnostics(rule, xml, { options: { resolution: '2560x1440' } })[0].message).toContain('needs 64 MiB for 2560x1440');
    expect(diagnostics(rule, xml, { options: { hdr: true } })[0].message).toContain('needs 64 MiB for 1920x1080 HDR');
    // master needs no more for HDR and leaves modes out instead of truncating.
    expect(diagnostics(rule, xml, { options: { hdr: true, lookingGlassRelease: 'master' } })).toEqual([]);
    const master = diagnostics(rule, lg("<size unit='M'>16</size>"), { options: { lookingGlassRelease: 'master' } })[0];
    expect(master.message).toContain('modes that do not fit are left out');
    expect(() => diagnostics(rule, xml, { options: { resolution: 'big' } })).toThrow();
  });

  it('checks the KVMFR memory backend in qemu:commandline (no fix: static_size_mb must change too)', () => {
    const xml = kvmfr('16777216');
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 30, column: 5 });
    expect(d.message).toContain('The Looking Glass memory backend (/dev/kvmfr0) has 16 MiB; Looking Glass B7 needs 32 MiB');
    expect(d.message).toContain('static_size_mb to 32');
    expect(fixed(rule, xml)).toBe(xml);
    expect(diagnostics(rule, kvmfr('33554432'))).toEqual([]);
  });

  it('ignores other shmem devices and sizes that shmem-size-invalid reports', () => {
    expect(diagnostics(rule, domain(`<shmem name='shmem0'>\n  <model type='ivshmem-plain'/>\n</shmem>`))).toEqual([]);
    expect(diagnostics(rule, lg("<size unit='M'>24</size>"))).toEqual([]);
  });

  it('suggests the size (not applied by --fix)', () => {
    const missing = lg('');
    expect(fixed(rule, missing)).toBe(missing);
    expect(applySuggestion(rule, missing, 0)).toBe(lg("<size unit='M'>32</size>"));
    expect(applySuggestion(rule, lg("<size unit='M'>16</size>"), 0)).toBe(lg("<size unit='M'>32</size>"));
  });
});
