import { describe, expect, it } from 'vitest';
import rule from '../../rules/drive-address-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

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

describe('drive-address-duplicate', () => {
  it('reports an explicit address that collides with the one libvirt gives another disk', () => {
    expect(diagnostics(rule, sata(0))).toEqual([
      {
        ruleId: 'drive-address-duplicate',
        severity: 'error',
        line: 33,
        column: 7,
        endLine: 33,
        endColumn: 73,
        message:
          'Disk \'sdb\' is at the same sata drive address as disk \'sda\' (controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\'): libvirt refuses it: "Found duplicate drive address for disk with target name \'sda\' controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\'". Give one of them another unit, or drop its <address> and let libvirt choose.',
      },
    ]);
  });

  it('accepts a free unit, and the same address on another bus', () => {
    expect(diagnostics(rule, sata(1))).toEqual([]);
    const otherBus = sata(0).replace("<target dev='sdb' bus='sata'/>", "<target dev='sdb' bus='scsi'/>");
    expect(diagnostics(rule, otherBus)).toEqual([]);
  });

  it('derives SCSI addresses the QEMU way (15 per controller, unit 7 skipped)', () => {
    // sdh is index 7 -> unit 8; sdi index 8 -> unit 9
    const xml = domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/a.img'/>
  <target dev='sdh' bus='scsi'/>
</disk>
<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/b.img'/>
  <target dev='sdb' bus='scsi'/>
  <address type='drive' controller='0' bus='0' target='0' unit='8'/>
</disk>`);
    expect(diagnostics(rule, xml).map((d) => d.line)).toEqual([32]);
    expect(diagnostics(rule, xml.replace("unit='8'", "unit='7'"))).toEqual([]);
  });

  it('reports SCSI host devices on a taken address', () => {
    const xml = domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<hostdev mode='subsystem' type='scsi' managed='no'>
  <source>
    <adapter name='scsi_host2'/>
    <address bus='0' target='0' unit='1'/>
  </source>
  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
</hostdev>
<hostdev mode='subsystem' type='scsi' managed='no'>
  <source>
    <adapter name='scsi_host2'/>
    <address bus='0' target='0' unit='2'/>
  </source>
  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
</hostdev>`);
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 37, column: 7 });
    expect(d.message).toContain('"SCSI host address controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\' in use by another SCSI host device"');
  });
});
