import rule from '#rules/video-secondary-type.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** Two <video> devices: the first <model> on line 25, the second on line 28. */
const two = (first: string, second: string) => domain(`<video>\n  <model ${first}/>\n</video>\n<video>\n  <model ${second}/>\n</video>`);

testRule(rule, {
  valid: [
    { name: 'qxl as a secondary adapter', xml: two("type='vga' primary='yes'", "type='qxl'") },
    { name: 'virtio as a secondary adapter', xml: two("type='vga' primary='yes'", "type='virtio'") },
    { name: "'none' as a secondary adapter", xml: two("type='vga'", "type='none'") },
    { name: 'the first video is primary when none is marked', xml: two("type='vga'", "type='qxl'") },
    { name: 'a single video', xml: domain("<video>\n  <model type='vga'/>\n</video>") },
    { name: "two primary='yes' (video-primary-duplicate's business)", xml: two("type='vga' primary='yes'", "type='cirrus' primary='yes'") },
    { name: 'another driver (xen)', xml: two("type='qxl' primary='yes'", "type='vga'").replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'a secondary vga, at its type attribute',
      xml: two("type='qxl' primary='yes'", "type='vga'"),
      errors: [
        {
          messageId: 'primaryOnly',
          data: { type: 'vga' },
          line: 28,
          column: 14,
          endLine: 28,
          endColumn: 24,
          severity: 'error',
          message:
            'A secondary <video> of type \'vga\' is not possible: libvirt refuses it: "video type \'vga\' is only valid as primary video device". Make it the primary adapter (primary=\'yes\', and only one video of this kind), or use type=\'qxl\' or \'virtio\' for additional displays.',
        },
      ],
    },
    {
      name: 'bochs after an unmarked first video',
      xml: two("type='qxl'", "type='bochs'"),
      errors: [{ messageId: 'primaryOnly', data: { type: 'bochs' }, line: 28, column: 14 }],
    },
    {
      name: "the first video becomes secondary when the second is primary='yes'",
      xml: two("type='vga'", "type='vga' primary='yes'"),
      errors: [{ messageId: 'primaryOnly', data: { type: 'vga' }, line: 25, column: 14 }],
    },
  ],
});
