import { defineRule } from '#engine/rule.js';
import { audioBackends, audioId } from '#domain/audio.js';

export default defineRule({
  meta: {
    id: 'audio-id-dangling',
    description: '<sound><audio id> (or VNC <graphics><audio id>) names no <audio> backend',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      dangling:
        "<{{element}}> plays through audio backend {{id}}, but there is no <audio id='{{id}}'>: libvirt refuses it: \"no audio device with ID {{id}}\". " +
        "Add <audio id='{{id}}' type='...'/> (pipewire, pulseaudio, spice or none), or point to an existing backend.",
    },
    docs: {
      whatItDoes:
        "Reports an `<audio id='N'/>` reference inside `<sound>` or VNC `<graphics>` when no `<audio id='N' type='...'>` backend exists (id 0 means \"not set\" and is skipped).",
      whyIsThisBad:
        'The reference says which host audio backend the sound card plays through. A dangling one makes `virsh define` fail with "no audio device with ID N". It happens when the `<audio>` backend is deleted (for example while removing SPICE) and the sound card still points at it.',
      example: `<sound model='ich9'>
  <audio id='1'/>
</sound>`,
      useInstead: `<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='pipewire'/>`,
      fixSafety: 'No fix: which backend to add (pipewire, pulseaudio, spice, none) depends on the host.',
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainEnsureAudioID: "no audio device with ID %1$u"', 'libvirt docs/formatdomain.rst "Sound devices" and "Audio backends"'],
    },
  },
  create(context) {
    const backends = audioBackends(context.domain).map(audioId);
    // A backend id libvirt cannot read fails the define before any reference is resolved.
    if (backends.some((id) => id === undefined)) return;
    const ids = new Set(backends);
    const refs = [
      ...context.domain.select('devices/sound/audio'),
      ...context.domain.select('devices/graphics').filter((g) => g.attr('type') === 'vnc').flatMap((g) => g.childrenNamed('audio')),
    ];
    for (const ref of refs) {
      const idAttr = ref.attribute('id');
      // Base 10 as libvirt reads it (id='01' is 1); an unreadable id or 0 is refused before this check.
      const id = audioId(ref);
      if (!idAttr || id === undefined || id === 0 || ids.has(id)) continue;
      context.report({ at: idAttr, messageId: 'dangling', data: { element: ref.parent!.name, id } });
    }
  },
});
