/**
 * Domain XML that needs a QEMU device or property, and the libvirt
 * capability flag that says whether a QEMU release has it: the one table
 * behind `device-unsupported-by-qemu`. Each row names the libvirt check it
 * comes from (libvirt 11.3.0 sources: src/qemu/qemu_validate.c runs when a
 * domain is defined and again when it starts; src/qemu/qemu_command.c only at
 * start) and quotes libvirt's message.
 *
 * Deliberately not here: checks whose flag depends on the probing host or
 * build rather than the QEMU release (SGX EPC, SEV, TDX), flags the data
 * never lacks in a way it can prove (virtiofs before 4.2: libvirt 7.0, which
 * probed QEMU up to 4.1, did not record `vhost-user-fs`), the SCSI models
 * ncr53c90 / dc390 / am53c974 (libvirt 11.3 reports the missing flag but
 * still accepts the domain), and watchdog models (libvirt checks the machine
 * type, not a flag).
 */
import type { XmlAttribute, XmlElement } from '#engine/tree.js';

export interface DeviceCapability {
  /** The XML as messages and the docs table show it. */
  xml: string;
  /** Elements from <domain>, as `XmlElement.select` paths. */
  path: string;
  /**
   * Conditions, all of which must hold: `attr` is an attribute of the
   * element, `child/@attr` an attribute of its first `child`, `child` an
   * element that must exist; a value of `true` means "written, any value", a
   * list means "one of these". The first attribute condition is where the
   * problem is reported.
   */
  match: Readonly<Record<string, string | readonly string[] | true>>;
  /** Conditions that exempt the element (same syntax). */
  unless?: Readonly<Record<string, string | readonly string[] | true>>;
  /** What QEMU must provide, for messages: "the virtio-sound device". */
  needs: string;
  /** libvirt capability flags (the data's names): every one is needed, or with `anyOf` one of them. */
  flags: readonly string[];
  anyOf?: true;
  /** When libvirt checks it: `define` (qemu_validate.c, at define and start) or `start` only. */
  checked: 'define' | 'start';
  /** libvirt's message, as libvirt 11.3 renders it for this XML. */
  says: string;
  /** Where libvirt checks it (libvirt 11.3.0). */
  source: string;
}

const V = 'src/qemu/qemu_validate.c';
const C = 'src/qemu/qemu_capabilities.c';

/** A device model selected by one attribute value, checked at define time. */
function model(path: string, attribute: string, value: string | readonly string[] | true, needs: string, flag: string, says: string, source: string, xml?: string): DeviceCapability {
  const shown = xml ?? `<${path.split('/').pop()} ${attribute.replace(/^.*@/, '')}='${value === true ? '...' : typeof value === 'string' ? value : value[0]}'>`;
  return { xml: shown, path, match: { [attribute]: value }, needs, flags: [flag], checked: 'define', says, source };
}

const soundSource = `${V}:4884 qemuValidateDomainDeviceDefSound`;
const videoSource = `${V}:2663 qemuValidateDomainDeviceDefVideo, ${C}:6506 virQEMUCapsFillDomainDeviceVideoCaps`;
const videoModel = (type: string, flag: string, needs: string) =>
  model('devices/video', 'model/@type', type, needs, flag, `domain configuration does not support video model '${type}'`, videoSource, `<video><model type='${type}'/>`);
