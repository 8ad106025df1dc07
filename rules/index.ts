/**
 * The rule registry: every rule, sorted by id. Adding a rule means adding its
 * file in this folder and one line here.
 */
import type { Rule } from '#engine/rule.js';
import audioIdDangling from './audio-id-dangling.js';
import audioIdDuplicate from './audio-id-duplicate.js';
import bootOrderDuplicate from './boot-order-duplicate.js';
import bootOrderWithOsBoot from './boot-order-with-os-boot.js';
import bootTimeoutOutOfRange from './boot-timeout-out-of-range.js';
import chardevSourceIncomplete from './chardev-source-incomplete.js';
import controllerIndexDuplicate from './controller-index-duplicate.js';
import cpuCacheInvalid from './cpu-cache-invalid.js';
import cpuModeNotHostPassthrough from './cpu-mode-not-host-passthrough.js';
import cpuModelUnsupported from './cpu-model-unsupported.js';
import cpuTopologyMismatch from './cpu-topology-mismatch.js';
import cpuVendorIdLength from './cpu-vendor-id-length.js';
import currentMemoryAboveMemory from './current-memory-above-memory.js';
import deviceUnsupportedByQemu from './device-unsupported-by-qemu.js';
import diskAddressTypeMismatch from './disk-address-type-mismatch.js';
import diskAuthEncryptionInvalid from './disk-auth-encryption-invalid.js';
import diskFormatUnsupported from './disk-format-unsupported.js';
import diskIotuneInvalid from './disk-iotune-invalid.js';
import diskLunSourceInvalid from './disk-lun-source-invalid.js';
import diskSharedFormatUnsupported from './disk-shared-format-unsupported.js';
import diskTargetDuplicate from './disk-target-duplicate.js';
import diskTargetInvalid from './disk-target-invalid.js';
import diskVendorProductInvalid from './disk-vendor-product-invalid.js';
import driveAddressDuplicate from './drive-address-duplicate.js';
import filesystemTargetDuplicate from './filesystem-target-duplicate.js';
import firmwareEnrolledKeysWithoutSecureBoot from './firmware-enrolled-keys-without-secure-boot.js';
import firmwareFeaturesWithoutAutoselect from './firmware-features-without-autoselect.js';
import gpuFunctionNotPassed from './gpu-function-not-passed.js';
import graphicsDuplicateType from './graphics-duplicate-type.js';
import graphicsPasswordInXml from './graphics-password-in-xml.js';
import graphicsPublicListenNoPassword from './graphics-public-listen-no-password.js';
import hostdevDuplicate from './hostdev-duplicate.js';
import hostdevScsiOptionInvalid from './hostdev-scsi-option-invalid.js';
import hostdevUnmanaged from './hostdev-unmanaged.js';
import hugepagesNodesetInvalid from './hugepages-nodeset-invalid.js';
import hypervDependencyMissing from './hyperv-dependency-missing.js';
import hypervEnlightenmentsMissing from './hyperv-enlightenments-missing.js';
import hypervPassthroughMode from './hyperv-passthrough-mode.js';
import hypervSpinlocksRetries from './hyperv-spinlocks-retries.js';
import hypervVendorIdTooLong from './hyperv-vendor-id-too-long.js';
import ideOnQ35 from './ide-on-q35.js';
import invalidSuppression from './invalid-suppression.js';
import iommuInvalid from './iommu-invalid.js';
import lgClipboardChannelMissing from './lg-clipboard-channel-missing.js';
import lgKvmfrJsonOnOldHost from './lg-kvmfr-json-on-old-host.js';
import lgKvmfrLegacySyntax from './lg-kvmfr-legacy-syntax.js';
import lgKvmfrSizeInvalid from './lg-kvmfr-size-invalid.js';
import lgNoSpiceGraphics from './lg-no-spice-graphics.js';
import lgShmemSizeTooSmall from './lg-shmem-size-too-small.js';
import lgTabletPresent from './lg-tablet-present.js';
import lgVideoNotVga from './lg-video-not-vga.js';
import libvirtFeatureTooNew from './libvirt-feature-too-new.js';
import libvirtQemuTooOld from './libvirt-qemu-too-old.js';
import loaderWithoutPath from './loader-without-path.js';
import macAddressMulticast from './mac-address-multicast.js';
import machineFeatureUnsupported from './machine-feature-unsupported.js';
import machineTypeDeprecated from './machine-type-deprecated.js';
import machineTypeNewerThanHost from './machine-type-newer-than-host.js';
import machineTypeRemoved from './machine-type-removed.js';
import maxMemoryBelowMemory from './max-memory-below-memory.js';
import mdevHostdevInvalid from './mdev-hostdev-invalid.js';
import memballoonWithPassthrough from './memballoon-with-passthrough.js';
import memoryMissing from './memory-missing.js';
import netQueueSizeInvalid from './net-queue-size-invalid.js';
import numaCellInvalid from './numa-cell-invalid.js';
import nvramNotPermitted from './nvram-not-permitted.js';
import panicAddressUnsupported from './panic-address-unsupported.js';
import parallelPortUnsupported from './parallel-port-unsupported.js';
import pciAddressDuplicate from './pci-address-duplicate.js';
import pciAddressOutOfRange from './pci-address-out-of-range.js';
import pciControllerOptionInvalid from './pci-controller-option-invalid.js';
import pciMultifunctionOff from './pci-multifunction-off.js';
import pciRootModelMismatch from './pci-root-model-mismatch.js';
import ps2DisabledConflict from './ps2-disabled-conflict.js';
import q3540SplitIrqchip from './q35-4-0-split-irqchip.js';
import qemu911SpiceHdaAudio from './qemu-911-spice-hda-audio.js';
import qemuCommandlinePresent from './qemu-commandline-present.js';
import qemuCommandlineRemovedOption from './qemu-commandline-removed-option.js';
import qemuCommandlineSetDevice from './qemu-commandline-set-device.js';
import qemuNamespaceMissing from './qemu-namespace-missing.js';
import rawioEnabled from './rawio-enabled.js';
import seclabelNone from './seclabel-none.js';
import secureBootNeedsQ35 from './secure-boot-needs-q35.js';
import secureBootNeedsSmm from './secure-boot-needs-smm.js';
import secureBootX8664Only from './secure-boot-x86-64-only.js';
import serialTargetIncompatible from './serial-target-incompatible.js';
import shmemModelLegacy from './shmem-model-legacy.js';
import shmemSizeInvalid from './shmem-size-invalid.js';
import smmTsegInvalid from './smm-tseg-invalid.js';
import spiceAudioWithoutSpiceGraphics from './spice-audio-without-spice-graphics.js';
import spiceChannelWithoutSpiceGraphics from './spice-channel-without-spice-graphics.js';
import spiceInsecureChannels from './spice-insecure-channels.js';
import sysinfoInvalid from './sysinfo-invalid.js';
import tpmInvalid from './tpm-invalid.js';
import uefiAcpiMismatch from './uefi-acpi-mismatch.js';
import unusedSuppression from './unused-suppression.js';
import usbControllerTooManyPorts from './usb-controller-too-many-ports.js';
import usbDeviceWithUsbDisabled from './usb-device-with-usb-disabled.js';
import vcpuCurrentAboveMax from './vcpu-current-above-max.js';
import vcpuIdOutOfRange from './vcpu-id-out-of-range.js';
import vcpupinBeyondVcpus from './vcpupin-beyond-vcpus.js';
import videoNoneWithOthers from './video-none-with-others.js';
import videoPrimaryDuplicate from './video-primary-duplicate.js';
import videoSecondaryType from './video-secondary-type.js';
import vncPasswordTooLong from './vnc-password-too-long.js';
import xmlNotWellFormed from './xml-not-well-formed.js';

