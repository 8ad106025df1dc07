import { describe, expect, it } from 'vitest';
import rule from '#rules/lg-shmem-size-too-small.js';
import { diagnostics, domain, testRule } from '../helpers/rule-tester.js';
import { parseResolution, requiredShmemBytes } from '#domain/lg-memory.js';

const MiB = 1024 * 1024;
/** A looking-glass <shmem> at line 24; `size` (when given) on line 26. */
const lg = (size: string) =>
  domain(`<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>${size ? `\n  ${size}` : ''}
</shmem>`);
const mib = (n: number) => lg(`<size unit='M'>${n}</size>`);

/** A KVMFR memory backend in qemu:commandline; its <qemu:arg> is on line 30. */
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

const B7_SOURCE = 'the Looking Glass B7 install guide, "Determining memory"';
const MASTER_SOURCE = 'Looking Glass master doc/install_libvirt.rst "Determining memory"';
const B7_1080P = { release: 'B7', need: '32 MiB', target: '1920x1080', source: B7_SOURCE, mib: 32 };
const MASTER_1080P = { release: 'master', need: '32 MiB', target: '1920x1080', source: MASTER_SOURCE, mib: 32 };

/** 32 MiB where B7 needs 64 MiB for `target` (under these options): the case, without its name. */
const b7Needs64 = (target: string, options: object) => ({
  xml: mib(32),
  options,
  errors: [
    {
      messageId: 'tooSmall',
      data: { release: 'B7', need: '64 MiB', target, source: B7_SOURCE, mib: 64, name: 'looking-glass', size: '32 MiB' },
      line: 26,
      column: 7,
      suggestions: [{ output: mib(64) }],
    },
  ],
  output: null,
});

