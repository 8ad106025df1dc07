import rule from '#rules/lg-clipboard-channel-missing.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
const CHANNEL = `<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
</channel>`;
const QEMU_GA = `<channel type='unix'>\n  <target type='virtio' name='org.qemu.guest_agent.0'/>\n</channel>`;

testRule(rule, {
  valid: [
    { name: 'with the agent channel', xml: domain(`${CHANNEL}\n${SPICE}\n${LG}`) },
    { name: 'the target name defaults to com.redhat.spice.0', xml: domain(`<channel type='spicevmc'>\n  <target type='virtio'/>\n</channel>\n${SPICE}\n${LG}`) },
    { name: 'without SPICE graphics', xml: domain(LG) },
    { name: 'without Looking Glass', xml: domain(SPICE) },
  ],
  invalid: [
    {
      name: 'a Looking Glass VM with SPICE but no agent channel, at <graphics>; the suggestion adds the channel before <graphics>',
      xml: domain(`${SPICE}\n${LG}`),
      errors: [
        {
          messageId: 'channelMissing',
          line: 24,
          column: 5,
          endLine: 24,
          endColumn: 43,
          severity: 'info',
          message:
            "No <channel type='spicevmc'> with target name 'com.redhat.spice.0': Looking Glass cannot synchronise the clipboard without the SPICE agent channel. Add it (and install the SPICE guest tools in Windows).",
          suggestions: [{ title: 'Add the spicevmc agent channel', output: domain(`${CHANNEL}\n${SPICE}\n${LG}`) }],
        },
      ],
      output: null,
      unsafeOutput: domain(`${CHANNEL}\n${SPICE}\n${LG}`),
    },
    {
      name: 'the suggestion adds the channel after the last <channel>',
      xml: domain(`${QEMU_GA}\n${SPICE}\n${LG}`),
      errors: [{ messageId: 'channelMissing', line: 27, column: 5, suggestions: [{ output: domain(`${QEMU_GA}\n${CHANNEL}\n${SPICE}\n${LG}`) }] }],
      output: null,
    },
  ],
});