const inputSource = `${V}:5035 qemuValidateDomainDeviceDefInput`;
const virtioInput = (type: string, flag: string): DeviceCapability => ({
  xml: `<input type='${type}' bus='virtio'>`,
  path: 'devices/input',
  match: { bus: 'virtio', type },
  needs: `the ${flag} device`,
  flags: [flag],
  checked: 'define',
  says: `${flag} is not supported by this QEMU binary`,
  source: inputSource,
});
const scsiSource = `${V}:3525 qemuValidateCheckSCSIControllerModel`;
const scsiModel = (value: string | readonly string[], flag: string, needs: string, says: string): DeviceCapability => ({
  ...model('devices/controller', 'model', value, needs, flag, says, scsiSource, `<controller type='scsi' model='${typeof value === 'string' ? value : value[0]}'>`),
  match: { model: value, type: 'scsi' },
});
const usbModel = (value: string | readonly string[], flag: string): DeviceCapability => ({
  xml: `<controller type='usb' model='${Array.isArray(value) ? value[0] : value}'>`,
  path: 'devices/controller',
  match: { model: value, type: 'usb' },
  needs: `the ${flag} controller`,
  flags: [flag],
  checked: 'start',
  says: `USB controller model '${Array.isArray(value) ? value[0] : value}' not supported in this QEMU binary`,
  source: 'src/qemu/qemu_command.c:2453 qemuControllerModelUSBToCaps, qemuValidateDomainDeviceDefControllerUSB',
});
const pciSource = `${V}:3754 virValidateControllerPCIModelNameToQEMUCaps, ${V}:4334 qemuValidateDomainDeviceDefControllerPCI; src/qemu/qemu_domain_address.c:2443 qemuDomainPCIControllerSetDefaultModelName`;
/** A PCI controller model whose QEMU device libvirt picks without choice (an explicit <model name> is another row). */
const pciModel = (value: string, device: string, flag: string): DeviceCapability => ({
  xml: `<controller type='pci' model='${value}'>`,
  path: 'devices/controller',
  match: { model: value, type: 'pci' },
  unless: { 'model/@name': true },
  needs: `the ${device} device`,
  flags: [flag],
  checked: 'define',
  says: `The '${device}' device is not supported by this QEMU binary`,
  source: pciSource,
});
const tpmSource = `${V}:4962 qemuValidateDomainDeviceDefTPM, ${C}:6627 virQEMUCapsFillDomainDeviceTPMCaps`;
const iommuSource = `${V}:5163 qemuValidateDomainDeviceDefIOMMU`;
const iommuOption = (attribute: string, flag: string, says: string): DeviceCapability => ({
  xml: `<iommu><driver ${attribute}='...'/>`,
  path: 'devices/iommu',
  match: { [`driver/@${attribute}`]: true },
  needs: `the ${flag} property`,
  flags: [flag],
  checked: 'define',
  says,
  source: iommuSource,
});
const rngSource = `${V}:2294 qemuValidateDomainRNGDef`;
const fsSource = `${V}:4615 qemuValidateDomainDeviceDefFS`;
const memorySource = `${V}:5334 qemuValidateDomainDeviceDefMemory`;
const graphicsSource = `${V}:4527 qemuValidateDomainDeviceDefGraphics, ${C}:6479 virQEMUCapsFillDomainDeviceGraphicsCaps`;
const graphicsType = (type: string, flag: string, needs: string) =>
  model('devices/graphics', 'type', type, needs, flag, `${type} graphics are not supported with this QEMU`, graphicsSource);

