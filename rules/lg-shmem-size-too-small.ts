import * as z from 'zod/mini';
import { defineRule } from '#engine/rule.js';
import { lazy } from '#shared/memo.js';
import { DEFAULT_LG_RELEASE, lookingGlassReleaseOption } from './support/lg-release-option.js';
import { lookingGlassShmems } from '#domain/looking-glass.js';
import { lookingGlassBackends, qemuSize } from '#domain/qemu-args.js';
import { formatBytes, isPowerOfTwo, MiB, scaledBytes } from '#domain/units.js';
import { formulaSource, parseResolution, requiredShmemBytes, type LookingGlassRelease } from '#domain/lg-memory.js';

/** libvirt's size for an ivshmem-plain <shmem> without <size> (src/qemu/qemu_postparse.c). */
const LIBVIRT_DEFAULT = 4 * MiB;

/** The middle of every message: what the formula asks for, then what happens below it (B6/B7 or master). */
const NEEDS = "Looking Glass {{release}} needs {{need}} for {{target}} ({{source}}; option 'resolution')";
const truncating = (head: string, tail: string) => head + NEEDS + ': the host truncates the frame and the client reports the size it needs' + tail;
const leavingOut = (head: string, tail: string) => head + NEEDS + ": modes that do not fit are left out of the guest's mode list" + tail;
const NO_SIZE = [`<shmem name='{{name}}'> has no <size>, so libvirt gives it ${formatBytes(LIBVIRT_DEFAULT)}; `, ". Add <size unit='M'>{{mib}}</size>."] as const;
const TOO_SMALL = ["<shmem name='{{name}}'> has {{size}}; ", ". Use <size unit='M'>{{mib}}</size> (or set the option to your real maximum resolution)."] as const;
const BACKEND_TOO_SMALL = ['The Looking Glass memory backend ({{path}}) has {{size}}; ', '. Raise its size to {{bytes}} bytes ({{need}}) and, for KVMFR, static_size_mb to {{mib}}.'] as const;

/** The options' defaults, written out: a run that sets none builds no schema (RuleMeta.defaultOptions). */
const DEFAULTS = { resolution: '1920x1080', hdr: false, lookingGlassRelease: DEFAULT_LG_RELEASE } as const;

/** Built on first read (RuleMeta.options). */
const optionsSchema = lazy(() =>
  z.strictObject({
    resolution: z._default(
      z.string().check(z.regex(/^\s*\d{2,5}\s*x\s*\d{2,5}\s*$/i), z.describe("The largest guest resolution Looking Glass must carry, as 'WIDTHxHEIGHT'.")),
      DEFAULTS.resolution,
    ),
    hdr: z._default(z.boolean().check(z.describe('Size for HDR frames (B6/B7 double the bytes per pixel; master needs no more).')), DEFAULTS.hdr),
    lookingGlassRelease: lookingGlassReleaseOption("The Looking Glass release whose sizing formula applies: 'B6', 'B7' or 'master' (the unreleased IDD stack)."),
  }),
);

