import { defineRule } from '#engine/rule.js';
import { hasSpiceGraphics } from '#domain/devices.js';
import { isQemuDomain } from '#domain/machine.js';

export default defineRule({
  meta: {
    id: 'spice-audio-without-spice-graphics',
    description: "<audio type='spice'> without SPICE graphics",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      spiceAudioWithoutSpice:
        "<audio id='{{id}}' type='spice'> needs SPICE graphics, and this domain has none: libvirt refuses it: \"Spice audio is not supported without spice graphics\". " +
        "Add <graphics type='spice'>, or use another backend (type='pipewire', 'pulseaudio' or 'none').",
    },
    docs: {
      whatItDoes: "Reports `<audio type='spice'>` when the domain has no `<graphics type='spice'>`. QEMU driver only.",
      whyIsThisBad:
        'SPICE audio travels over the SPICE display connection; without SPICE graphics there is nothing to carry it. `virsh define` fails with "Spice audio is not supported without spice graphics". Typical after deleting `<graphics type=\'spice\'>` for GPU passthrough, or switching to VNC, and leaving the audio backend behind.',
      example: `<graphics type='vnc' port='-1' autoport='yes'/>
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>`,
      useInstead: `<graphics type='vnc' port='-1' autoport='yes'/>
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='pipewire'/>`,
      fixSafety:
        "The suggested fix sets the backend to `type='none'`: the domain becomes valid and the guest keeps its sound card, but plays to nowhere. It is only a suggestion: a host backend (`pipewire`, `pulseaudio`) or adding SPICE graphics back may be what you want.",
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefAudio: "Spice audio is not supported without spice graphics"'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain) || hasSpiceGraphics(domain)) return;
    for (const audio of domain.select('devices/audio')) {
      const type = audio.attribute('type');
      if (type?.value !== 'spice') continue;
      context.report({
        at: type,
        messageId: 'spiceAudioWithoutSpice',
        data: { id: audio.attr('id') ?? '' },
        fixes: [{ title: "Set the audio backend to type='none'", safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(type, 'none')] }],
      });
    }
  },
});