export const DEVICE_CAPABILITIES: readonly DeviceCapability[] = [
  // Sound models and audio backends
  model('devices/sound', 'model', 'virtio', 'the virtio-sound device', 'virtio-sound', 'virtio-sound controller is not supported in this QEMU binary', soundSource),
  model('devices/sound', 'model', 'ich9', 'the ich9-intel-hda device', 'ich9-intel-hda', 'The ich9-intel-hda audio controller is not supported in this QEMU binary', soundSource),
  model('devices/sound', 'model', 'usb', 'the usb-audio device', 'usb-audio', 'usb-audio controller is not supported by this QEMU binary', soundSource),
  model('devices/audio', 'type', 'dbus', 'the D-Bus display', 'display-dbus', 'D-Bus audio is not supported with this QEMU', `${V}:4759 qemuValidateDomainDeviceDefAudio`),

  // Video models and options
  videoModel('vga', 'VGA', 'the VGA device'),
  videoModel('cirrus', 'cirrus-vga', 'the cirrus-vga device'),
  videoModel('vmvga', 'vmware-svga', 'the vmware-svga device'),
  videoModel('qxl', 'qxl', 'the qxl device'),
  videoModel('virtio', 'virtio-gpu', 'the virtio-gpu device'),
  videoModel('bochs', 'bochs-display', 'the bochs-display device'),
  videoModel('ramfb', 'ramfb', 'the ramfb device'),
  {
    xml: "<video><model type='virtio'/><driver name='vhostuser'/>",
    path: 'devices/video',
    match: { 'driver/@name': 'vhostuser', 'model/@type': 'virtio' },
    needs: 'the vhost-user-gpu device',
    flags: ['vhost-user-gpu'],
    checked: 'define',
    says: "this QEMU does not support 'vhost-user' video device",
    source: `${V}:2755 qemuValidateDomainDeviceDefVideo`,
  },
  {
    xml: "<video><model type='virtio'><acceleration accel3d='yes'/>",
    path: 'devices/video',
    match: { 'model/acceleration/@accel3d': 'yes', 'model/@type': 'virtio' },
    unless: { 'driver/@name': 'vhostuser' },
    needs: 'virtio-gpu with virgl (OpenGL)',
    flags: ['virtio-gpu.virgl', 'virtio-gpu-gl-pci', 'virtio-vga-gl'],
    anyOf: true,
    checked: 'define',
    says: '3d acceleration is not supported by this QEMU binary',
    source: `${V}:2768 qemuValidateDomainDeviceDefVideo`,
  },
  {
    xml: "<video><model type='virtio' blob='...'/>",
    path: 'devices/video',
    match: { 'model/@blob': true, 'model/@type': 'virtio' },
    needs: "virtio-gpu's blob property",
    flags: ['virtio-gpu.blob'],
    checked: 'define',
    says: "this QEMU does not support 'blob' for virtio-gpu devices",
    source: `${V}:2780 qemuValidateDomainDeviceDefVideo`,
  },

  // Graphics
  graphicsType('egl-headless', 'egl-headless', 'the egl-headless display'),
  graphicsType('dbus', 'display-dbus', 'the D-Bus display'),
  {
    xml: "<graphics type='spice'><gl enable='yes'/>",
    path: 'devices/graphics',
    match: { 'gl/@enable': 'yes', type: 'spice' },
    needs: 'SPICE with OpenGL',
    flags: ['spice-gl'],
    checked: 'define',
    says: "This QEMU doesn't support spice OpenGL",
    source: `${V}:4444 qemuValidateDomainDeviceDefSPICEGraphics`,
  },
  {
    xml: "<graphics type='spice'><gl enable='yes' rendernode='...'/>",
    path: 'devices/graphics',
    match: { 'gl/@rendernode': true, type: 'spice', 'gl/@enable': 'yes' },
    needs: 'SPICE OpenGL with a render node',
    flags: ['spice-rendernode'],
    checked: 'define',
    says: "This QEMU doesn't support spice OpenGL rendernode",
    source: `${V}:4451 qemuValidateDomainDeviceDefSPICEGraphics`,
  },
  {
    xml: "<graphics type='egl-headless'><gl rendernode='...'/>",
    path: 'devices/graphics',
    match: { 'gl/@rendernode': true, type: 'egl-headless' },
    needs: 'egl-headless with a render node',
    flags: ['egl-headless.rendernode'],
    checked: 'define',
    says: "This QEMU doesn't support OpenGL rendernode with egl-headless graphics type",
    source: `${V}:4578 qemuValidateDomainDeviceDefGraphics`,
  },
  {
    xml: "<graphics type='vnc' powerControl='...'>",
    path: 'devices/graphics',
    match: { powerControl: true, type: 'vnc' },
    needs: 'VNC power control',
    flags: ['vnc-power-control'],
    checked: 'define',
    says: 'VNC power control is not available',
    source: `${V}:4467 qemuValidateDomainDeviceDefVNCGraphics`,
  },

  // Input buses
  virtioInput('mouse', 'virtio-mouse'),
  virtioInput('tablet', 'virtio-tablet'),
  virtioInput('keyboard', 'virtio-keyboard'),
  virtioInput('passthrough', 'virtio-input-host'),
  {
    xml: "<input type='keyboard' bus='usb'>",
    path: 'devices/input',
    match: { bus: 'usb', type: 'keyboard' },
    needs: 'the usb-kbd device',
    flags: ['usb-kbd'],
    checked: 'define',
    says: 'usb keyboard is not supported by this QEMU binary',
    source: `${V}:5053 qemuValidateDomainDeviceDefInput`,
  },

  // Disks: buses, LUN passthrough, driver options
  model('devices/disk', 'target/@bus', 'usb', 'the usb-storage device', 'usb-storage', "This QEMU doesn't support '-device usb-storage'", `${V}:3176 qemuValidateDomainDeviceDefDiskFrontend`, "<disk><target bus='usb'/>"),
  {
    xml: "<disk device='lun'><target bus='scsi'/>",
    path: 'devices/disk',
    match: { device: 'lun', 'target/@bus': 'scsi' },
    needs: 'the scsi-block device',
    flags: ['scsi-block'],
    checked: 'define',
    says: "This QEMU doesn't support scsi-block for lun passthrough",
    source: `${V}:3059 qemuValidateDomainDeviceDefDiskFrontend`,
  },
  {
    xml: "<disk device='lun'><target bus='virtio'/>",
    path: 'devices/disk',
    match: { device: 'lun', 'target/@bus': 'virtio' },
    needs: 'SCSI passthrough in virtio-blk',
    flags: ['virtio-blk-pci.scsi'],
    checked: 'define',
    says: "This QEMU doesn't support SCSI emulation with 'virtio-blk' device",
    source: `${V}:3067 qemuValidateDomainDeviceDefDiskFrontend`,
  },
  model('devices/disk', 'driver/@io', 'io_uring', 'io_uring', 'aio.io_uring', 'io uring is not supported by this QEMU binary', `${V}:3231 qemuValidateDomainDeviceDefDiskFrontend`, "<disk><driver io='io_uring'/>"),
  {
    xml: "<disk><driver queue_size='...'/><target bus='virtio'/>",
    path: 'devices/disk',
    match: { 'driver/@queue_size': true, 'target/@bus': 'virtio' },
    needs: "virtio-blk's queue-size property",
    flags: ['virtio-blk.queue-size'],
    checked: 'define',
    says: "queue-size property isn't supported by this QEMU binary",
    source: `${V}:3168 qemuValidateDomainDeviceDefDiskFrontend`,
  },
  {
    xml: "<disk><target rotation_rate='...'/>",
    path: 'devices/disk',
    match: { 'target/@rotation_rate': true },
    needs: 'the rotation_rate property',
    flags: ['rotation-rate'],
    checked: 'define',
    says: 'rotation rate is not supported with this QEMU',
    source: `${V}:3126 qemuValidateDomainDeviceDefDiskFrontend`,
  },
  {
    xml: "<disk><driver discard_no_unref='...'/>",
    path: 'devices/disk',
    match: { 'driver/@discard_no_unref': true },
    needs: "qcow2's discard-no-unref option",
    flags: ['qcow2-discard-no-unref'],
    checked: 'define',
    says: "'discard_no_unref' is not supported by this QEMU binary",
    source: `${V}:3455 qemuValidateDomainDeviceDefDisk`,
  },
  model('devices/disk', 'type', 'vhostuser', 'the vhost-user-blk device', 'vhost-user-blk', 'vhostuser disk is not supported with this QEMU binary', `${V}:3477 qemuValidateDomainDeviceDefDisk`),
  model('devices/disk', 'type', 'vhostvdpa', 'the vDPA block driver', 'virtio-blk-vhost-vdpa', 'vhostvdpa disk is not supported with this QEMU binary', `${V}:3491 qemuValidateDomainDeviceDefDisk`),

  // Controllers: USB (checked when the QEMU command line is built), SCSI, PCI
  usbModel('piix3-uhci', 'piix3-usb-uhci'),
  usbModel('piix4-uhci', 'piix4-usb-uhci'),
  usbModel('ehci', 'usb-ehci'),
  usbModel(['ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3'], 'ich9-usb-ehci1'),
  usbModel('vt82c686b-uhci', 'vt82c686b-usb-uhci'),
  usbModel('pci-ohci', 'pci-ohci'),
  usbModel('nec-xhci', 'nec-usb-xhci'),
  usbModel('qemu-xhci', 'qemu-xhci'),
  scsiModel('lsilogic', 'lsi', 'the lsi (LSI 53C895A) device', "This QEMU doesn't support the LSI 53C895A SCSI controller"),
  scsiModel(['virtio-scsi', 'virtio-transitional', 'virtio-non-transitional'], 'virtio-scsi-pci', 'the virtio-scsi device', "This QEMU doesn't support virtio scsi controller"),
  scsiModel('lsisas1068', 'mptsas1068', 'the mptsas1068 device', "This QEMU doesn't support the LSI SAS1068 (MPT Fusion) controller"),
  scsiModel('lsisas1078', 'megasas', 'the megasas device', "This QEMU doesn't support the LSI SAS1078 (MegaRAID) controller"),
  scsiModel('vmpvscsi', 'pvscsi', 'the pvscsi device', "This QEMU doesn't support the pvscsi (VMware paravirtual SCSI) controller"),
  pciModel('pci-expander-bus', 'pxb', 'pxb'),
  pciModel('pcie-expander-bus', 'pxb-pcie', 'pxb-pcie'),
  pciModel('pcie-to-pci-bridge', 'pcie-pci-bridge', 'pcie-pci-bridge'),
  {
    xml: "<controller type='pci'><model name='pcie-root-port'/>",
    path: 'devices/controller',
    match: { 'model/@name': 'pcie-root-port', type: 'pci' },
    needs: 'the pcie-root-port device',
    flags: ['pcie-root-port'],
    checked: 'define',
    says: "The 'pcie-root-port' device is not supported by this QEMU binary",
    source: pciSource,
  },

  // TPM models and backends
  model('devices/tpm', 'model', 'tpm-tis', 'the tpm-tis device', 'tpm-tis', 'The QEMU executable does not support TPM model tpm-tis', tpmSource),
  model('devices/tpm', 'model', 'tpm-crb', 'the tpm-crb device', 'tpm-crb', 'The QEMU executable does not support TPM model tpm-crb', tpmSource),
  model('devices/tpm', 'backend/@type', 'passthrough', 'the TPM passthrough backend', 'tpm-passthrough', 'The QEMU executable does not support TPM backend type passthrough', tpmSource, "<tpm><backend type='passthrough'/>"),
  model('devices/tpm', 'backend/@type', ['emulator', 'external'], 'the TPM emulator backend', 'tpm-emulator', 'The QEMU executable does not support TPM backend type emulator', tpmSource, "<tpm><backend type='emulator'/>"),

  // IOMMU models and options
  {
    xml: "<iommu model='intel'>",
    path: 'devices/iommu',
    match: { model: 'intel' },
    needs: 'the intel-iommu device',
    flags: ['intel-iommu'],
    checked: 'define',
    says: "IOMMU device: 'intel' is not supported with this QEMU binary",
    source: `${V}:5175 qemuValidateDomainDeviceDefIOMMU`,
  },
  {
    xml: "<iommu model='virtio'>",
    path: 'devices/iommu',
    match: { model: 'virtio' },
    needs: 'the virtio-iommu device with its boot-bypass property',
    flags: ['virtio-iommu-pci', 'virtio-iommu.boot-bypass'],
    checked: 'define',
    says: "IOMMU device: 'virtio' is not supported with this QEMU binary",
    source: `${V}:5206 qemuValidateDomainDeviceDefIOMMU`,
  },
  iommuOption('intremap', 'intel-iommu.intremap', 'iommu: interrupt remapping is not supported with this QEMU binary'),
  iommuOption('caching_mode', 'intel-iommu.caching-mode', 'iommu: caching mode is not supported with this QEMU binary'),
  iommuOption('eim', 'intel-iommu.eim', 'iommu: eim is not supported with this QEMU binary'),
  iommuOption('iotlb', 'intel-iommu.device-iotlb', 'iommu: device IOTLB is not supported with this QEMU binary'),
  iommuOption('aw_bits', 'intel-iommu.aw-bits', 'iommu: aw_bits is not supported with this QEMU binary'),
  iommuOption('dma_translation', 'intel-iommu.dma-translation', 'iommu: updating dma translation is not supported with this QEMU binary'),

  // RNG model and backends
  model('devices/rng', 'model', 'virtio', 'the virtio-rng device', 'virtio-rng', "domain configuration does not support rng model 'virtio'", `${rngSource}, ${C}:6583 virQEMUCapsFillDomainDeviceRNGCaps`),
  model('devices/rng', 'backend/@model', 'random', 'the rng-random backend', 'rng-random', "this qemu doesn't support the rng-random backend", rngSource, "<rng><backend model='random'/>"),
  model('devices/rng', 'backend/@model', 'egd', 'the rng-egd backend', 'rng-egd', "this qemu doesn't support the rng-egd backend", rngSource, "<rng><backend model='egd'/>"),
  model('devices/rng', 'backend/@model', 'builtin', 'the rng-builtin backend', 'rng-builtin', "this qemu doesn't support the rng-builtin backend", rngSource, "<rng><backend model='builtin'/>"),

  // Shared memory
  model('devices/shmem', 'model/@type', 'ivshmem-plain', 'the ivshmem-plain device', 'ivshmem-plain', "shmem model 'ivshmem-plain' is not supported by this QEMU binary", `${V}:5463 qemuValidateDomainDeviceDefShmem`, "<shmem><model type='ivshmem-plain'/>"),
  model('devices/shmem', 'model/@type', 'ivshmem-doorbell', 'the ivshmem-doorbell device', 'ivshmem-doorbell', "shmem model 'ivshmem-doorbell' is not supported by this QEMU binary", `${V}:5463 qemuValidateDomainDeviceDefShmem`, "<shmem><model type='ivshmem-doorbell'/>"),

  // Filesystems
  model('devices/filesystem', 'driver/@type', 'virtiofs', 'the vhost-user-fs device (virtiofs)', 'vhost-user-fs', 'virtiofs is not supported with this QEMU binary', fsSource, "<filesystem><driver type='virtiofs'/>"),
  {
    xml: "<filesystem><driver type='virtiofs'/><boot order='...'/>",
    path: 'devices/filesystem',
    match: { 'driver/@type': 'virtiofs', 'boot/@order': true },
    needs: "vhost-user-fs's bootindex property",
    flags: ['vhost-user-fs.bootindex'],
    checked: 'define',
    says: 'setting virtiofs boot order is not supported with this QEMU binary',
    source: `${V}:4717 qemuValidateDomainDeviceDefFS`,
  },
  model('devices/filesystem', 'driver/@type', 'mtp', 'the usb-mtp device', 'usb-mtp', 'mtp is not supported with this QEMU binary', fsSource, "<filesystem><driver type='mtp'/>"),
  model('devices/filesystem', 'multidevs', true, "9p's multidevs option", 'fsdev.multidevs', 'multidevs is not supported with this QEMU binary', fsSource, "<filesystem multidevs='...'>"),

  // Memory balloon options (libvirt checks nothing for model='none')
  { ...model('devices/memballoon', 'autodeflate', true, "virtio-balloon's deflate-on-oom property", 'virtio-balloon-pci.deflate-on-oom', 'deflate-on-oom is not supported by this QEMU binary', `${V}:5127 qemuValidateDomainDeviceDefMemballoon`, "<memballoon autodeflate='...'>"), unless: { model: 'none' } },
  { ...model('devices/memballoon', 'freePageReporting', true, "virtio-balloon's free-page-reporting property", 'virtio-balloon.free-page-reporting', 'freePageReporting is not supported by this QEMU binary', `${V}:5127 qemuValidateDomainDeviceDefMemballoon`, "<memballoon freePageReporting='...'>"), unless: { model: 'none' } },

  // Memory devices
  model('devices/memory', 'model', 'dimm', 'the pc-dimm device', 'pc-dimm', "memory hotplug isn't supported by this QEMU binary", memorySource),
  model('devices/memory', 'model', 'nvdimm', 'the nvdimm device', 'nvdimm', "nvdimm isn't supported by this QEMU binary", memorySource),
  {
    xml: "<memory model='nvdimm'><target><readonly/>",
    path: 'devices/memory',
    match: { model: 'nvdimm', 'target/readonly': true },
    needs: "nvdimm's unarmed property",
    flags: ['nvdimm.unarmed'],
    checked: 'define',
    says: 'nvdimm readonly property is not available with this QEMU binary',
    source: memorySource,
  },
  model('devices/memory', 'model', 'virtio-pmem', 'the virtio-pmem device', 'virtio-pmem-pci', "virtio-pmem isn't supported by this QEMU binary", memorySource),
  model('devices/memory', 'model', 'virtio-mem', 'the virtio-mem device', 'virtio-mem-pci', "virtio-mem isn't supported by this QEMU binary", memorySource),
  {
    xml: "<memory model='virtio-mem'><target dynamicMemslots='yes'/>",
    path: 'devices/memory',
    match: { model: 'virtio-mem', 'target/@dynamicMemslots': 'yes' },
    needs: "virtio-mem's dynamic-memslots property",
    flags: ['virtio-mem-pci.dynamic-memslots'],
    checked: 'define',
    says: 'virtio-mem does not support dynamicMemslots',
    source: memorySource,
  },

  // Other devices
  { xml: '<vsock>', path: 'devices/vsock', match: {}, needs: 'the vhost-vsock device', flags: ['vhost-vsock'], checked: 'define', says: 'vsock device is not supported with this QEMU binary', source: `${V}:4949 qemuValidateDomainDeviceDefVsock` },
  model('devices/panic', 'model', 'isa', 'the pvpanic (ISA) device', 'pvpanic', 'the QEMU binary does not support the ISA panic device', `${V}:1008 qemuValidateDomainDefPanic`),
  model('devices/panic', 'model', 'pvpanic', 'the pvpanic-pci device', 'pvpanic-pci', 'the QEMU binary does not support the PCI pvpanic device', `${V}:1008 qemuValidateDomainDefPanic`),
  model('devices/pstore', 'backend', 'acpi-erst', 'the acpi-erst device', 'acpi-erst', 'acpi-erst backend of pstore device is not supported', `${V}:4845 qemuValidateDomainDeviceDefPstore`),
  model('devices/crypto', 'model', 'virtio', 'the virtio-crypto device', 'virtio-crypto', 'crypto model virtio is not supported', `${V}:4802 qemuValidateDomainDeviceDefCrypto, ${C} virQEMUCapsFillDomainDeviceCryptoCaps`),
  model('devices/crypto', 'backend/@model', 'lkcf', 'the cryptodev-backend-lkcf backend', 'cryptodev-backend-lkcf', 'crypto backend lkcf is not supported', `${V}:4802 qemuValidateDomainDeviceDefCrypto, ${C} virQEMUCapsFillDomainDeviceCryptoCaps`, "<crypto><backend model='lkcf'/>"),
  model('devices/interface', 'type', 'vdpa', 'vhost-vdpa networking', 'netdev.vhost-vdpa', 'vDPA devices are not supported with this QEMU binary', `${V}:1854 qemuValidateDomainDeviceDefNetwork`),
];