export default defineRule({
  meta: {
    id: 'lg-shmem-size-too-small',
    description: "Looking Glass shared memory smaller than its formula needs for the target resolution (no <size> means libvirt's 4 MiB)",
    severity: 'warning',
    category: 'looking-glass',
    fixable: 'unsafe',
    messages: {
      noSize: truncating(...NO_SIZE),
      noSizeMaster: leavingOut(...NO_SIZE),
      tooSmall: truncating(...TOO_SMALL),
      tooSmallMaster: leavingOut(...TOO_SMALL),
      backendTooSmall: truncating(...BACKEND_TOO_SMALL),
      backendTooSmallMaster: leavingOut(...BACKEND_TOO_SMALL),
    },
    get options() {
      return optionsSchema();
    },
    defaultOptions: DEFAULTS,
    docs: {
      whatItDoes:
        "For `<shmem name='looking-glass…'>` devices and for KVMFR / `/dev/shm/looking-glass` memory backends in `qemu:commandline`, compares the size with what Looking Glass's own formula gives for the configured maximum resolution (option `resolution`, default 1920x1080; `hdr`; `lookingGlassRelease`, default B7). A `<shmem>` without `<size>` counts as 4 MiB, the size libvirt gives it. Sizes that are not a power of two are left to `shmem-size-invalid`.",
      whyIsThisBad:
        "Looking Glass passes every frame through this memory. When it is too small, the B6/B7 host truncates the bottom of the screen and the client shows a message with the size it needs; the master (IDD) host leaves the modes that do not fit out of Windows' mode list. 4 MiB, libvirt's default, is too small for any resolution by either formula. B7 formula: W x H x 4 (8 for HDR) x 2 bytes, plus 10 MiB, rounded up to a power of two: 32 MiB for 1920x1080, 64 MiB for 2560x1440, 128 MiB for 3840x2160.",
      example: `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
</shmem>`,
      useInstead: `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      fixSafety:
        "The suggested fix (not applied by --fix) writes the required size into `<shmem>`. Stop the VM first; with a /dev/shm file you may need to delete the old file so QEMU can create it at the new size (Looking Glass doc/ivshmem_shm.rst). KVMFR sizes are not fixed automatically: the kvmfr module's static_size_mb must be changed to the same value.",
      sources: [
        'Looking Glass B7 doc/install_libvirt.rst "Determining memory" (formula and table: 1080p 32 MiB, 1440p 64, 2160p 128; HDR doubles)',
        'Looking Glass master doc/install_libvirt.rst "Determining memory" (IDD formula; modes that do not fit are omitted)',
        'Looking Glass doc/ivshmem_kvmfr.rst (size in bytes = MiB x 1024 x 1024; must equal static_size_mb)',
        "libvirt src/qemu/qemu_postparse.c: an ivshmem-plain <shmem> without <size> gets 4 MiB (test qemuxmlconfdata/shmem-plain-doorbell: <size unit='M'>4</size> added)",
      ],
      notes:
        'The resolution is an assumption: set the option to your largest guest mode. For B6 the B7 SDR formula is used (not re-checked against the B6 guide); HDR sizing is from B7.',
    },
  },
  create(context) {
    const { domain, fixer, options } = context;
    const release = options.lookingGlassRelease as LookingGlassRelease;
    const res = parseResolution(options.resolution)!;
    const need = requiredShmemBytes(res, release, options.hdr);
    const target = `${res.width}x${res.height}${options.hdr && release !== 'master' ? ' HDR' : ''}`;
    const master = release === 'master';
    const needs = { release, need: formatBytes(need), target, source: formulaSource(release), mib: need / MiB };

    for (const shmem of lookingGlassShmems(domain)) {
      const model = shmem.child('model')?.attr('type');
      if (model !== undefined && model !== 'ivshmem-plain') continue;
      const size = shmem.child('size');
      const name = shmem.attr('name') ?? '';
      if (!size) {
        const anchor = shmem.child('model');
        const xml = `<size unit='M'>${need / MiB}</size>`;
        context.report({
          at: shmem,
          messageId: master ? 'noSizeMaster' : 'noSize',
          data: { ...needs, name },
          fixes: [{ title: `Add ${xml}`, safety: 'unsafe', edits: [anchor ? fixer.insertAfter(anchor, xml) : fixer.appendChild(shmem, xml)] }],
        });
        continue;
      }
      const bytes = scaledBytes(size, 'b');
      if (bytes === undefined || bytes < MiB || !isPowerOfTwo(bytes) || bytes >= need) continue;
      context.report({
        at: size,
        messageId: master ? 'tooSmallMaster' : 'tooSmall',
        data: { ...needs, name, size: formatBytes(bytes) },
        fixes: [{ title: `Set the size to ${formatBytes(need)}`, safety: 'unsafe', edits: [fixer.replaceElement(size, `<size unit='M'>${need / MiB}</size>`)] }],
      });
    }

    for (const backend of lookingGlassBackends(domain)) {
      const bytes = qemuSize(backend.props?.size);
      if (bytes === undefined || bytes >= need || bytes < MiB || bytes % MiB !== 0 || !isPowerOfTwo(bytes / MiB)) continue;
      context.report({
        at: backend.el,
        messageId: master ? 'backendTooSmallMaster' : 'backendTooSmall',
        data: { ...needs, path: String(backend.props?.['mem-path']), size: formatBytes(bytes), bytes: need },
      });
    }
  },
});