describe('Looking Glass sizing formula', () => {
  it('matches the B7 table (1080p/1200p 32, 1440p 64, 2160p 128; HDR doubles)', () => {
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

describe('lg-shmem-size-too-small options', () => {
  it('refuses a resolution that is not WIDTHxHEIGHT', () => {
    expect(() => diagnostics(rule, mib(32), { options: { resolution: 'big' } })).toThrow();
  });
});

testRule(rule, {
  valid: [
    { name: '32 MiB for 1920x1080 (the default resolution) on B7', xml: mib(32) },
    { name: 'master needs no more for HDR', xml: mib(32), options: { hdr: true, lookingGlassRelease: 'master' } },
    { name: 'a KVMFR backend of 32 MiB', xml: kvmfr('33554432') },
    { name: 'a <shmem> not named looking-glass', xml: domain(`<shmem name='shmem0'>\n  <model type='ivshmem-plain'/>\n</shmem>`) },
    { name: 'a size that is not a power of two (shmem-size-invalid reports it)', xml: mib(24) },
  ],
  invalid: [
    {
      name: "a looking-glass <shmem> without <size> (libvirt's 4 MiB), at <shmem>; adding the size is only a suggestion",
      xml: lg(''),
      errors: [
        {
          messageId: 'noSize',
          data: { ...B7_1080P, name: 'looking-glass' },
          line: 24,
          column: 5,
          endLine: 24,
          endColumn: 33,
          severity: 'warning',
          message:
            "<shmem name='looking-glass'> has no <size>, so libvirt gives it 4 MiB; Looking Glass B7 needs 32 MiB for 1920x1080 (the Looking Glass B7 install guide, \"Determining memory\"; option 'resolution'): the host truncates the frame and the client reports the size it needs. Add <size unit='M'>32</size>.",
          suggestions: [{ title: "Add <size unit='M'>32</size>", output: mib(32) }],
        },
      ],
      output: null,
      unsafeOutput: mib(32),
    },
    {
      name: 'a self-closing <shmem> without <model>: the suggestion opens it and adds <size>',
      xml: domain(`<shmem name='looking-glass'/>`),
      errors: [
        {
          messageId: 'noSize',
          data: { ...B7_1080P, name: 'looking-glass' },
          line: 24,
          column: 5,
          suggestions: [{ output: domain(`<shmem name='looking-glass'>\n  <size unit='M'>32</size>\n</shmem>`) }],
        },
      ],
      output: null,
    },
    {
      name: 'without <size> for the master client',
      xml: lg(''),
      options: { lookingGlassRelease: 'master' },
      errors: [
        {
          messageId: 'noSizeMaster',
          data: { ...MASTER_1080P, name: 'looking-glass' },
          line: 24,
          column: 5,
          message:
            "<shmem name='looking-glass'> has no <size>, so libvirt gives it 4 MiB; Looking Glass master needs 32 MiB for 1920x1080 (Looking Glass master doc/install_libvirt.rst \"Determining memory\"; option 'resolution'): modes that do not fit are left out of the guest's mode list. Add <size unit='M'>32</size>.",
          suggestions: [{ output: mib(32) }],
        },
      ],
      output: null,
    },
    {
      name: 'a valid size below the requirement, at <size>',
      xml: mib(16),
      errors: [
        {
          messageId: 'tooSmall',
          data: { ...B7_1080P, name: 'looking-glass', size: '16 MiB' },
          line: 26,
          column: 7,
          endColumn: 22,
          severity: 'warning',
          message:
            "<shmem name='looking-glass'> has 16 MiB; Looking Glass B7 needs 32 MiB for 1920x1080 (the Looking Glass B7 install guide, \"Determining memory\"; option 'resolution'): the host truncates the frame and the client reports the size it needs. Use <size unit='M'>32</size> (or set the option to your real maximum resolution).",
          suggestions: [{ title: 'Set the size to 32 MiB', output: mib(32) }],
        },
      ],
      output: null,
      unsafeOutput: mib(32),
    },
    { name: 'takes the target resolution from the option', ...b7Needs64('2560x1440', { resolution: '2560x1440' }) },
    { name: 'HDR doubles the B7 requirement', ...b7Needs64('1920x1080 HDR', { hdr: true }) },
    {
      name: 'B6 uses the B7 SDR formula',
      xml: mib(16),
      options: { lookingGlassRelease: 'B6' },
      errors: [
        {
          messageId: 'tooSmall',
          data: { ...B7_1080P, release: 'B6', source: 'the Looking Glass B6 install guide, "Determining memory"', name: 'looking-glass', size: '16 MiB' },
          line: 26,
          column: 7,
          suggestions: [{ output: mib(32) }],
        },
      ],
      output: null,
    },
    {
      name: 'the master client leaves modes out instead of truncating',
      xml: mib(16),
      options: { lookingGlassRelease: 'master' },
      errors: [
        {
          messageId: 'tooSmallMaster',
          data: { ...MASTER_1080P, name: 'looking-glass', size: '16 MiB' },
          line: 26,
          column: 7,
          message:
            "<shmem name='looking-glass'> has 16 MiB; Looking Glass master needs 32 MiB for 1920x1080 (Looking Glass master doc/install_libvirt.rst \"Determining memory\"; option 'resolution'): modes that do not fit are left out of the guest's mode list. Use <size unit='M'>32</size> (or set the option to your real maximum resolution).",
          suggestions: [{ output: mib(32) }],
        },
      ],
      output: null,
    },
    {
      name: 'the KVMFR memory backend in qemu:commandline, without a fix (static_size_mb must change too)',
      xml: kvmfr('16777216'),
      errors: [
        {
          messageId: 'backendTooSmall',
          data: { ...B7_1080P, path: '/dev/kvmfr0', size: '16 MiB', bytes: 33554432 },
          line: 30,
          column: 5,
          message:
            "The Looking Glass memory backend (/dev/kvmfr0) has 16 MiB; Looking Glass B7 needs 32 MiB for 1920x1080 (the Looking Glass B7 install guide, \"Determining memory\"; option 'resolution'): the host truncates the frame and the client reports the size it needs. Raise its size to 33554432 bytes (32 MiB) and, for KVMFR, static_size_mb to 32.",
        },
      ],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'the KVMFR memory backend for the master client',
      xml: kvmfr('16777216'),
      options: { lookingGlassRelease: 'master' },
      errors: [{ messageId: 'backendTooSmallMaster', data: { ...MASTER_1080P, path: '/dev/kvmfr0', size: '16 MiB', bytes: 33554432 }, line: 30, column: 5 }],
      output: null,
    },
  ],
});