type Condition = DeviceCapability['match'];

/** What a condition key names on `el`: `attr`, `child/@attr` (an attribute) or `child/path` (an element). */
function lookup(el: XmlElement, key: string): XmlAttribute | XmlElement | undefined {
  const at = key.indexOf('@');
  if (at >= 0) return (at === 0 ? el : el.first(key.slice(0, at - 1)))?.attribute(key.slice(at + 1));
  return key.includes('/') ? el.first(key) : el.attribute(key);
}

function holds(el: XmlElement, key: string, want: string | readonly string[] | true): boolean {
  const found = lookup(el, key);
  if (!found) return false;
  if (want === true) return true;
  if ('kind' in found) return false;
  return typeof want === 'string' ? found.value === want : want.includes(found.value);
}

const allHold = (el: XmlElement, c: Condition) => Object.entries(c).every(([k, v]) => holds(el, k, v));
const anyHolds = (el: XmlElement, c: Condition) => Object.entries(c).some(([k, v]) => holds(el, k, v));

export interface DeviceSite {
  element: XmlElement;
  /** The row's first attribute, or the element when it has none. */
  at: XmlElement | XmlAttribute;
}

/**
 * Where `row` applies in `domain`. `select` finds a path's elements; the rule
 * passes a memoised one, as many rows share a path.
 */
export function deviceSites(row: DeviceCapability, domain: XmlElement, select: (path: string) => readonly XmlElement[] = (p) => domain.select(p)): DeviceSite[] {
  const sites: DeviceSite[] = [];
  for (const element of select(row.path)) {
    if (!allHold(element, row.match) || (row.unless && anyHolds(element, row.unless))) continue;
    const attr = Object.keys(row.match)
      .map((k) => lookup(element, k))
      .find((found): found is XmlAttribute => found !== undefined && !('kind' in found));
    sites.push({ element, at: attr ?? element });
  }
  return sites;
}
