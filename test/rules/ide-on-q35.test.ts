import rule from '#rules/ide-on-q35.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const cdrom = domain(`<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/virtio-win-0.1.266.iso'/>
  <target dev='hdc' bus='ide'/>
  <readonly/>
</disk>`);
const i440fx = (xml: string) => xml.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");

testRule(rule, {
  valid: [
    { name: 'SATA on q35', xml: cdrom.replace("<target dev='hdc' bus='ide'/>", "<target dev='sdc' bus='sata'/>") },
    { name: 'IDE on i440fx', xml: i440fx(cdrom) },
    { name: 'the built-in IDE controller (index 0) on i440fx', xml: i440fx(domain("<controller type='ide' index='0'/>")) },
  ],
  invalid: [
    {
      name: 'an IDE disk on q35, at its bus attribute',
      xml: cdrom,
      errors: [
        {
          messageId: 'diskOnQ35',
          data: { dev: 'hdc' },
          line: 27,
          column: 25,
          endLine: 27,
          endColumn: 34,
          severity: 'error',
          message:
            'Disk \'hdc\' is on the IDE bus, but the q35 machine has no IDE controller: libvirt refuses it: "IDE controllers are unsupported for this QEMU binary or machine type". Use bus=\'sata\' (with an sd* target name) or bus=\'virtio\' / \'scsi\'.',
        },
      ],
    },
    {
      name: 'an hd* target without a bus is IDE, reported at <target>',
      xml: cdrom.replace("<target dev='hdc' bus='ide'/>", "<target dev='hdc'/>"),
      errors: [{ messageId: 'diskOnQ35', data: { dev: 'hdc' }, line: 27, column: 7 }],
    },
    {
      name: 'an IDE controller on q35',
      xml: domain("<controller type='ide' index='0'/>"),
      errors: [
        {
          messageId: 'controllerOnQ35',
          line: 24,
          column: 5,
          message:
            'The q35 machine cannot have an IDE controller: libvirt refuses it: "IDE controllers are unsupported for this QEMU binary or machine type". Remove it and put the disks on SATA.',
        },
      ],
    },
    {
      // qemuDomainMachineIsI440FX counts RHEL's downstream machine names.
      name: 'a second IDE controller on the RHEL i440fx machine pc-i440fx-rhel7.6.0',
      xml: domain("<controller type='ide' index='0'/>\n<controller type='ide' index='1'/>").replace("machine='pc-q35-9.1'", "machine='pc-i440fx-rhel7.6.0'"),
      errors: [{ messageId: 'secondControllerOnI440fx', data: { index: '1' }, line: 25, column: 5 }],
    },
    {
      name: 'a second IDE controller on i440fx',
      xml: i440fx(domain("<controller type='ide' index='0'/>\n<controller type='ide' index='1'/>")),
      errors: [
        {
          messageId: 'secondControllerOnI440fx',
          data: { index: '1' },
          line: 25,
          column: 5,
          message:
            'i440fx has one built-in IDE controller (index 0); index 1 cannot exist: libvirt refuses it: "Only a single IDE controller is supported for this machine type". Use SATA, SCSI or virtio for more disks.',
        },
      ],
    },
  ],
});
