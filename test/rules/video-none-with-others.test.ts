import rule from '#rules/video-none-with-others.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const QXL = `<video>
  <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/>
</video>`;
const VGA = `<video>\n  <model type='vga' vram='16384' heads='1'/>\n</video>`;
const NONE = `<video>\n  <model type='none'/>\n</video>`;
const NONE_LINES = "    <video>\n      <model type='none'/>\n    </video>\n";

const xml = domain(`${QXL}\n${NONE}`);
const three = domain(`${QXL}\n${VGA}\n${NONE}`);

testRule(rule, {
  valid: [
    { name: "a 'none' video alone", xml: domain(NONE) },
    { name: 'two real video devices', xml: domain(`${QXL}\n${VGA}`) },
  ],
  invalid: [
    {
      name: "a type='none' video next to another one, at its <model>; removing it is only a suggestion",
      xml,
      errors: [
        {
          messageId: 'noneWithOthers',
          data: { others: 1 },
          line: 28,
          column: 7,
          endLine: 28,
          endColumn: 27,
          severity: 'error',
          message:
            'A <video> of type \'none\' cannot be combined with 1 other video device(s): libvirt refuses it: "a \'none\' video type must be the only video device defined for the domain". Keep either the \'none\' video alone or the real video devices.',
          suggestions: [{ title: "Remove the type='none' <video>", output: xml.replace(NONE_LINES, '') }],
        },
      ],
      output: null,
      unsafeOutput: xml.replace(NONE_LINES, ''),
    },
    {
      name: 'counts the other video devices',
      xml: three,
      errors: [{ messageId: 'noneWithOthers', data: { others: 2 }, line: 31, column: 7, suggestions: [{ output: three.replace(NONE_LINES, '') }] }],
      output: null,
    },
  ],
});
