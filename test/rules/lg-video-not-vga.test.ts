import rule from '#rules/lg-video-not-vga.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const video = (model: string) => domain(`<video>\n  <model type='${model}' heads='1' primary='yes'/>\n</video>\n${LG}`);

testRule(rule, {
  valid: [
    { name: 'vga', xml: video('vga') },
    { name: 'qxl without Looking Glass', xml: domain(`<video>\n  <model type='qxl'/>\n</video>`) },
    { name: 'no <video> at all', xml: domain(LG) },
    { name: 'a <video> without <model>', xml: domain(`<video/>\n${LG}`) },
    { name: 'only the first <video> counts (vga, then qxl)', xml: domain(`<video>\n  <model type='vga'/>\n</video>\n<video>\n  <model type='qxl'/>\n</video>\n${LG}`) },
  ],
  invalid: [
    {
      name: 'a qxl primary video on a Looking Glass VM, at the type attribute',
      xml: video('qxl'),
      errors: [
        {
          messageId: 'notVga',
          data: { type: 'qxl' },
          line: 25,
          column: 14,
          endLine: 25,
          endColumn: 24,
          severity: 'info',
          message: "The primary video model is 'qxl'; Looking Glass's guide recommends <model type='vga'/> so the VM has a usable display fallback.",
        },
      ],
    },
    {
      name: 'virtio',
      xml: video('virtio'),
      errors: [{ messageId: 'notVga', data: { type: 'virtio' }, line: 25, column: 14, endColumn: 27 }],
    },
    {
      name: "'none' says what it loses",
      xml: video('none'),
      errors: [
        {
          messageId: 'noVideo',
          line: 25,
          column: 14,
          endColumn: 25,
          message:
            "The primary video model is 'none'; Looking Glass's guide recommends <model type='vga'/> so the VM has a usable display fallback (with none there is nothing to show before the Looking Glass host runs).",
        },
      ],
    },
  ],
});
