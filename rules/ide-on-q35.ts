import { defineRule } from '#engine/rule.js';
import { diskBus } from '#domain/devices.js';
import { isI440fx, isQ35, isQemuDomain } from '#domain/machine.js';

const NO_IDE = ': libvirt refuses it: "IDE controllers are unsupported for this QEMU binary or machine type". ';

export default defineRule({
  meta: {
    id: 'ide-on-q35',
    description: 'IDE disk or controller on a machine without an IDE controller (q35), or a second IDE controller on i440fx',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      diskOnQ35: "Disk '{{dev}}' is on the IDE bus, but the q35 machine has no IDE controller" + NO_IDE + "Use bus='sata' (with an sd* target name) or bus='virtio' / 'scsi'.",
      controllerOnQ35: 'The q35 machine cannot have an IDE controller' + NO_IDE + 'Remove it and put the disks on SATA.',
      secondControllerOnI440fx:
        'i440fx has one built-in IDE controller (index 0); index {{index}} cannot exist: libvirt refuses it: "Only a single IDE controller is supported for this machine type". Use SATA, SCSI or virtio for more disks.',
    },
    docs: {
      whatItDoes:
        "On q35 machines, reports `<disk>` with `<target bus='ide'>` (or an `hd*` target without a bus, which libvirt puts on IDE) and `<controller type='ide'>`. On i440fx machines, reports an IDE controller with an index other than 0. QEMU driver only.",
      whyIsThisBad:
        'The q35 chipset has SATA (AHCI), not IDE, and QEMU cannot add an IDE controller to it. An IDE disk makes libvirt add an IDE controller, and `virsh define` fails with "IDE controllers are unsupported for this QEMU binary or machine type". i440fx has exactly one built-in IDE controller ("Only a single IDE controller is supported for this machine type"). This happens when an XML written for i440fx (`hdc` CD-ROM) is moved to q35.',
      example: `<os>
  <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
</os>
...
<disk type='file' device='cdrom'>
  <source file='/srv/iso/virtio-win.iso'/>
  <target dev='hdc' bus='ide'/>
  <readonly/>
</disk>`,
      useInstead: `<disk type='file' device='cdrom'>
  <source file='/srv/iso/virtio-win.iso'/>
  <target dev='sdc' bus='sata'/>
  <readonly/>
</disk>`,
      fixSafety: 'No fix: moving a disk to SATA needs a free target name and drops any IDE `<address>`; the guest sees a different controller.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefControllerIDE: "IDE controllers are unsupported for this QEMU binary or machine type", "Only a single IDE controller is supported for this machine type"',
        'libvirt 11.3 src/qemu/qemu_domain.c qemuDomainHasBuiltinIDE (i440fx, malta, ...)',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    if (isQ35(domain)) {
      for (const disk of domain.select('devices/disk')) {
        if (diskBus(disk) !== 'ide') continue;
        const target = disk.child('target')!;
        context.report({ at: target.attribute('bus') ?? target, messageId: 'diskOnQ35', data: { dev: target.attr('dev') ?? '' } });
      }
      for (const controller of domain.select('devices/controller')) {
        if (controller.attr('type') !== 'ide') continue;
        context.report({ at: controller, messageId: 'controllerOnQ35' });
      }
      return;
    }
    if (isI440fx(domain)) {
      for (const controller of domain.select('devices/controller')) {
        if (controller.attr('type') !== 'ide') continue;
        const index = controller.attr('index') ?? '0';
        if (!/^\d+$/.test(index) || Number(index) === 0) continue;
        context.report({ at: controller, messageId: 'secondControllerOnI440fx', data: { index } });
      }
    }
  },
});
