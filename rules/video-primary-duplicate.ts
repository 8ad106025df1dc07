import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'video-primary-duplicate',
    description: "More than one <video> model is marked primary='yes'",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      secondPrimary: 'A second <video> is marked primary: libvirt refuses it: "Only one primary video device is supported". Keep primary=\'yes\' on one video device only.',
    },
    docs: {
      whatItDoes: "Reports every `<video><model primary='yes'>` after the first one.",
      whyIsThisBad: 'A guest has one primary display adapter (the one the firmware and boot screen use). `virsh define` fails with "Only one primary video device is supported".',
      example: `<video>
  <model type='vga' vram='16384' heads='1' primary='yes'/>
</video>
<video>
  <model type='qxl' heads='1' primary='yes'/>
</video>`,
      useInstead: `<video>
  <model type='vga' vram='16384' heads='1' primary='yes'/>
</video>
<video>
  <model type='qxl' heads='1'/>
</video>`,
      fixSafety: "The suggested fix removes `primary='yes'` from the later device; only a suggestion, since you may have meant the later one to be primary.",
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainDefVideoValidate: "Only one primary video device is supported"', 'libvirt test qemuxmlconfdata/video-multiple-primaries.xml'],
    },
  },
  create(context) {
    let seen = false;
    for (const model of context.domain.select('devices/video/model')) {
      const primary = model.attribute('primary');
      if (primary?.value !== 'yes') continue;
      if (!seen) {
        seen = true;
        continue;
      }
      context.report({
        at: primary,
        messageId: 'secondPrimary',
        fixes: [{ title: "Remove primary='yes'", safety: 'unsafe', edits: [context.fixer.removeAttribute(primary)] }],
      });
    }
  },
});
