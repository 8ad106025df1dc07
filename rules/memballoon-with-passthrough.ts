import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { pciHostdevs } from '#domain/pci.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

/** Message parts every template shares: Looking Glass's own words and the advice. */
const GUIDE_SAYS = ', and Looking Glass\'s guide says the balloon "causes major performance issues with VFIO passthrough setups, and should be disabled".';
const ADD_NONE = " Add <memballoon model='none'/>.";
const USE_NONE = " Use <memballoon model='none'/>.";
const IMPLICIT = 'No <memballoon>, so libvirt adds a virtio memory balloon; ';

export default defineRule({
  meta: {
    id: 'memballoon-with-passthrough',
    description: "A memory balloon (libvirt adds a virtio one when <memballoon> is absent) on a VM with PCI passthrough or Looking Glass",
    severity: 'warning',
    category: 'passthrough',
    fixable: 'safe',
    messages: {
      implicitWithLookingGlass: IMPLICIT + 'this VM uses Looking Glass' + GUIDE_SAYS + ADD_NONE,
      implicitWithPassthrough: IMPLICIT + 'this VM passes {{devices}} through' + GUIDE_SAYS + ADD_NONE,
      enabledWithLookingGlass: "<memballoon model='{{model}}'> is enabled; this VM uses Looking Glass" + GUIDE_SAYS + USE_NONE,
      enabledWithPassthrough: "<memballoon model='{{model}}'> is enabled; this VM passes {{devices}} through" + GUIDE_SAYS + USE_NONE,
    },
    docs: {
      whatItDoes:
        "On QEMU-driver domains that pass a PCI device through (`<hostdev type='pci'>`) or use Looking Glass, reports a `<memballoon>` whose model is not `none`, or no `<memballoon>` at all (libvirt then adds `<memballoon model='virtio'>`).",
      whyIsThisBad:
        'Looking Glass\'s libvirt guide: the VirtIO memballoon "causes major performance issues with VFIO passthrough setups, and should be disabled". A passed-through device needs all guest memory pinned, and QEMU ignores balloon inflation while RAM discards are disabled (as VFIO does), so the balloon cannot return memory to the host anyway: it only costs.',
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
        "Safe: replaces the `<memballoon>` element with `<memballoon model='none'/>` (its `<address>`, `<stats>` and driver options go: they do not apply to model none), or adds `<memballoon model='none'/>` at the end of `<devices>` when there is none. The guest loses the balloon device and its memory statistics; nothing else changes.",
      sources: [
        'Looking Glass doc/install_libvirt.rst "Memballoon" (B7 and master)',
        'libvirt docs/formatdomain.rst "Memory balloon device": added automatically for KVM guests; model \'none\' disables it',
        'QEMU hw/virtio/virtio-balloon.c virtio_balloon_inhibited(): no inflation while ram_block_discard_is_disabled() (set by VFIO)',
      ],
      notes:
        "The performance statement is Looking Glass's; QEMU's source only shows that the balloon cannot reclaim memory next to VFIO. The rule is a warning because the device has no use in these VMs and Looking Glass's guide says to disable it.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    const hostdevs = pciHostdevs(domain).length;
    const lg = usesLookingGlass(domain);
    if (hostdevs === 0 && !lg) return;
    // Looking Glass is the stronger reason; otherwise the message says how many devices are passed through.
    const passedThrough = hostdevs === 1 ? 'a PCI device' : `${hostdevs} PCI devices`;
    const quote = domain.select('devices/*').find((d) => d.attributes.length)?.attributes[0].quote ?? "'";
    const none = `<memballoon model=${quote}none${quote}/>`;
    const balloons = domain.select('devices/memballoon');
    const devices = domain.child('devices');
    if (balloons.length === 0) {
      if (!devices) return;
      context.report({
        at: devices,
        messageId: lg ? 'implicitWithLookingGlass' : 'implicitWithPassthrough',
        data: lg ? undefined : { devices: passedThrough },
        fixes: [{ title: "Add <memballoon model='none'/>", safety: 'safe', edits: [fixer.appendChild(devices, none)] }],
      });
      return;
    }
    for (const balloon of balloons) {
      const model = balloon.attr('model') ?? '';
      if (model === 'none') continue;
      context.report({
        at: balloon.attribute('model') ?? balloon,
        messageId: lg ? 'enabledWithLookingGlass' : 'enabledWithPassthrough',
        data: lg ? { model } : { model, devices: passedThrough },
        fixes: [{ title: "Replace with <memballoon model='none'/>", safety: 'safe', edits: [fixer.replaceElement(balloon, none)] }],
      });
    }
  },
});
