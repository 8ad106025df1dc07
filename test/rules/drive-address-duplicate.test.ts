import rule from '#rules/drive-address-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// libvirt's own test qemuxmlconfdata/disk-address-conflict.xml in virt-manager's shape:
// sda gets controller 0 unit 0 from its name, sdb claims the same address explicitly.
const sata = (unit: number) =>
  domain(`<disk type='block' device='disk'>
  <driver name='qemu' type='raw'/>
  <source dev='/dev/vg0/system'/>
  <target dev='sda' bus='sata'/>
</disk>
<disk type='block' device='disk'>
  <driver name='qemu' type='raw'/>
  <source dev='/dev/vg0/data'/>
  <target dev='sdb' bus='sata'/>
  <address type='drive' controller='0' bus='0' target='0' unit='${unit}'/>
</disk>`);

// sdh is index 7 -> unit 8 (QEMU's SCSI numbering skips unit 7); sdb claims unit 8 explicitly.
const scsiDisks = domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/a.img'/>
  <target dev='sdh' bus='scsi'/>
</disk>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/b.img'/>
  <target dev='sdb' bus='scsi'/>
  <address type='drive' controller='0' bus='0' target='0' unit='8'/>
</disk>`);

const scsiHostdev = (unit: number) => `<hostdev mode='subsystem' type='scsi' managed='no'>
  <source>
    <adapter name='scsi_host2'/>
    <address bus='0' target='0' unit='${unit}'/>
  </source>
  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
</hostdev>`;

testRule(rule, {
  valid: [
    { name: 'a free unit', xml: sata(1) },
    { name: 'the same address on another bus', xml: sata(0).replace("<target dev='sdb' bus='sata'/>", "<target dev='sdb' bus='scsi'/>") },
    { name: 'SCSI unit 7 is free: the name-derived units skip it', xml: scsiDisks.replace("unit='8'", "unit='7'") },
    {
      // Base 10, as libvirt reads it: unit='010' is 10, not octal 8.
      name: "unit='010' is unit 10, not the unit 8 another disk uses",
      xml: scsiDisks.replace("<target dev='sdh' bus='scsi'/>", "<target dev='sdh' bus='scsi'/>\n  <address type='drive' controller='0' bus='0' target='0' unit='010'/>"),
    },
  ],
  invalid: [
    {
      name: 'an explicit address that collides with the one libvirt gives another disk, at the <address>',
      xml: sata(0),
      errors: [
        {
          messageId: 'diskOnDisk',
          data: { dev: 'sdb', bus: 'sata', other: 'sda', address: "controller='0' bus='0' target='0' unit='0'" },
          line: 33,
          column: 7,
          endLine: 33,
          endColumn: 73,
          severity: 'error',
          message:
            'Disk \'sdb\' is at the same sata drive address as disk \'sda\' (controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\'): libvirt refuses it: "Found duplicate drive address for disk with target name \'sda\' controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\'". Give one of them another unit, or drop its <address> and let libvirt choose.',
        },
      ],
    },
    {
      name: 'SCSI addresses derived the QEMU way (15 per controller, unit 7 skipped)',
      xml: scsiDisks,
      errors: [{ messageId: 'diskOnDisk', data: { dev: 'sdb', bus: 'scsi', other: 'sdh', address: "controller='0' bus='0' target='0' unit='8'" }, line: 32, column: 7 }],
    },
    {
      name: 'a SCSI host device on an address another one uses (libvirt prints controller and bus swapped)',
      xml: domain(`<controller type='scsi' index='0' model='virtio-scsi'/>\n${scsiHostdev(1)}\n${scsiHostdev(2)}`),
      errors: [
        {
          messageId: 'hostdevOnHostdev',
          data: { address: "controller='0' bus='0' target='0' unit='0'", libvirtAddress: "controller='0' bus='0' target='0' unit='0'" },
          line: 37,
          column: 7,
          message:
            'Another SCSI <hostdev> already uses drive address controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\': libvirt refuses it: "SCSI host address controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\' in use by another SCSI host device". Give this device another unit.',
        },
      ],
    },
    {
      // `virsh define` (9.0.0): libvirt reports this while giving sda its
      // address from the name, with the closing quote missing after the unit.
      name: 'a SCSI host device on the address a SCSI disk takes from its target name',
      xml: domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/a.img'/>
  <target dev='sda' bus='scsi'/>
</disk>
${scsiHostdev(1)}`),
      errors: [
        {
          messageId: 'hostdevOnNamedDisk',
          data: { dev: 'sda', address: "controller='0' bus='0' target='0' unit='0'", openAddress: "controller='0' bus='0' target='0' unit='0" },
          line: 34,
          column: 7,
          message:
            'SCSI disk \'sda\' takes drive address controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\' from its target name, and this SCSI <hostdev> is written at that address: libvirt refuses it: "using disk target name \'sda\' conflicts with SCSI host device address controller=\'0\' bus=\'0\' target=\'0\' unit=\'0". Give this device another unit, or give the disk an <address> of its own.',
        },
      ],
    },
    {
      // `virsh define` (9.0.0): "SCSI host address controller='1' bus='0'
      // target='0' unit='3' in use by a SCSI disk" -- not swapped, "a SCSI disk".
      name: 'a SCSI host device on the written address of a SCSI disk',
      xml: domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<controller type='scsi' index='1' model='virtio-scsi'/>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/a.img'/>
  <target dev='sdb' bus='scsi'/>
  <address type='drive' controller='1' bus='0' target='0' unit='3'/>
</disk>
${scsiHostdev(1).replace("controller='0' bus='0' target='0' unit='0'", "controller='1' bus='0' target='0' unit='3'")}`),
      errors: [
        {
          messageId: 'hostdevOnDisk',
          data: { dev: 'sdb', address: "controller='1' bus='0' target='0' unit='3'" },
          line: 36,
          column: 7,
          message:
            'SCSI disk \'sdb\' already uses drive address controller=\'1\' bus=\'0\' target=\'0\' unit=\'3\': libvirt refuses it: "SCSI host address controller=\'1\' bus=\'0\' target=\'0\' unit=\'3\' in use by a SCSI disk". Give this device another unit.',
        },
      ],
    },
    {
      // libvirt reads drive addresses in base 10: unit='010' is unit 10.
      name: "unit='010' and unit='10' are the same address",
      xml: scsiDisks.replace("<target dev='sdh' bus='scsi'/>", "<target dev='sdh' bus='scsi'/>\n  <address type='drive' controller='0' bus='0' target='0' unit='010'/>").replace("unit='8'", "unit='10'"),
      errors: [{ messageId: 'diskOnDisk', data: { dev: 'sdb', bus: 'scsi', other: 'sdh', address: "controller='0' bus='0' target='0' unit='10'" }, line: 33, column: 7 }],
    },
  ],
});
