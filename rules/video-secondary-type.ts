import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { isQemuDomain } from '#domain/machine.js';

export default defineRule({
  meta: {
    id: 'video-secondary-type',
    description: 'A secondary (non-primary) <video> is of a type QEMU only supports as the primary adapter',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      primaryOnly:
        'A secondary <video> of type \'{{type}}\' is not possible: libvirt refuses it: "video type \'{{type}}\' is only valid as primary video device". ' +
        "Make it the primary adapter (primary='yes', and only one video of this kind), or use type='qxl' or 'virtio' for additional displays.",
    },
    docs: {
      whatItDoes:
        "Finds the primary video device (the one with `primary='yes'`, else the first `<video>`) and reports every other `<video>` whose model type is not `qxl` or `virtio` (for example a second `vga`, `cirrus`, `bochs` or `ramfb`). QEMU driver only.",
      whyIsThisBad:
        'Only QXL and virtio-gpu can be added as extra display adapters; the others are VGA-compatible devices of which a PC has one. `virsh define` fails with "video type \'vga\' is only valid as primary video device".',
      example: `<video>
  <model type='qxl' primary='yes'/>
</video>
<video>
  <model type='vga'/>
</video>`,
      useInstead: `<video>
  <model type='vga' primary='yes'/>
</video>
<video>
  <model type='qxl'/>
</video>`,
      fixSafety: 'No fix: whether to make this device primary, change its type or drop it is your choice.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefVideo: "video type \'%1$s\' is only valid as primary video device"', 'libvirt src/conf/domain_conf.c (a video with primary=\'yes\' is moved to the front; the first video is primary otherwise)'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const videos = domain.select('devices/video');
    if (videos.length < 2) return;
    const primary: XmlElement = videos.find((v) => v.child('model')?.attr('primary') === 'yes') ?? videos[0];
    for (const video of videos) {
      if (video === primary) continue;
      const model = video.child('model');
      const type = model?.attr('type');
      if (!model || !type || type === 'qxl' || type === 'virtio' || type === 'none') continue;
      // A second primary='yes' is video-primary-duplicate's business.
      if (model.attr('primary') === 'yes') continue;
      context.report({ at: model.attribute('type')!, messageId: 'primaryOnly', data: { type } });
    }
  },
});
