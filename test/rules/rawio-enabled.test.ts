import rule from '#rules/rawio-enabled.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A SCSI disk with rawio='yes' on line 24. */
const disk = (device: string) =>
  domain(`<disk type='block' device='${device}' rawio='yes'>
  <source dev='/dev/sdb'/>
  <target dev='sdb' bus='scsi'/>
</disk>`);
const hostdev = (type: string) =>
  domain(`<hostdev mode='subsystem' type='${type}' rawio='yes'>\n  <source>\n    <adapter name='scsi_host0'/>\n    <address bus='0' target='0' unit='0'/>\n  </source>\n</hostdev>`);

testRule(rule, {
  valid: [
    { name: 'no rawio', xml: disk('lun').replace(" rawio='yes'", '') },
    { name: "rawio='no'", xml: disk('lun').replace("rawio='yes'", "rawio='no'") },
    { name: 'rawio on a hostdev that is not SCSI', xml: hostdev('pci') },
  ],
  invalid: [
    {
      name: "an error on a disk that is not device='lun', quoting libvirt",
      xml: disk('disk'),
      errors: [
        {
          messageId: 'notLun',
          data: { device: 'disk' },
          line: 24,
          column: 38,
          endLine: 24,
          endColumn: 49,
          severity: 'error',
          message:
            "rawio='yes' on a <disk device='disk'>: libvirt refuses it: \"rawio can be used only with device='lun'\". Remove rawio, or pass the device as device='lun'.",
        },
      ],
    },
    {
      name: 'a disk without device is a disk',
      xml: disk('disk').replace(" device='disk'", ''),
      errors: [{ messageId: 'notLun', data: { device: 'disk' }, line: 24, column: 24, severity: 'error' }],
    },
    {
      name: 'information on a LUN',
      xml: disk('lun'),
      errors: [
        {
          messageId: 'rawioGranted',
          line: 24,
          column: 37,
          endColumn: 48,
          severity: 'info',
          message:
            "rawio='yes' gives the VM's QEMU process CAP_SYS_RAWIO (libvirt taints the domain: high-privileges); keep it only if the guest really needs raw SCSI commands.",
        },
      ],
    },
    {
      name: 'information on a SCSI hostdev',
      xml: hostdev('scsi'),
      errors: [{ messageId: 'rawioGranted', line: 24, column: 43, severity: 'info' }],
    },
  ],
});
