import * as z from 'zod/mini';
import { defineRule } from '#engine/rule.js';
import { lazy } from '#shared/memo.js';
import { DEFAULT_LG_RELEASE, lookingGlassReleaseOption } from './support/lg-release-option.js';
import { usesLookingGlass } from '#domain/looking-glass.js';
import { qemuArgs } from '#domain/namespaces.js';

const ADD_SPICE = "Add <graphics type='spice' autoport='yes'><listen type='address' address='127.0.0.1'/></graphics>";
const OR_VIEW_ONLY = ' (or run the client with spice:enable=no if you want a view-only setup).';

/** The options' defaults, written out: a run that sets none builds no schema (RuleMeta.defaultOptions). */
const DEFAULTS = { lookingGlassRelease: DEFAULT_LG_RELEASE } as const;

/** Built on first read (RuleMeta.options). */
const optionsSchema = lazy(() =>
  z.strictObject({
    lookingGlassRelease: lookingGlassReleaseOption("The Looking Glass client release: 'B6', 'B7' (SPICE carries keyboard and mouse) or 'master' (the unreleased IDD stack, where SPICE is optional)."),
  }),
);

export default defineRule({
  meta: {
    id: 'lg-no-spice-graphics',
    description: 'A Looking Glass VM without <graphics type=\'spice\'>: no keyboard/mouse (B6/B7), clipboard or audio through the client',
    severity: 'warning',
    category: 'looking-glass',
    fixable: false,
    messages: {
      missingSpice:
        "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass {{release}} client gets its keyboard and mouse input, clipboard synchronisation and audio through the VM's SPICE server. " +
        ADD_SPICE +
        OR_VIEW_ONLY,
      missingSpiceEvdev:
        "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass {{release}} client gets its clipboard synchronisation and audio through the VM's SPICE server. " +
        ADD_SPICE +
        OR_VIEW_ONLY,
      missingSpiceMaster:
        "This VM uses Looking Glass but has no <graphics type='spice'>: the Looking Glass {{release}} client gets its clipboard synchronisation, audio and the display fallback through the VM's SPICE server. " +
        ADD_SPICE +
        '.',
    },
    get options() {
      return optionsSchema();
    },
    defaultOptions: DEFAULTS,
    docs: {
      whatItDoes:
        "Reports a VM that uses Looking Glass (`<shmem name='looking-glass'>` or KVMFR in `qemu:commandline`) but has no `<graphics type='spice'>`. A warning for B6/B7 clients; information for master, and when the VM gets its keyboard and mouse another way (evdev passthrough).",
      whyIsThisBad:
        "The Looking Glass client is also a SPICE client: with B6/B7 it sends keyboard and mouse input through the VM's SPICE server, and it synchronises the clipboard (SPICE agent channel) and plays audio through it. Without SPICE graphics the client shows the picture but cannot control the guest. The unreleased IDD stack (master) carries input itself and calls SPICE \"optional, but … recommended for display fallback, clipboard and audio\". GPU-passthrough guides often tell people to delete the SPICE display; for Looking Glass it must stay (it can listen on 127.0.0.1 only).",
      example: `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>
<video>
  <model type='none'/>
</video>`,
      useInstead: `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      fixSafety: 'No automatic fix: adding a display device changes the VM (and may need a `<video>` device); add the SPICE graphics shown above.',
      sources: [
        'Looking Glass B7 doc/install_libvirt.rst "Keyboard/mouse/display/audio" (SPICE server for input, clipboard and audio)',
        'Looking Glass master doc/install_libvirt.rst "Keyboard/mouse/display/audio": "SPICE is optional, but is recommended for display fallback, clipboard and audio services"',
        'Looking Glass client defaults spice:host=127.0.0.1, spice:port=5900 (doc/options.rst)',
      ],
      notes:
        "A client run with spice:enable=no is a deliberate view-only setup; turn the rule off for it. evdev passthrough (`<input type='evdev'>` or `input-linux` objects) lowers the report to information, since only clipboard and audio are then missing.",
    },
  },
  create(context) {
    const { domain, options } = context;
    if (!usesLookingGlass(domain)) return;
    if (domain.select('devices/graphics').some((g) => g.attr('type') === 'spice')) return;
    const devices = domain.child('devices');
    if (!devices) return;
    const evdev =
      domain.select('devices/input').some((i) => i.attr('type') === 'evdev') || qemuArgs(domain).some(({ value }) => /(^|,|\{|")input-linux\b|qom-type["']\s*:\s*["']input-linux/.test(value));
    const master = options.lookingGlassRelease === 'master';
    context.report({
      at: devices,
      severity: master || evdev ? 'info' : 'warning',
      messageId: master ? 'missingSpiceMaster' : evdev ? 'missingSpiceEvdev' : 'missingSpice',
      data: { release: options.lookingGlassRelease },
    });
  },
});
