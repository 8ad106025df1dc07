import rule from '#rules/filesystem-target-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const shares = (driver2: string, tag2: string, driver1 = "<driver type='virtiofs'/>") =>
  domain(`<filesystem type='mount' accessmode='passthrough'>
  ${driver1}
  <source dir='/srv/projects'/>
  <target dir='share'/>
</filesystem>
<filesystem type='mount' accessmode='passthrough'>
  ${driver2}
  <source dir='/srv/media'/>
  <target dir='${tag2}'/>
</filesystem>`);

testRule(rule, {
  valid: [
    { name: 'distinct tags', xml: shares("<driver type='virtiofs'/>", 'media') },
    { name: 'two 9p shares with one tag (libvirt does not check those)', xml: shares("<driver type='path'/>", 'share', "<driver type='path'/>") },
  ],
  invalid: [
    {
      name: 'a virtiofs mount tag used twice, at the second dir attribute',
      xml: shares("<driver type='virtiofs'/>", 'share'),
      errors: [
        {
          messageId: 'duplicate',
          data: { dir: 'share' },
          line: 32,
          column: 15,
          endLine: 32,
          endColumn: 26,
          severity: 'error',
          message:
            'Filesystem target \'share\' is already used by another <filesystem>: libvirt refuses it: "filesystem target \'share\' specified twice". Give each share its own target (the tag the guest mounts).',
        },
      ],
    },
    {
      name: 'a 9p share that reuses a virtiofs tag',
      xml: shares("<driver type='path'/>", 'share'),
      errors: [{ messageId: 'duplicate', data: { dir: 'share' }, line: 32, column: 15 }],
    },
  ],
});
