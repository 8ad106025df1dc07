import rule from '#rules/lg-tablet-present.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const TABLET = `<input type='tablet' bus='usb'>
  <address type='usb' bus='0' port='1'/>
</input>`;
const xml = domain(`${TABLET}\n<input type='mouse' bus='ps2'/>\n${LG}`);
const withoutTablet = domain(`<input type='mouse' bus='ps2'/>\n${LG}`);

testRule(rule, {
  valid: [
    { name: 'the master (IDD) client', xml, options: { lookingGlassRelease: 'master' } },
    { name: 'without Looking Glass', xml: domain(TABLET) },
    { name: 'a Looking Glass VM without a tablet', xml: withoutTablet },
  ],
  invalid: [
    {
      name: 'the tablet of a Looking Glass VM (B7 by default), at <input>; removing it is only a suggestion',
      xml,
      errors: [
        {
          messageId: 'tabletPresent',
          data: { release: 'B7' },
          line: 24,
          column: 5,
          endLine: 24,
          endColumn: 36,
          severity: 'info',
          message:
            "<input type='tablet'> on a Looking Glass B7 VM: Looking Glass's guide says to remove it, since absolute pointing breaks cursor capture in games and applications.",
          suggestions: [{ title: "Remove the <input type='tablet'> device", output: withoutTablet }],
        },
      ],
      output: null,
      unsafeOutput: withoutTablet,
    },
    {
      name: 'names the B6 release when configured',
      xml,
      options: { lookingGlassRelease: 'B6' },
      errors: [{ messageId: 'tabletPresent', data: { release: 'B6' }, line: 24, column: 5, suggestions: [{ output: withoutTablet }] }],
      output: null,
    },
  ],
});
