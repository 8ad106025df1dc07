import rule from '#rules/spice-audio-without-spice-graphics.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// A passthrough VM after deleting <graphics type='spice'>: the audio backend stayed behind.
const xml = domain(`<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
<video>
  <model type='none'/>
</video>`);
const toNone = (s: string) => s.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>");

testRule(rule, {
  valid: [
    { name: 'SPICE audio with SPICE graphics', xml: xml.replace('<video>', "<graphics type='spice' autoport='yes'/>\n    <video>") },
    { name: 'another backend without SPICE graphics', xml: toNone(xml) },
    { name: 'outside the QEMU driver', xml: xml.replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: "the SPICE backend without SPICE graphics, at its type; type='none' is only a suggestion",
      xml,
      errors: [
        {
          messageId: 'spiceAudioWithoutSpice',
          data: { id: '1' },
          line: 27,
          column: 19,
          endLine: 27,
          endColumn: 31,
          severity: 'error',
          message:
            '<audio id=\'1\' type=\'spice\'> needs SPICE graphics, and this domain has none: libvirt refuses it: "Spice audio is not supported without spice graphics". Add <graphics type=\'spice\'>, or use another backend (type=\'pipewire\', \'pulseaudio\' or \'none\').',
          suggestions: [{ title: "Set the audio backend to type='none'", output: toNone(xml) }],
        },
      ],
      output: null,
      unsafeOutput: toNone(xml),
    },
  ],
});
