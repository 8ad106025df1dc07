import * as z from 'zod/mini';
import { defineRule } from '#engine/rule.js';
import { lazy } from '#shared/memo.js';
import type { Fix } from '#engine/edit.js';
import type { XmlElement } from '#engine/tree.js';
import type { Fixer } from '#engine/fixer.js';
import { audioBackends, audioRoute, nextAudioId, soundsUsing, soundsWithoutAudio } from '#domain/audio.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

/** Models libvirt turns into an Intel HDA controller with HDA codecs (hw/audio/hda-codec.c). */
const HDA_MODELS = new Set(['ich6', 'ich9']);

/** The options' defaults, written out: a run that sets none builds no schema (RuleMeta.defaultOptions). */
const DEFAULTS = { preferredFix: 'disable-spice-audio' } as const;

/** Built on first read (RuleMeta.options). */
const optionsSchema = lazy(() =>
  z.strictObject({
    preferredFix: z._default(
      z.enum(['disable-spice-audio', 'remove-sound']).check(
        z.describe(
          "Which fix --fix applies: 'disable-spice-audio' keeps the sound card and gives it an audio backend of type 'none'; 'remove-sound' deletes the <sound> element (otherwise only a suggestion, since the guest loses its sound card; choosing it here is your consent). The other is offered as a suggestion.",
        ),
      ),
      DEFAULTS.preferredFix,
    ),
  }),
);

