import rule from '#rules/video-primary-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const video = (secondPrimary: string) =>
  domain(`<video>
  <model type='vga' vram='16384' heads='1' primary='yes'/>
</video>
<video>
  <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1'${secondPrimary}/>
</video>`);
const xml = video(" primary='yes'");

testRule(rule, {
  valid: [
    { name: 'a single primary', xml: video('') },
    { name: "primary='no' on the second", xml: video(" primary='no'") },
  ],
  invalid: [
    {
      name: "a second primary video, at its primary attribute; removing it is only a suggestion",
      xml,
      errors: [
        {
          messageId: 'secondPrimary',
          line: 28,
          column: 75,
          endLine: 28,
          endColumn: 88,
          severity: 'error',
          message: 'A second <video> is marked primary: libvirt refuses it: "Only one primary video device is supported". Keep primary=\'yes\' on one video device only.',
          suggestions: [{ title: "Remove primary='yes'", output: video('') }],
        },
      ],
      output: null,
      unsafeOutput: video(''),
    },
  ],
});
