import rule from '#rules/audio-id-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const xml = (id2: string) => domain(`<graphics type='spice' autoport='yes'/>\n<audio id='1' type='spice'/>\n<audio id='${id2}' type='pipewire' runtimeDir='/run/user/1000'/>`);

testRule(rule, {
  valid: [{ name: 'distinct ids', xml: xml('2') }],
  invalid: [
    {
      name: 'the second backend with an id in use, at its id attribute',
      xml: xml('1'),
      errors: [
        {
          messageId: 'duplicate',
          data: { id: 1 },
          line: 26,
          column: 12,
          endLine: 26,
          endColumn: 18,
          severity: 'error',
          message:
            'Audio id 1 is already used by another <audio>: libvirt refuses it: "audio ID 1 is used multiple times". Give each <audio> backend its own id and point the <sound> devices at the one they should use.',
        },
      ],
    },
    {
      name: 'ids compare as numbers',
      xml: xml('01'),
      errors: [{ messageId: 'duplicate', data: { id: 1 }, line: 26, column: 12 }],
    },
  ],
});