export default defineRule({
  meta: {
    id: 'qemu-911-spice-hda-audio',
    description: 'HDA sound over SPICE audio on QEMU 9.1.1 duplicates the SPICE PLAYBACK channel (Looking Glass client exits)',
    severity: 'warning',
    category: 'compatibility',
    fixable: 'safe',
    requires: { qemu: '9.1.1' },
    messages: {
      lookingGlassExits:
        "<sound model='{{model}}'> plays through {{backend}}: on QEMU 9.1.1, whenever the guest starts audio QEMU re-announces the SPICE PLAYBACK channel and the Looking Glass client rejects the duplicate channel and exits. " +
        'This regression came with a 9.1.1 stable backport and was reverted in 9.1.2: upgrade QEMU to 9.1.2 or later (or stay on 9.1.0), or route this device away from SPICE audio.',
      spiceClientsLoseAudio:
        "<sound model='{{model}}'> plays through {{backend}}: on QEMU 9.1.1, whenever the guest starts audio QEMU re-announces the SPICE PLAYBACK channel and SPICE clients reject the duplicate channel and lose audio. " +
        'This regression came with a 9.1.1 stable backport and was reverted in 9.1.2: upgrade QEMU to 9.1.2 or later (or stay on 9.1.0), or route this device away from SPICE audio.',
    },
    get options() {
      return optionsSchema();
    },
    defaultOptions: DEFAULTS,
    docs: {
      whatItDoes:
        "Finds `<sound model='ich6'>` / `<sound model='ich9'>` devices whose audio backend is SPICE (`<audio type='spice'>`, or no `<audio>` at all next to SPICE graphics, in which case libvirt adds a SPICE one) when the host runs QEMU 9.1.1. It is an error when the VM uses Looking Glass (a `<shmem name='looking-glass'>` or an IVSHMEM / KVMFR device in `qemu:commandline`), a warning otherwise.",
      whyIsThisBad:
        "QEMU 9.1.1 took a stable backport (\"hw/audio/hda: fix memory leak on audio setup\") that closes and re-opens the HDA audio stream every time the guest (re)configures audio. With the SPICE audio backend this removes and re-adds the SPICE PLAYBACK channel, so connected clients see a second PLAYBACK channel. The Looking Glass client rejects the duplicate channel and exits as soon as the guest plays sound; virt-viewer / spice-gtk log assertion failures and play nothing. The change was reverted in QEMU 9.1.2; QEMU 9.1.0 predates it; the 7.2.x and 8.2.x stable branches never shipped it. Looking Glass's own libvirt guide recommends exactly this HDA + SPICE audio setup, which is why so many Looking Glass users hit it.",
      example: `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      useInstead: `<!-- Best: upgrade QEMU to 9.1.2 or later (or stay on 9.1.0) and keep the XML.
     On QEMU 9.1.1, keep the sound card but do not route it to SPICE: -->
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='none'/>`,
      fixSafety:
        "The default fix is safe, and it is the one this tool exists to make. It sets the device's `<audio>` backend to `type='none'`; when that backend also serves a non-HDA sound device, or is the implicit one libvirt would add, it adds a dedicated `<audio id='N' type='none'/>` and points this `<sound>` at it, leaving other devices as they were. Why it counts as safe although the host stops receiving this device's sound: the rule fires only on QEMU 9.1.1, where that sound does not reach anyone anyway (the Looking Glass client exits and other SPICE clients reject the duplicated channel as soon as the guest plays audio), while everything that does work stays: the guest keeps its sound card, its drivers and its device address, and nothing else in the file changes. A file with no `<audio>` at all gets its first one that way, which libvirt only knows from 7.2.0 on: then the fix is applied by `--fix` only when the libvirt version is known to be 7.2.0 or later, and is a suggestion saying so otherwise. The alternative fix removes the `<sound>` element (and its lines): the guest loses a device it can see, so it is only a suggestion, unless the option `preferredFix` is set to `remove-sound`, which makes it the fix `--fix` applies (the configuration states the intent). Neither is needed once QEMU is 9.1.2 or later: prefer upgrading.",
      sources: [
        'qemu-devel: "[Stable-9.1.1 00/49] Patch Round-up for stable 9.1.1" (2024-10-16) includes "hw/audio/hda: fix memory leak on audio setup" (stable-9.1 commit 6d03242a7e47)',
        'qemu-devel: "[Stable-9.1.2 58/58] Revert \\"hw/audio/hda: fix memory leak on audio setup\\"" (2024-11-09); master revert e125d9835b89 ("…which causes SPICE audio to break", resolves QEMU issue #2639)',
        'QEMU source audio/spiceaudio.c: line_out_init/line_out_fini add and remove the SPICE playback interface',
        'Looking Glass issue gnif/LookingGlass#1145: client exits after "PLAYBACK channel connected" twice',
        'NixOS/nixpkgs#356839 and void-linux/void-packages#52896: spice-gtk assertions and no audio on QEMU 9.1.1',
        "Looking Glass B7 doc/install_libvirt.rst recommends <sound model='ich9'><audio id='1'/></sound> with <audio id='1' type='spice'/>",
        'libvirt 11.3 src/conf/domain_conf.c virDomainDefFindAudioByID (no <audio> child: first <audio> is used); src/qemu/qemu_domain.c (no <audio>: libvirt 7.2+ adds one, type spice for SPICE graphics)',
      ],
      notes:
        "Distributions may ship a QEMU that reports 9.1.1 but carries the 9.1.2 revert as a patch; if yours does, turn the rule off for that host. Only the HDA models (`ich6`, `ich9`) use the changed code; whether `usb`, `ac97` or `virtio` sound were affected is not confirmed either way, so the rule does not flag them. QEMU development builds between 2024-10-14 and 2024-11-18 (9.2 pre-releases) may also carry the bug; they do not report 9.1.1 and are not flagged.",
    },
  },
  create(context) {
    const { domain, fixer, options } = context;
    if (!domain.select('devices/graphics').some((g) => g.attr('type') === 'spice')) return;
    const lookingGlass = usesLookingGlass(domain);
    for (const sound of domain.select('devices/sound')) {
      const model = sound.attr('model') ?? '';
      if (!HDA_MODELS.has(model)) continue;
      const route = audioRoute(domain, sound);
      if (route.kind === 'dangling' || route.type !== 'spice') continue;
      const backend = route.kind === 'explicit' ? `<audio id='${route.audio.attr('id') ?? ''}' type='spice'>` : 'the SPICE <audio> libvirt adds when none is declared';
      const disable = disableSpiceAudioFix(domain, sound, fixer);
      // Removing the guest's sound card changes the VM: safe only when the configuration asks for it (preferredFix).
      const preferRemoval = options.preferredFix === 'remove-sound';
      const remove: Fix = { title: `Remove the <sound model='${model}'> device`, safety: preferRemoval ? 'safe' : 'unsafe', edits: [fixer.removeElement(sound)] };
      context.report({
        at: sound,
        severity: lookingGlass ? 'error' : 'warning',
        messageId: lookingGlass ? 'lookingGlassExits' : 'spiceClientsLoseAudio',
        data: { model, backend },
        fixes: preferRemoval ? [remove, disable] : [disable, remove],
      });
    }
  },
});

/**
 * Gives `sound` a backend of type 'none': edits its own `<audio>` when only
 * HDA devices use it, else adds a dedicated one so other devices keep SPICE.
 */
function disableSpiceAudioFix(domain: XmlElement, sound: XmlElement, fixer: Fixer): Fix {
  const route = audioRoute(domain, sound);
  if (route.kind === 'explicit') {
    const sharers = soundsUsing(domain, route.audio).filter((s) => !HDA_MODELS.has(s.attr('model') ?? ''));
    const typeAttr = route.audio.attribute('type');
    if (sharers.length === 0 && typeAttr) {
      return {
        title: `Set <audio id='${route.audio.attr('id') ?? ''}'> to type='none'`,
        safety: 'safe',
        edits: [fixer.replaceAttributeValue(typeAttr, 'none')],
      };
    }
  }

  const backends = audioBackends(domain);
  const edits = [];
  let id = nextAudioId(domain);
  let newBackends = `<audio id='${id}' type='none'/>`;
  if (backends.length === 0) {
    // The new element becomes the document's first <audio>, which every <sound> without
    // an <audio> child uses. Keep those on what libvirt would have given them: SPICE.
    const othersRelyOnDefault = soundsWithoutAudio(domain) > (sound.child('audio') ? 0 : 1);
    if (othersRelyOnDefault) {
      newBackends = `<audio id='${id}' type='spice'/>\n<audio id='${id + 1}' type='none'/>`;
      id += 1;
    }
  }
  const anchor = backends[backends.length - 1] ?? sound;
  edits.push(fixer.insertAfter(anchor, newBackends));
  const pointer = sound.child('audio');
  const pointerId = pointer?.attribute('id');
  if (pointer && pointerId) edits.push(fixer.replaceAttributeValue(pointerId, String(id)));
  else edits.push(fixer.appendChild(sound, `<audio id='${id}'/>`));
  // The first <audio> of a file needs libvirt 7.2.0 (NEWS v7.2.0 "Add support for audio backend specific settings"); an older one drops it.
  const requires = backends.length === 0 ? { libvirt: '>=7.2.0' } : undefined;
  return { title: `Give <sound model='${sound.attr('model')}'> its own <audio id='${id}' type='none'/>`, safety: 'safe', edits, requires };
}
