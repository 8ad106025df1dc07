import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

const ADDRESS_FOR_MODEL: Record<string, string> = { 'vfio-pci': 'pci', 'vfio-ccw': 'ccw' };

export default defineRule({
  meta: {
    id: 'mdev-hostdev-invalid',
    description: "A mediated device (<hostdev type='mdev'>, vGPU) libvirt refuses: no UUID, wrong address type, display without graphics, two ramfb, boot order",
    severity: 'error',
    category: 'passthrough',
    fixable: false,
    messages: {
      missingUuid:
        'A mediated device is named by the UUID of the mdev on the host, not by a PCI address: libvirt refuses it: "Missing \'uuid\' attribute for element <address>".',
      wrongAddressType:
        'A {{model}} mediated device needs a {{wanted}} address, not {{type}}: libvirt refuses it: "Unsupported address type \'{{type}}\' with mediated device model \'{{model}}\'".',
      ramfbTwice: 'Another vGPU already has ramfb enabled: libvirt refuses it: "Only one vgpu device can have \'ramfb\' enabled".',
      displayNotVfioPci:
        'display is only for vfio-pci mediated devices, not {{model}}: libvirt refuses it: "<hostdev> attribute \'display\' is only supported with model=\'vfio-pci\'".',
      displayWithoutGraphics:
        "display='on' shows the vGPU's output through a <graphics> device, and the domain has none: libvirt refuses it: \"graphics device is needed for attribute value 'display=on' in <hostdev>\".",
      bootUnsupported:
        'A {{model}} mediated device cannot be booted from: libvirt refuses it: "booting from assigned devices is not supported by mediated devices of model {{model}}".',
    },
    docs: {
      whatItDoes:
        "Checks `<hostdev mode='subsystem' type='mdev'>`: the source `<address>` needs a `uuid`; a `vfio-pci` mdev must have a PCI guest address and a `vfio-ccw` one a CCW address; (QEMU driver) `display='on'` needs a `<graphics>` device and is only for `vfio-pci`; only one vGPU may have `ramfb='on'`; `vfio-pci` and `vfio-ap` mediated devices cannot have a `<boot order>`.",
      whyIsThisBad:
        'A mediated device is named by the UUID of the mdev created on the host (e.g. an NVIDIA or Intel GVT-g vGPU), not by a PCI address. Each of these mistakes makes `virsh define` fail: "Missing \'uuid\' attribute for element <address>", "Unsupported address type \'drive\' with mediated device model \'vfio-pci\'", "graphics device is needed for attribute value \'display=on\' in <hostdev>", "Only one vgpu device can have \'ramfb\' enabled", "booting from assigned devices is not supported by mediated devices of model vfio-ap".',
      example: `<hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on'>
  <source>
    <address domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
  </source>
</hostdev>`,
      useInstead: `<graphics type='spice' autoport='yes'/>
<hostdev mode='subsystem' type='mdev' model='vfio-pci' display='on'>
  <source>
    <address uuid='4b20d080-1b54-4048-85b3-a6a62d165c01'/>
  </source>
</hostdev>`,
      fixSafety: 'No fix: the UUID and display setup come from the host.',
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c (mdev source parsing): "Missing \'uuid\' attribute for element <address>"',
        'libvirt 11.3 src/conf/domain_postparse.c virDomainHostdevDefPostParse: "Unsupported address type \'%1$s\' with mediated device model \'%2$s\'"',
        'libvirt 11.3 src/conf/domain_validate.c virDomainDefHostdevValidate: "Only one vgpu device can have \'ramfb\' enabled"',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainMdevDefVFIOPCI / VFIOAP: "graphics device is needed for attribute value \'display=on\' in <hostdev>", "<hostdev> attribute \'display\' is only supported with model=\'vfio-pci\'", "booting from assigned devices is not supported by mediated devices of model vfio-pci" (and vfio-ap)',
        'libvirt tests qemuxmlconfdata/hostdev-mdev-*.xml, hostdev-subsys-mdev-vfio-*.xml',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    const qemu = isQemuDomain(domain);
    const hasGraphics = domain.select('devices/graphics').length > 0;
    let ramfbSeen = false;
    for (const h of domain.select('devices/hostdev')) {
      if (h.attr('type') !== 'mdev' || (h.attr('mode') ?? 'subsystem') !== 'subsystem') continue;
      const model = h.attr('model') ?? '';
      const srcAddress = h.first('source/address');
      if (srcAddress && !srcAddress.attr('uuid')) {
        context.report({ at: srcAddress, messageId: 'missingUuid' });
      }
      const guestAddress = h.childrenNamed('address')[0];
      const wanted = ADDRESS_FOR_MODEL[model];
      const type = guestAddress?.attribute('type');
      if (wanted && type && type.value !== wanted) {
        context.report({ at: type, messageId: 'wrongAddressType', data: { model, wanted, type: type.value } });
      }
      if (h.attr('ramfb') === 'on') {
        if (ramfbSeen) context.report({ at: h.attribute('ramfb')!, messageId: 'ramfbTwice' });
        ramfbSeen = true;
      }
      // Without a model libvirt refuses the device first ("Missing required attribute 'model'"): nothing to compare.
      if (!qemu || !model) continue;
      const display = h.attribute('display');
      if (display && model !== 'vfio-pci') {
        context.report({ at: display, messageId: 'displayNotVfioPci', data: { model } });
      } else if (display?.value === 'on' && !hasGraphics) {
        context.report({ at: display, messageId: 'displayWithoutGraphics' });
      }
      const boot = h.child('boot');
      if (boot && (model === 'vfio-ap' || model === 'vfio-pci')) {
        context.report({ at: boot, messageId: 'bootUnsupported', data: { model } });
      }
    }
  },
});
