import * as z from 'zod/mini';
import { defineRule } from '#engine/rule.js';
import { lazy } from '#shared/memo.js';
import { DEFAULT_LG_RELEASE, lookingGlassReleaseOption } from './support/lg-release-option.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

/** The options' defaults, written out: a run that sets none builds no schema (RuleMeta.defaultOptions). */
const DEFAULTS = { lookingGlassRelease: DEFAULT_LG_RELEASE } as const;

/** Built on first read (RuleMeta.options). */
const optionsSchema = lazy(() =>
  z.strictObject({
    lookingGlassRelease: lookingGlassReleaseOption("The Looking Glass client release: 'B6' and 'B7' are reported; 'master' (the unreleased IDD stack) does not need the tablet removed."),
  }),
);

export default defineRule({
  meta: {
    id: 'lg-tablet-present',
    description: 'A Looking Glass (B6/B7) VM with a tablet input device, which breaks cursor capture',
    severity: 'info',
    category: 'looking-glass',
    fixable: 'unsafe',
    messages: {
      tabletPresent:
        "<input type='tablet'> on a Looking Glass {{release}} VM: Looking Glass's guide says to remove it, since absolute pointing breaks cursor capture in games and applications.",
    },
    get options() {
      return optionsSchema();
    },
    defaultOptions: DEFAULTS,
    docs: {
      whatItDoes:
        "On a VM that uses Looking Glass, reports every `<input type='tablet'>` when the client release is B6 or B7 (the default). Nothing is reported for `lookingGlassRelease: 'master'`.",
      whyIsThisBad:
        "With B6/B7 the client drives the guest's mouse through SPICE as a relative device. Looking Glass's guide says to remove the tablet: absolute pointing devices break applications and games that capture the cursor, and clicks can land at the tablet's last position instead of the pointer's. The current IDD stack (master) brings its own absolute and relative input and no longer needs this.",
      example: `<input type='tablet' bus='usb'>
  <address type='usb' bus='0' port='1'/>
</input>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      useInstead: `<input type='mouse' bus='virtio'/>
<input type='keyboard' bus='virtio'/>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      fixSafety:
        'The suggested fix (not applied by --fix) removes the tablet. Other clients (virt-manager\'s console) then need pointer grabbing; the virtio mouse and keyboard the B7 guide adds need the virtio-win input driver in the guest, so they are left to you.',
      sources: [
        'Looking Glass B7 doc/install_libvirt.rst "Keyboard/mouse/display/audio" (remove the tablet; add virtio mouse and keyboard)',
        'Looking Glass B7 doc/faq.rst (absolute pointing devices break cursor capture) and doc/tech_faq.rst',
        'Looking Glass master doc/faq.rst "Should I add a virtual tablet?" (no longer required)',
      ],
    },
  },
  create(context) {
    const { domain, fixer, options } = context;
    if (options.lookingGlassRelease === 'master') return;
    if (!usesLookingGlass(domain)) return;
    for (const input of domain.select('devices/input')) {
      if (input.attr('type') !== 'tablet') continue;
      context.report({
        at: input,
        messageId: 'tabletPresent',
        data: { release: options.lookingGlassRelease },
        fixes: [{ title: "Remove the <input type='tablet'> device", safety: 'unsafe', edits: [fixer.removeElement(input)] }],
      });
    }
  },
});
