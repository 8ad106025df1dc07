/**
 * The rule registry: every rule, sorted by id. Adding a rule means adding its
 * file in this folder and one line here.
 */
import type { Rule } from '../src/engine/rule.js';
import audioIdDangling from './audio-id-dangling.js';
import audioIdDuplicate from './audio-id-duplicate.js';
import bootOrderDuplicate from './boot-order-duplicate.js';
import bootOrderWithOsBoot from './boot-order-with-os-boot.js';
import cpuTopologyMismatch from './cpu-topology-mismatch.js';
import currentMemoryAboveMemory from './current-memory-above-memory.js';
import diskTargetDuplicate from './disk-target-duplicate.js';
import driveAddressDuplicate from './drive-address-duplicate.js';
import filesystemTargetDuplicate from './filesystem-target-duplicate.js';
import graphicsDuplicateType from './graphics-duplicate-type.js';
import hostdevDuplicate from './hostdev-duplicate.js';
import ideOnQ35 from './ide-on-q35.js';
import invalidSuppression from './invalid-suppression.js';
import macAddressMulticast from './mac-address-multicast.js';
import maxMemoryBelowMemory from './max-memory-below-memory.js';
import memoryMissing from './memory-missing.js';
import pciAddressDuplicate from './pci-address-duplicate.js';
import qemu911SpiceHdaAudio from './qemu-911-spice-hda-audio.js';
import spiceAudioWithoutSpiceGraphics from './spice-audio-without-spice-graphics.js';
import spiceChannelWithoutSpiceGraphics from './spice-channel-without-spice-graphics.js';
import unusedSuppression from './unused-suppression.js';
import usbDeviceWithUsbDisabled from './usb-device-with-usb-disabled.js';
import vcpuCurrentAboveMax from './vcpu-current-above-max.js';
import vcpuIdOutOfRange from './vcpu-id-out-of-range.js';
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
  cpuTopologyMismatch,
  currentMemoryAboveMemory,
  diskTargetDuplicate,
  driveAddressDuplicate,
  filesystemTargetDuplicate,
  graphicsDuplicateType,
  hostdevDuplicate,
  ideOnQ35,
  invalidSuppression,
  macAddressMulticast,
  maxMemoryBelowMemory,
  memoryMissing,
  pciAddressDuplicate,
  qemu911SpiceHdaAudio,
  spiceAudioWithoutSpiceGraphics,
  spiceChannelWithoutSpiceGraphics,
  unusedSuppression,
  usbDeviceWithUsbDisabled,
  vcpuCurrentAboveMax,
  vcpuIdOutOfRange,
  videoNoneWithOthers,
  videoPrimaryDuplicate,
  videoSecondaryType,
  vncPasswordTooLong,
  xmlNotWellFormed,
] as Rule[];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
