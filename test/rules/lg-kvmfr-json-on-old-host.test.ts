import rule from '#rules/lg-kvmfr-json-on-old-host.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
const DEVICE_JSON = `"{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}"`;
// The JSON block from Looking Glass's current KVMFR guide.
const json = domain('', {
  rootAttrs: NS,
  extra: `<qemu:commandline>
  <qemu:arg value="-device"/>
  <qemu:arg value=${DEVICE_JSON}/>
  <qemu:arg value="-object"/>
  <qemu:arg value="{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/dev/kvmfr0','size':33554432,'share':true}"/>
</qemu:commandline>`,
});
// A boolean property has no legacy spelling virt-lint writes for you.
const withBoolean = json.replace(DEVICE_JSON, `"{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass','multifunction':true}"`);

testRule(rule, {
  valid: [
    { name: 'QEMU 6.2 and libvirt 7.9', xml: json, host: { qemu: '6.2.0', libvirt: '7.9.0' } },
    { name: 'a current QEMU, libvirt unknown', xml: json, host: { qemu: '10.2.2' } },
    { name: 'does not run without the QEMU version', xml: json, host: { libvirt: '7.0.0' } },
    { name: 'the legacy syntax on QEMU 6.1', xml: json.replace(DEVICE_JSON, '"ivshmem-plain,id=shmem0,memdev=looking-glass"'), host: { qemu: '6.1.1' } },
  ],
  invalid: [
    {
      name: 'an error on QEMU older than 6.2, at the JSON value, with the legacy form',
      xml: json,
      host: { qemu: '6.1.1' },
      errors: [
        {
          messageId: 'oldQemu',
          data: { qemu: '6.1.1', legacy: 'ivshmem-plain,id=shmem0,memdev=looking-glass' },
          line: 28,
          column: 5,
          endLine: 28,
          endColumn: 90,
          severity: 'error',
          message:
            "-device uses the JSON syntax, which QEMU 6.1.1 does not understand (JSON -device needs QEMU 6.2 or later): QEMU will not start. Use the legacy form 'ivshmem-plain,id=shmem0,memdev=looking-glass', as Looking Glass's guide says for QEMU older than 6.2.",
        },
      ],
    },
    {
      name: 'on QEMU older than 6.2, without a legacy form when a value is not a string or number',
      xml: withBoolean,
      host: { qemu: '6.1.1' },
      errors: [
        {
          messageId: 'oldQemuNoLegacy',
          data: { qemu: '6.1.1' },
          line: 28,
          column: 5,
          severity: 'error',
          message:
            "-device uses the JSON syntax, which QEMU 6.1.1 does not understand (JSON -device needs QEMU 6.2 or later): QEMU will not start. Use the legacy form, as Looking Glass's guide says for QEMU older than 6.2.",
        },
      ],
    },
    {
      name: 'a warning with QEMU 6.2+ but libvirt older than 7.9',
      xml: json,
      host: { qemu: '6.2.0', libvirt: '7.8.0' },
      errors: [
        {
          messageId: 'oldLibvirt',
          data: { libvirt: '7.8.0', legacy: 'ivshmem-plain,id=shmem0,memdev=looking-glass' },
          line: 28,
          column: 5,
          severity: 'warning',
          message:
            "-device uses the JSON syntax with libvirt 7.8.0; Looking Glass's guide says to use the legacy syntax with libvirt older than 7.9: 'ivshmem-plain,id=shmem0,memdev=looking-glass'.",
        },
      ],
    },
    {
      name: 'the libvirt warning without a legacy form',
      xml: withBoolean,
      host: { qemu: '6.2.0', libvirt: '7.8.0' },
      errors: [
        {
          messageId: 'oldLibvirtNoLegacy',
          data: { libvirt: '7.8.0' },
          line: 28,
          column: 5,
          severity: 'warning',
          message: "-device uses the JSON syntax with libvirt 7.8.0; Looking Glass's guide says to use the legacy syntax with libvirt older than 7.9.",
        },
      ],
    },
  ],
});
