import rule from '#rules/audio-id-dangling.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const xml = (backend: string) => domain(`<sound model='ich9'>\n  <audio id='1'/>\n</sound>\n${backend}`);

testRule(rule, {
  valid: [
    { name: 'the <sound> names an existing backend', xml: xml("<audio id='1' type='pipewire'/>") },
    { name: "ids are numbers: id='01' names <audio id='1'> (virsh define writes it back as id='1')", xml: xml("<audio id='1' type='pipewire'/>").replace("<audio id='1'/>", "<audio id='01'/>") },
    // `virsh define` refuses the backend itself ("Invalid value for attribute 'id' ... '0x2'") before resolving references.
    { name: 'a backend id libvirt cannot read (hex) is left to the parser', xml: xml("<audio id='0x2' type='pipewire'/>") },
    { name: "id 0 means 'not set'", xml: xml("<audio id='2' type='pipewire'/>").replace("<audio id='1'/>", "<audio id='0'/>") },
  ],
  invalid: [
    {
      name: 'a <sound> reference to a missing backend, at its id attribute',
      xml: xml("<audio id='2' type='pipewire'/>"),
      errors: [
        {
          messageId: 'dangling',
          data: { element: 'sound', id: 1 },
          line: 25,
          column: 14,
          endLine: 25,
          endColumn: 20,
          severity: 'error',
          message:
            '<sound> plays through audio backend 1, but there is no <audio id=\'1\'>: libvirt refuses it: "no audio device with ID 1". Add <audio id=\'1\' type=\'...\'/> (pipewire, pulseaudio, spice or none), or point to an existing backend.',
        },
      ],
    },
    {
      // strtoul takes a '+' (`virsh define` reads id='+1' as 1).
      name: "a reference written '+2' is id 2",
      xml: xml("<audio id='1' type='pipewire'/>").replace("<audio id='1'/>", "<audio id='+2'/>"),
      errors: [{ messageId: 'dangling', data: { element: 'sound', id: 2 }, line: 25, column: 14 }],
    },
    {
      name: 'VNC <graphics><audio> references are checked too',
      xml: domain("<graphics type='vnc' port='-1' autoport='yes'>\n  <audio id='3'/>\n</graphics>\n<audio id='1' type='none'/>"),
      errors: [{ messageId: 'dangling', data: { element: 'graphics', id: 3 }, line: 25, column: 14, endColumn: 20 }],
    },
  ],
});
