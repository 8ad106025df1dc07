import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { pciHostdevs } from '#domain/pci.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

/** Message parts the templates share: Looking Glass's own words, what QEMU does next to VFIO, and the advice. */
const GUIDE_SAYS = ', and Looking Glass\'s guide says the balloon "causes major performance issues with VFIO passthrough setups, and should be disabled".';
const CANNOT_RECLAIM =
  ': VFIO pins all guest memory, so the balloon cannot give memory back to the host (QEMU ignores inflation while RAM discard is disabled). Unless you use its memory statistics,';
const ADD_NONE = " Add <memballoon model='none'/>.";
const USE_NONE = " Use <memballoon model='none'/>.";
const IMPLICIT = 'No <memballoon>, so libvirt adds a virtio memory balloon; ';

export default defineRule({
  meta: {
    id: 'memballoon-with-passthrough',
    description: 'A memory balloon (libvirt adds a virtio one when <memballoon> is absent) on a VM with PCI passthrough (info) or Looking Glass (warning)',
    severity: 'info',
    category: 'passthrough',
    fixable: 'unsafe',
    messages: {
      implicitWithLookingGlass: IMPLICIT + 'this VM uses Looking Glass' + GUIDE_SAYS + ADD_NONE,
      implicitWithPassthrough: IMPLICIT + 'this VM passes {{devices}} through' + CANNOT_RECLAIM + " add <memballoon model='none'/>.",
      enabledWithLookingGlass: "<memballoon model='{{model}}'> is enabled; this VM uses Looking Glass" + GUIDE_SAYS + USE_NONE,
      enabledWithPassthrough: "<memballoon model='{{model}}'> is enabled; this VM passes {{devices}} through" + CANNOT_RECLAIM + " use <memballoon model='none'/>.",
    },
    docs: {
      whatItDoes:
        "On QEMU-driver domains that pass a PCI device through (`<hostdev type='pci'>`) or use Looking Glass, reports a `<memballoon>` whose model is not `none`, or no `<memballoon>` at all (libvirt then adds `<memballoon model='virtio'>`). With Looking Glass it is a warning; with passthrough alone it is advice (info).",
      whyIsThisBad:
        'A passed-through device needs all guest memory pinned, and QEMU ignores balloon inflation while RAM discards are disabled (as VFIO does), so the balloon cannot return memory to the host: it only costs. Looking Glass\'s libvirt guide goes further: the VirtIO memballoon "causes major performance issues with VFIO passthrough setups, and should be disabled". That guide is the one source that says to remove it, so the rule warns only on Looking Glass VMs, whose users follow that guide; on other passthrough VMs the balloon is harmless dead weight (it still reports memory statistics), and the rule only advises.',
      example: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>
<memballoon model='virtio'>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
</memballoon>`,
      useInstead: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>
<memballoon model='none'/>`,
      fixSafety:
        "A suggestion (not applied by `--fix`): it replaces the `<memballoon>` element with `<memballoon model='none'/>` (its `<address>`, `<stats>` and driver options go: they do not apply to model none), or adds `<memballoon model='none'/>` at the end of `<devices>` when there is none. That changes the VM: the guest loses a device it can see, and the host loses the balloon's memory statistics (`virsh dommemstat`) and `virsh setmem`. `--fix --unsafe-fixes` applies it.",
      sources: [
        'Looking Glass doc/install_libvirt.rst "Memballoon" (B7 and master; https://looking-glass.io/docs): the device "causes major performance issues with VFIO passthrough setups, and should be disabled"',
        'libvirt docs/formatdomain.rst "Memory balloon device": added automatically for KVM guests; model \'none\' disables it',
        'QEMU hw/virtio/virtio-balloon.c virtio_balloon_inhibited(): no inflation while ram_block_discard_is_disabled() (set by VFIO)',
      ],
      notes:
        "The performance statement is Looking Glass's; QEMU's source only shows that the balloon cannot reclaim memory next to VFIO. As a warning on every passthrough VM the rule fired on 23 of the 50 real configurations of virt-lint's community corpus: a warning on half of all real files teaches people to ignore warnings, and outside Looking Glass the balloon's only demonstrated harm is that it does nothing. Now 9 of those 23 (the Looking Glass VMs) are warnings, 14 are info.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    const hostdevs = pciHostdevs(domain).length;
    const lg = usesLookingGlass(domain);
    if (hostdevs === 0 && !lg) return;
    // Looking Glass is the stronger reason (its guide says to disable the balloon): a warning; passthrough alone: advice.
    const severity = lg ? 'warning' : 'info';
    const passedThrough = hostdevs === 1 ? 'a PCI device' : `${hostdevs} PCI devices`;
    const quote = domain.select('devices/*').find((d) => d.attributes.length)?.attributes[0].quote ?? "'";
    const none = `<memballoon model=${quote}none${quote}/>`;
    const balloons = domain.select('devices/memballoon');
    const devices = domain.child('devices');
    if (balloons.length === 0) {
      if (!devices) return;
      context.report({
        at: devices,
        severity,
        messageId: lg ? 'implicitWithLookingGlass' : 'implicitWithPassthrough',
        data: lg ? undefined : { devices: passedThrough },
        fixes: [{ title: "Add <memballoon model='none'/>", safety: 'unsafe', edits: [fixer.appendChild(devices, none)] }],
      });
      return;
    }
    for (const balloon of balloons) {
      const model = balloon.attr('model') ?? '';
      if (model === 'none') continue;
      context.report({
        at: balloon.attribute('model') ?? balloon,
        severity,
        messageId: lg ? 'enabledWithLookingGlass' : 'enabledWithPassthrough',
        data: lg ? { model } : { model, devices: passedThrough },
        fixes: [{ title: "Replace with <memballoon model='none'/>", safety: 'unsafe', edits: [fixer.replaceElement(balloon, none)] }],
      });
    }
  },
});
