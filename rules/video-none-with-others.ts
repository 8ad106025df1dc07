import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'video-none-with-others',
    description: "A <video> of type 'none' is defined next to other video devices",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      noneWithOthers:
        "A <video> of type 'none' cannot be combined with {{others}} other video device(s): libvirt refuses it: \"a 'none' video type must be the only video device defined for the domain\". " +
        "Keep either the 'none' video alone or the real video devices.",
    },
    docs: {
      whatItDoes: "Reports `<video><model type='none'/></video>` when the domain has more than one `<video>`.",
      whyIsThisBad:
        "`type='none'` means \"no emulated display adapter\" (typically with a passed-through GPU), so it cannot be combined with another video device. `virsh define` fails with \"a 'none' video type must be the only video device defined for the domain\".",
      example: `<video>
  <model type='qxl'/>
</video>
<video>
  <model type='none'/>
</video>`,
      useInstead: `<video>
  <model type='none'/>
</video>`,
      fixSafety: "The suggested fix removes the `type='none'` video; only a suggestion, since you may have meant to remove the other adapters instead (for a passthrough-only guest).",
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainVideoDefValidate: "a \'none\' video type must be the only video device defined for the domain"', 'libvirt test qemuxmlconfdata/video-invalid-multiple-devices.xml'],
    },
  },
  create(context) {
    const videos = context.domain.select('devices/video');
    if (videos.length < 2) return;
    for (const video of videos) {
      const model = video.child('model');
      if (model?.attr('type') !== 'none') continue;
      context.report({
        at: model,
        messageId: 'noneWithOthers',
        data: { others: videos.length - 1 },
        fixes: [{ title: "Remove the type='none' <video>", safety: 'unsafe', edits: [context.fixer.removeElement(video)] }],
      });
    }
  },
});