export const rules: readonly Rule[] = [
  audioIdDangling,
  audioIdDuplicate,
  bootOrderDuplicate,
  bootOrderWithOsBoot,
  bootTimeoutOutOfRange,
  chardevSourceIncomplete,
  controllerIndexDuplicate,
  cpuCacheInvalid,
  cpuModeNotHostPassthrough,
  cpuModelUnsupported,
  cpuTopologyMismatch,
  cpuVendorIdLength,
  currentMemoryAboveMemory,
  deviceUnsupportedByQemu,
  diskAddressTypeMismatch,
  diskAuthEncryptionInvalid,
  diskFormatUnsupported,
  diskIotuneInvalid,
  diskLunSourceInvalid,
  diskSharedFormatUnsupported,
  diskTargetDuplicate,
  diskTargetInvalid,
  diskVendorProductInvalid,
  driveAddressDuplicate,
  filesystemTargetDuplicate,
  firmwareEnrolledKeysWithoutSecureBoot,
  firmwareFeaturesWithoutAutoselect,
  gpuFunctionNotPassed,
  graphicsDuplicateType,
  graphicsPasswordInXml,
  graphicsPublicListenNoPassword,
  hostdevDuplicate,
  hostdevScsiOptionInvalid,
  hostdevUnmanaged,
  hugepagesNodesetInvalid,
  hypervDependencyMissing,
  hypervEnlightenmentsMissing,
  hypervPassthroughMode,
  hypervSpinlocksRetries,
  hypervVendorIdTooLong,
  ideOnQ35,
  invalidSuppression,
  iommuInvalid,
  lgClipboardChannelMissing,
  lgKvmfrJsonOnOldHost,
  lgKvmfrLegacySyntax,
  lgKvmfrSizeInvalid,
  lgNoSpiceGraphics,
  lgShmemSizeTooSmall,
  lgTabletPresent,
  lgVideoNotVga,
  libvirtFeatureTooNew,
  libvirtQemuTooOld,
  loaderWithoutPath,
  macAddressMulticast,
  machineFeatureUnsupported,
  machineTypeDeprecated,
  machineTypeNewerThanHost,
  machineTypeRemoved,
  maxMemoryBelowMemory,
  mdevHostdevInvalid,
  memballoonWithPassthrough,
  memoryMissing,
  netQueueSizeInvalid,
  numaCellInvalid,
  nvramNotPermitted,
  panicAddressUnsupported,
  parallelPortUnsupported,
  pciAddressDuplicate,
  pciAddressOutOfRange,
  pciControllerOptionInvalid,
  pciMultifunctionOff,
  pciRootModelMismatch,
  ps2DisabledConflict,
  q3540SplitIrqchip,
  qemu911SpiceHdaAudio,
  qemuCommandlinePresent,
  qemuCommandlineRemovedOption,
  qemuCommandlineSetDevice,
  qemuNamespaceMissing,
  rawioEnabled,
  seclabelNone,
  secureBootNeedsQ35,
  secureBootNeedsSmm,
  secureBootX8664Only,
  serialTargetIncompatible,
  shmemModelLegacy,
  shmemSizeInvalid,
  smmTsegInvalid,
  spiceAudioWithoutSpiceGraphics,
  spiceChannelWithoutSpiceGraphics,
  spiceInsecureChannels,
  sysinfoInvalid,
  tpmInvalid,
  uefiAcpiMismatch,
  unusedSuppression,
  usbControllerTooManyPorts,
  usbDeviceWithUsbDisabled,
  vcpuCurrentAboveMax,
  vcpuIdOutOfRange,
  vcpupinBeyondVcpus,
  videoNoneWithOthers,
  videoPrimaryDuplicate,
  videoSecondaryType,
  vncPasswordTooLong,
  xmlNotWellFormed,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
