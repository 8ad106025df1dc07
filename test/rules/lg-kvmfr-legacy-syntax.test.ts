import rule from '#rules/lg-kvmfr-legacy-syntax.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
const withArgs = (args: string) => domain('', { rootAttrs: NS, extra: `<qemu:commandline>\n${args}\n</qemu:commandline>` });
const LEGACY_DEVICE = 'ivshmem-plain,id=shmem0,memdev=looking-glass';
const LEGACY_OBJECT = 'memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=32M,share=yes';
const JSON_DEVICE = '{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}';
const JSON_OBJECT = '{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":33554432,"share":true}';
// The legacy block from Looking Glass's KVMFR guide, as older guides give it.
const legacy = withArgs(`  <qemu:arg value='-device'/>
  <qemu:arg value='${LEGACY_DEVICE}'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='${LEGACY_OBJECT}'/>`);
const converted = legacy.replace(LEGACY_DEVICE, JSON_DEVICE).replace(LEGACY_OBJECT, JSON_OBJECT);
const doubleQuoted = legacy.replace(/'/g, '"');
const NEW_HOST = { qemu: '10.2.2', libvirt: '11.3.0' };
const untranslatable = withArgs(`  <qemu:arg value='-device'/>\n  <qemu:arg value='ivshmem-plain,memdev=looking-glass,addr=0x10,master=on'/>`);

testRule(rule, {
  valid: [
    { name: 'does not run on QEMU 6.1', xml: legacy, host: { qemu: '6.1.0', libvirt: '11.3.0' } },
    { name: 'does not run on libvirt 7.8', xml: legacy, host: { qemu: '10.2.2', libvirt: '7.8.0' } },
    { name: 'does not run without the libvirt version', xml: legacy, host: { qemu: '10.2.2' } },
    { name: 'the JSON syntax', xml: withArgs(`  <qemu:arg value='-device'/>\n  <qemu:arg value='${JSON_DEVICE}'/>`), host: NEW_HOST },
    // QEMU's lookup_opt compares the whole word: "-device=..." is "invalid option", not a device to rewrite.
    { name: "'-device=value' in one word is no -device to QEMU", xml: withArgs(`  <qemu:arg value='-device=${LEGACY_DEVICE}'/>`), host: NEW_HOST },
  ],
  invalid: [
    {
      name: 'the legacy -device value on QEMU 6.2+ with libvirt 7.9+; the JSON form of the guide (device and backend) is only a suggestion',
      xml: legacy,
      host: NEW_HOST,
      errors: [
        {
          messageId: 'legacyDevice',
          data: { value: LEGACY_DEVICE, json: JSON_DEVICE },
          line: 28,
          column: 5,
          endLine: 28,
          endColumn: 69,
          severity: 'warning',
          message:
            "-device 'ivshmem-plain,id=shmem0,memdev=looking-glass' uses the legacy syntax; with QEMU 6.2+ and libvirt 7.9+ libvirt passes its devices as JSON and Looking Glass warns that QEMU may abort with \"PCI: slot 1 function 0 not available for pcie-root-port, in use by ivshmem-plain\". Write it in the JSON syntax: {\"driver\":\"ivshmem-plain\",\"id\":\"shmem0\",\"memdev\":\"looking-glass\"}.",
          suggestions: [{ title: 'Rewrite the ivshmem-plain device (and its memory backend) in the JSON syntax', output: converted }],
        },
      ],
      output: null,
      unsafeOutput: converted,
    },
    {
      name: "uses single quotes inside double-quoted attributes, as Looking Glass's guide writes them",
      xml: doubleQuoted,
      host: NEW_HOST,
      errors: [
        {
          messageId: 'legacyDevice',
          line: 28,
          column: 5,
          suggestions: [
            {
              output: doubleQuoted
                .replace(LEGACY_DEVICE, JSON_DEVICE.replace(/"/g, "'"))
                .replace(LEGACY_OBJECT, JSON_OBJECT.replace(/"/g, "'")),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'offers no rewrite for properties it cannot translate exactly',
      xml: untranslatable,
      host: NEW_HOST,
      errors: [{ messageId: 'legacyDevice', data: { value: 'ivshmem-plain,memdev=looking-glass,addr=0x10,master=on', json: '{"driver":"ivshmem-plain",...}' }, line: 28, column: 5 }],
      output: null,
      unsafeOutput: null,
    },
  ],
});
