import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { audioBackends } from '#domain/audio.js';
import { repeats } from '#domain/repeats.js';

export default defineRule({
  meta: {
    id: 'audio-id-duplicate',
    description: 'Two <audio> backends have the same id',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      duplicate:
        'Audio id {{id}} is already used by another <audio>: libvirt refuses it: "audio ID {{id}} is used multiple times". Give each <audio> backend its own id and point the <sound> devices at the one they should use.',
    },
    docs: {
      whatItDoes: "Reports an `<audio id='N'>` backend when an earlier `<audio>` already has id N.",
      whyIsThisBad:
        'Sound devices select their backend by id, so ids must be unique. `virsh define` fails with "audio ID N is used multiple times". It happens when a second backend is pasted in (e.g. `type=\'spice\'` next to an existing `type=\'pipewire\'`) without renumbering.',
      example: `<audio id='1' type='spice'/>
<audio id='1' type='pipewire' runtimeDir='/run/user/1000'/>`,
      useInstead: `<audio id='1' type='spice'/>
<audio id='2' type='pipewire' runtimeDir='/run/user/1000'/>`,
      fixSafety: 'No fix: renumbering changes which backend each sound device uses.',
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainAudioDefValidate: "audio ID %1$u is used multiple times"'],
    },
  },
  create(context) {
    const numericId = (audio: XmlElement) => {
      const v = audio.attr('id')?.trim();
      return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
    };
    for (const { item: audio, key: id } of repeats(audioBackends(context.domain), numericId)) {
      const idAttr = audio.attribute('id')!;
      context.report({ at: idAttr, messageId: 'duplicate', data: { id } });
    }
  },
});
