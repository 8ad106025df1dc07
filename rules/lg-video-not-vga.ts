import { defineRule } from '#engine/rule.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

const RECOMMEND_VGA = "Looking Glass's guide recommends <model type='vga'/> so the VM has a usable display fallback";

export default defineRule({
  meta: {
    id: 'lg-video-not-vga',
    description: "A Looking Glass VM whose primary <video> model is not 'vga'",
    severity: 'info',
    category: 'looking-glass',
    fixable: false,
    messages: {
      notVga: "The primary video model is '{{type}}'; " + RECOMMEND_VGA + '.',
      noVideo: "The primary video model is 'none'; " + RECOMMEND_VGA + ' (with none there is nothing to show before the Looking Glass host runs).',
    },
    docs: {
      whatItDoes:
        "On a VM that uses Looking Glass, reports a first (primary) `<video>` device whose model is not `vga` (for example `qxl`, `virtio`, `cirrus` or `none`). A VM without any `<video>` element is not reported.",
      whyIsThisBad:
        "Looking Glass's libvirt guide says to set the `<video>` model to `vga`; the current guide: \"For a usable display fallback, set the VM's `<video>` model to `vga`.\" Other emulated adapters add a second display to Windows that Looking Glass does not capture well, and `none` leaves nothing to fall back to when the capture is not running (boot, driver updates).",
      example: `<video>
  <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/>
</video>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      useInstead: `<video>
  <model type='vga' vram='16384' heads='1' primary='yes'/>
</video>
<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`,
      fixSafety:
        'No automatic fix: model-specific attributes (qxl\'s ram, vgamem) must go as well, and Windows will see a different display adapter. Edit the `<model>` as shown.',
      sources: [
        "Looking Glass B7 doc/install_libvirt.rst \"Keyboard/mouse/display/audio\": \"Find your <video> device, and set <model type='vga'/>\"",
        "Looking Glass master doc/install_libvirt.rst: \"For a usable display fallback, set the VM's <video> model to vga\"",
      ],
      notes: "With `none` some users deliberately run with only the passed-through GPU; that works, without the fallback display. This is advice, never an error.",
    },
  },
  create(context) {
    const { domain } = context;
    if (!usesLookingGlass(domain)) return;
    const video = domain.select('devices/video')[0];
    const model = video?.child('model');
    const type = model?.attr('type');
    if (!model || type === undefined || type === 'vga') return;
    const at = model.attribute('type')!;
    if (type === 'none') context.report({ at, messageId: 'noVideo' });
    else context.report({ at, messageId: 'notVga', data: { type } });
  },
});
