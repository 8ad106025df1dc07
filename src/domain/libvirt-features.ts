/**
 * Domain XML features and the libvirt release that introduced each: the data
 * behind `libvirt-feature-too-new`. One row per feature; most rows are
 * declarative (where the feature is written: an element path, an attribute,
 * a value); the few irregular ones carry a `find` function.
 *
 * - `refused`: an older libvirt rejects the domain (unknown enum value or
 *   unknown child of a strictly parsed element such as <hyperv>, <kvm>,
 *   <features>).
 * - `dropped`: an older libvirt ignores the element or attribute, so the
 *   defined domain silently lacks the setting.
 */
import type { Severity } from '#engine/rule.js';
import type { XmlAttribute, XmlElement } from '#engine/tree.js';
import { lazy } from '#shared/memo.js';
import { HYPERV_FEATURES, hypervFeature } from './hyperv-features.js';

export type FeatureSite = XmlElement | XmlAttribute;

export interface LibvirtFeature {
  /** How the feature is named in messages. */
  what: string;
  since: string;
  /** Only on libvirt at least this new (earlier releases are covered by another row). */
  after?: string;
  effect: 'refused' | 'dropped';
  severity: Severity;
  /** For `dropped`: what the VM loses. For `refused`, an optional extra sentence. */
  consequence?: string;
  /** Only for QEMU-driver domains. */
  qemuOnly?: boolean;
  /** Elements from <domain>, as `XmlElement.select` paths; `''` is <domain> itself. */
  path?: string;
  /** An extra condition on the element (e.g. "has text"). */
  where?: (el: XmlElement, domain: XmlElement) => boolean;
  /** The attribute that carries the feature; reported at the attribute unless `at: 'element'`. */
  attribute?: string;
  /** The value(s) that make it the feature; a function for "any but raw" style tests. */
  value?: string | ((value: string) => boolean);
  at?: 'element';
  /** Irregular rows: the sites, found by hand. */
  find?: (domain: XmlElement) => readonly FeatureSite[];
  /** What an older libvirt says, where it was observed (libvirt 9.0.0 as packaged by Debian 12, corpus verdicts). */
  says?: string | ((at: FeatureSite) => string);
  /** Where the version comes from. */
  source: string;
}

/** Where a row's feature is written in `domain`. */
export function featureSites(row: LibvirtFeature, domain: XmlElement): readonly FeatureSite[] {
  if (row.find) return row.find(domain);
  const elements = (row.path ? domain.select(row.path) : [domain]).filter((el) => !row.where || row.where(el, domain));
  if (!row.attribute) return elements;
  const sites: FeatureSite[] = [];
  for (const el of elements) {
    const a = el.attribute(row.attribute);
    if (!a) continue;
    const { value } = row;
    if (value !== undefined && !(typeof value === 'function' ? value(a.value) : a.value === value)) continue;
    sites.push(row.at === 'element' ? el : a);
  }
  return sites;
}

const NEWS = (v: string, title: string) => `libvirt NEWS.rst v${v}: "${title}"`;
const DOCS = (section: string) => `libvirt docs/formatdomain.rst "${section}" :since: marker`;
const RESEARCH = (what: string) => `libvirt 11.3 docs/formatdomain.rst ${what} (as recorded in the project's research notes)`;
const notRaw = (v: string) => v !== 'raw';
const notOne = (v: string) => v.trim() !== '1';
const autoselecting = (domain: XmlElement) => domain.child('os')?.attribute('firmware') !== undefined;
const attributesOf = (els: readonly XmlElement[], name: string): XmlAttribute[] => els.map((e) => e.attribute(name)).filter((a): a is XmlAttribute => a !== undefined);

/** A new value of an element's attribute that an older libvirt refuses; reported at the element. */
function refusedValue(what: string, since: string, path: string, attribute: string, value: string, source: string, says?: string): LibvirtFeature {
  return { what, since, effect: 'refused', severity: 'error', path, attribute, value, at: 'element', source, ...(says ? { says } : {}) };
}
const invalidValue = (attribute: string, element: string, value: string) => `Invalid value for attribute '${attribute}' in element '${element}': '${value}'.`;

const KVM_FEATURES: [string, string][] = [
  ['hidden', '1.2.8'],
  ['hint-dedicated', '5.7.0'],
  ['poll-control', '6.10.0'],
  ['pv-ipi', '7.10.0'],
  ['dirty-ring', '8.0.0'],
];

/** The table, built when a run first needs it (only runs with a libvirt version do): building its ~100 entries cost every start half a millisecond. */
export const libvirtFeatures = lazy((): readonly LibvirtFeature[] => [
  // ---- firmware -----------------------------------------------------------
  { what: "<os firmware='efi'> (firmware autoselection)", since: '5.2.0', effect: 'dropped', severity: 'error', consequence: 'libvirt picks no firmware and the VM boots the default BIOS instead of UEFI', qemuOnly: true, path: 'os', attribute: 'firmware', value: 'efi', source: DOCS('BIOS bootloader') + ' (firmware attribute "Since 5.2.0 (QEMU and KVM only)")' },
  { what: '<os><firmware><feature> (firmware features)', since: '7.2.0', after: '5.2.0', effect: 'dropped', severity: 'warning', consequence: 'autoselection ignores the requested features and may pick a firmware with or without Secure Boot', qemuOnly: true, path: 'os/firmware', where: (f, d) => autoselecting(d) && f.childrenNamed('feature').length > 0, source: DOCS('BIOS bootloader') + ' (os/firmware "Since 7.2.0 QEMU/KVM only")' },
  { what: "<loader stateless='...'>", since: '8.6.0', effect: 'dropped', severity: 'warning', consequence: 'the loader is treated as the default (stateful with an NVRAM store for pflash)', path: 'os/loader', attribute: 'stateless', source: DOCS('BIOS bootloader') + ' (stateless "Since 8.6.0")' },
  { what: "<loader format='qcow2'> on a firmware path", since: '9.2.0', effect: 'dropped', severity: 'error', consequence: 'the image is handed to QEMU as raw, so a qcow2 firmware does not load', path: 'os/loader', where: (l) => l.text() !== '', attribute: 'format', value: notRaw, source: DOCS('BIOS bootloader') + ' (format "Since 9.2.0 (QEMU only)"); ' + NEWS('9.2.0', 'qemu: Add support for QCOW2 formatted firmware') },
  {
    what: "<loader format='qcow2'> as an autoselection criterion, or <nvram format='qcow2'>", since: '9.2.0', effect: 'dropped', severity: 'warning', consequence: 'firmware autoselection ignores the format and may pick a raw build, and an existing qcow2 variable store is read as raw',
    find: (d) => [...attributesOf(d.select('os/loader').filter((l) => l.text() === ''), 'format'), ...attributesOf(d.select('os/nvram'), 'format')].filter((a) => notRaw(a.value)),
    source: DOCS('BIOS bootloader') + ' (loader and nvram format "Since 9.2.0 (QEMU only)")',
  },
  { what: "<nvram type='file|block|network'> with <source>", since: '8.5.0', effect: 'dropped', severity: 'warning', consequence: 'the <source> is not read and libvirt creates a fresh local variable store, losing boot entries and enrolled keys', path: 'os/nvram', attribute: 'type', source: DOCS('BIOS bootloader') + ' (nvram type "Since 8.5.0"); ' + NEWS('8.5.0', 'qemu: Introduce support for network backed NVRAM') },
  { what: "<nvram templateFormat='qcow2'>", since: '10.10.0', effect: 'dropped', severity: 'warning', consequence: 'libvirt assumes the template has the same format as the NVRAM store', path: 'os/nvram', attribute: 'templateFormat', value: notRaw, source: RESEARCH('nvram templateFormat') + '; ' + NEWS('10.10.0', 'qemu: Support UEFI NVRAM images on block storage') },
  { what: '<os><shim>', since: '11.2.0', effect: 'dropped', severity: 'warning', consequence: 'the shim is not side-loaded, so a signed loader may refuse the guest bootloader', path: 'os/shim', source: NEWS('11.2.0', 'qemu: Introduce os/shim element') },
  { what: '<os><varstore> (uefi-vars device)', since: '12.1.0', effect: 'dropped', severity: 'warning', consequence: 'the uefi-vars device is not used for the variable store', path: 'os/varstore', source: NEWS('12.1.0', 'qemu: Add support for uefi-vars device and firmware builds using it') },
  {
    what: '<loader>/<nvram> attributes together with firmware autoselection', since: '9.2.0', after: '8.6.0', effect: 'refused', severity: 'error', qemuOnly: true,
    consequence: "libvirt 9.2 started writing the chosen firmware into the XML (\"Make firmware selection persistent\"), so XML dumped from a newer host carries them; remove the attributes (keep secure='yes') when moving it to this host.",
    find: (d) => (autoselecting(d) ? [...attributesOf(d.select('os/loader'), 'readonly'), ...attributesOf(d.select('os/loader'), 'type'), ...attributesOf(d.select('os/loader'), 'secure').filter((a) => a.value === 'no'), ...attributesOf(d.select('os/nvram'), 'template')] : []),
    says: (at) => `${'name' in at && at.name === 'template' ? 'nvram' : 'loader'} attribute '${'name' in at ? at.name : ''}' cannot be specified when firmware autoselection is enabled`,
    source: NEWS('9.2.0', 'qemu: Make firmware selection persistent') + "; libvirt 9.0.0 (Debian 12) refuses readonly, secure='no' and nvram template under autoselection (corpus libvirt-verdicts-9.0.0.tsv)",
  },
  { what: "<type arch='loongarch64'>", since: '10.2.0', effect: 'refused', severity: 'error', path: 'os/type', attribute: 'arch', value: 'loongarch64', says: 'Unknown architecture loongarch64', source: NEWS('10.2.0', 'qemu: Added support for the loongarch64 architecture') },
  { what: '<maxMemory> without slots', since: '9.5.0', effect: 'refused', severity: 'error', consequence: "Add slots='N' (at least 1) for older libvirt.", path: 'maxMemory', where: (m) => m.attribute('slots') === undefined, says: 'both maximum memory size and memory slot count must be specified', source: NEWS('9.5.0', 'conf: Properly handle slots for non-DIMM <memory> devices') },
  // ---- audio ---------------------------------------------------------------
  { what: '<audio> (audio backend)', since: '7.2.0', effect: 'dropped', severity: 'warning', consequence: "the backend settings are not applied (libvirt before 7.2 has no <audio> for QEMU; from 6.7 it knows only bhyve's oss type and may reject others)", qemuOnly: true, path: 'devices/audio', source: NEWS('7.2.0', 'Add support for audio backend specific settings') },
  { ...refusedValue("<audio type='pipewire'>", '9.10.0', 'devices/audio', 'type', 'pipewire', NEWS('9.10.0', 'Introduce pipewire audio backend'), invalidValue('type', 'audio', 'pipewire')), after: '7.2.0', qemuOnly: true },
  { ...refusedValue("<sound model='virtio'>", '10.4.0', 'devices/sound', 'model', 'virtio', NEWS('10.4.0', 'qemu: Support for virtio sound model'), invalidValue('model', 'sound', 'virtio')), consequence: 'It also needs QEMU 8.2.0 or newer.' },
  { what: "<sound multichannel='...'>", since: '9.4.0', effect: 'dropped', severity: 'warning', consequence: 'the USB sound device keeps its default channel layout', path: 'devices/sound', attribute: 'multichannel', source: 'libvirt-go-xml-module v1.9004.0 (libvirt 9.4.0) "Add domain sound multichannel attribute"; libvirt docs/formatdomain.rst "Sound devices"' },
  // ---- CPU -----------------------------------------------------------------
  { what: "<topology dies='N'> (N > 1)", since: '6.1.0', effect: 'dropped', severity: 'error', consequence: 'sockets x cores x threads no longer equals <vcpu> and libvirt refuses the domain: "CPU topology doesn\'t match maximum vcpu count"', path: 'cpu/topology', attribute: 'dies', value: notOne, source: NEWS('6.1.0', 'qemu: Support "dies" in CPU topology') },
  { what: "<topology clusters='N'> (N > 1)", since: '10.1.0', effect: 'dropped', severity: 'error', consequence: 'sockets x dies x cores x threads no longer equals <vcpu> and libvirt refuses the domain: "CPU topology doesn\'t match maximum vcpu count"', path: 'cpu/topology', attribute: 'clusters', value: notOne, source: NEWS('10.1.0', 'qemu: Support clusters in CPU topology') },
  { what: "<cpu migratable='...'>", since: '6.5.0', effect: 'dropped', severity: 'warning', consequence: "the host-passthrough CPU uses libvirt's default migratability", path: 'cpu', attribute: 'migratable', source: NEWS('6.5.0', 'qemu: Add support for migratable host-passthrough CPU') },
  { what: '<cpu><maxphysaddr>', since: '8.7.0', effect: 'dropped', severity: 'warning', consequence: "the guest gets QEMU's default physical address size", path: 'cpu/maxphysaddr', source: NEWS('8.7.0', 'qemu: Add support for specifying vCPU physical address size in bits') },
  // ---- hypervisor features ---------------------------------------------------
  { what: "<hyperv mode='passthrough'>", since: '8.0.0', effect: 'dropped', severity: 'warning', consequence: 'only the enlightenments listed inside <hyperv> are enabled', path: 'features/hyperv', attribute: 'mode', value: 'passthrough', source: DOCS('Hypervisor features') + ' (hyperv mode "Since 8.0.0")' },
  { what: "<hyperv mode='host-model'>", since: '11.9.0', after: '8.0.0', effect: 'refused', severity: 'error', path: 'features/hyperv', attribute: 'mode', value: 'host-model', source: NEWS('11.9.0', 'Introduce Hyper-V host-model mode') },
  // Top-level enlightenments: <hyperv> is parsed strictly, so an unknown child is refused.
  ...HYPERV_FEATURES.filter((f) => f.libvirtSince && !f.name.includes('/')).map(({ name, libvirtSince: since = '' }): LibvirtFeature => ({
    what: `the Hyper-V enlightenment <${name}>`,
    since,
    effect: 'refused',
    severity: 'error',
    path: `features/hyperv/${name}`,
    source: since === '10.7.0' ? NEWS('10.7.0', `qemu: Add support for hyperv enlightenment feature hv-${name.replace('_', '-')}`) : DOCS('Hypervisor features') + ` (hyperv table: ${name} since ${since})`,
  })),
  { what: "<stimer><direct state='...'/>", since: hypervFeature('stimer/direct').libvirtSince!, effect: 'dropped', severity: 'warning', consequence: 'the SynIC timers run without direct mode', path: 'features/hyperv/stimer/direct', source: DOCS('Hypervisor features') + ' (stimer "direct mode 5.7.0 (QEMU 4.1)")' },
  { what: '<tlbflush><direct/> / <extended/>', since: hypervFeature('tlbflush/direct').libvirtSince!, effect: 'dropped', severity: 'warning', consequence: 'only plain PV TLB flush is enabled', find: (d) => [...d.select('features/hyperv/tlbflush/direct'), ...d.select('features/hyperv/tlbflush/extended')], source: NEWS('11.0.0', 'qemu: Add support for direct and extended tlbflush features') },
  { what: "<spinlocks state='on'> without retries", since: '11.9.0', effect: 'refused', severity: 'error', consequence: "Older libvirt requires the retry count: add retries='8191'.", path: 'features/hyperv/spinlocks', where: (s, d) => s.attr('state') === 'on' && s.attr('retries') === undefined && d.first('features/hyperv')?.attr('mode') !== 'passthrough', source: NEWS('11.9.0', 'Add support for Hyper-V spinlocks "never notify" mechanism') + ' ("If the retries attribute is omitted this value is used")' },
  ...KVM_FEATURES.map(([name, since]): LibvirtFeature => ({ what: `the KVM feature <${name}>`, since, effect: 'refused', severity: 'error', path: `features/kvm/${name}`, source: DOCS('Hypervisor features') + ` (kvm table: ${name} since ${since})` })),
  { what: '<features><async-teardown>', since: '9.6.0', effect: 'refused', severity: 'error', path: 'features/async-teardown', says: "unexpected feature 'async-teardown'", source: DOCS('Hypervisor features') + ' (async-teardown "Since 9.6.0 (QEMU only)")' },
  { what: '<features><ps2>', since: '10.7.0', effect: 'refused', severity: 'error', path: 'features/ps2', says: "unexpected feature 'ps2'", source: NEWS('10.7.0', 'qemu: Introduce the ability to disable the built-in PS/2 controller') },
  { what: '<features><ras>', since: '10.4.0', effect: 'refused', severity: 'error', path: 'features/ras', says: "unexpected feature 'ras'", source: NEWS('10.4.0', 'qemu: Support for ras feature for virt machine type') },
  // ---- domain, clock, launch security ----------------------------------------
  { what: "<domain type='hvf'>", since: '8.1.0', effect: 'refused', severity: 'error', path: '', attribute: 'type', value: 'hvf', source: NEWS('8.1.0', 'qemu: Add hvf domain type for Hypervisor.framework') },
  { what: "<clock offset='absolute'>", since: '8.4.0', effect: 'refused', severity: 'error', path: 'clock', attribute: 'offset', value: 'absolute', source: NEWS('8.4.0', 'qemu: Introduce absolute clock offset') },
  refusedValue("<launchSecurity type='s390-pv'>", '7.6.0', 'launchSecurity', 'type', 's390-pv', NEWS('7.6.0', 'qemu: Add support for launch security type s390-pv')),
  refusedValue("<launchSecurity type='sev-snp'>", '10.5.0', 'launchSecurity', 'type', 'sev-snp', NEWS('10.5.0', 'Introduce SEV-SNP support'), invalidValue('type', 'launchSecurity', 'sev-snp')),
  {
    what: 'thread_pool_min / thread_pool_max on <iothread>, or <defaultiothread>', since: '8.5.0', effect: 'dropped', severity: 'warning', consequence: 'QEMU sizes the I/O worker pools itself',
    find: (d) => [...attributesOf(d.select('iothreadids/iothread'), 'thread_pool_min'), ...attributesOf(d.select('iothreadids/iothread'), 'thread_pool_max'), ...d.select('defaultiothread')],
    source: NEWS('8.5.0', 'Introduce thread_pool_min and thread_pool_max attributes to IOThread'),
  },
  // ---- devices -------------------------------------------------------------
  { ...refusedValue("<watchdog model='itco'>", '9.1.0', 'devices/watchdog', 'model', 'itco', NEWS('9.1.0', 'QEMU: iTCO watchdog made operational') + '; libvirt 9.0.0 (Debian 12) refuses it (corpus libvirt-verdicts-9.0.0.tsv)', "unknown watchdog model 'itco'"), consequence: 'libvirt 9.1 and later write this watchdog into every q35 domain, so XML dumped from a newer host carries it; remove the element for this host (q35 has the iTCO watchdog anyway).' },
  { what: "removable='on' on a non-USB disk <target>", since: '9.6.0', effect: 'refused', severity: 'error', path: 'devices/disk/target', where: (t) => t.attr('bus') !== 'usb', attribute: 'removable', says: 'removable is only valid for usb disks', source: NEWS('9.6.0', 'qemu: Support removable attribute for scsi disk') },
  refusedValue("<filesystem><driver type='mtp'>", '10.2.0', 'devices/filesystem/driver', 'type', 'mtp', NEWS('10.2.0', 'qemu: Support for driver type mtp in <filesystem/> devices'), invalidValue('type', 'driver', 'mtp')),
  refusedValue("<disk type='nvme'>", '6.0.0', 'devices/disk', 'type', 'nvme', NEWS('6.0.0', 'qemu: Allow accessing NVMe disks directly')),
  refusedValue("<disk type='vhostuser'>", '7.1.0', 'devices/disk', 'type', 'vhostuser', NEWS('7.1.0', "Introduce <disk type='vhostuser'> support")),
  refusedValue("<disk type='vhostvdpa'>", '9.8.0', 'devices/disk', 'type', 'vhostvdpa', NEWS('9.8.0', 'qemu: Add support for vDPA block devices'), invalidValue('type', 'disk', 'vhostvdpa')),
  { what: "<target bus='nvme'> (emulated NVMe disk)", since: '11.5.0', effect: 'refused', severity: 'error', path: 'devices/disk/target', attribute: 'bus', value: 'nvme', source: NEWS('11.5.0', 'qemu: Add support for NVMe disks') },
  { what: '<driver><iothreads> (iothread-to-virtqueue mapping)', since: '10.0.0', effect: 'dropped', severity: 'warning', consequence: 'the disk uses a single iothread (or none)', path: 'devices/disk/driver/iothreads', source: NEWS('10.0.0', 'qemu: Add support for mapping iothreads to virtqueues of virtio-blk devices') },
  refusedValue("<filesystem><driver type='virtiofs'>", '6.2.0', 'devices/filesystem/driver', 'type', 'virtiofs', NEWS('6.2.0', 'qemu: Add virtiofs support')),
  {
    what: '<readonly/> on a virtiofs <filesystem>', since: '11.0.0', after: '6.2.0', effect: 'refused', severity: 'error',
    find: (d) => d.select('devices/filesystem').filter((f) => f.child('driver')?.attr('type') === 'virtiofs').flatMap((f) => f.childrenNamed('readonly')),
    says: 'virtiofs does not yet support read-only mode',
    source: NEWS('11.0.0', 'virtiofs: Allow read only mode') + '; ' + NEWS('6.4.0', 'qemu: reject readonly attribute for virtiofs'),
  },
  { what: '<filesystem><idmap> (virtiofsd ID mapping)', since: '10.0.0', effect: 'dropped', severity: 'warning', consequence: 'virtiofsd runs without the UID/GID mapping', path: 'devices/filesystem/idmap', source: NEWS('10.0.0', 'qemu: add ID mapping support for virtiofsd') },
  refusedValue("<memory model='virtio-pmem'>", '7.1.0', 'devices/memory', 'model', 'virtio-pmem', NEWS('7.1.0', 'Introduce virtio-pmem <memory/> model')),
  refusedValue("<memory model='virtio-mem'>", '7.9.0', 'devices/memory', 'model', 'virtio-mem', NEWS('7.9.0', 'Introduce virtio-mem <memory/> model')),
  refusedValue("<memory model='sgx-epc'>", '8.10.0', 'devices/memory', 'model', 'sgx-epc', NEWS('8.10.0', 'Support for SGX EPC (enclave page cache)')),
  refusedValue("<graphics type='dbus'>", '8.4.0', 'devices/graphics', 'type', 'dbus', NEWS('8.4.0', 'qemu: D-Bus display')),
  refusedValue("<channel type='qemu-vdagent'>", '8.4.0', 'devices/channel', 'type', 'qemu-vdagent', NEWS('8.4.0', 'qemu: add qemu-vdagent channel')),
  refusedValue("<video><model type='bochs'>", '5.6.0', 'devices/video/model', 'type', 'bochs', NEWS('5.6.0', "qemu: Introduce a new video model of type 'bochs'")),
  refusedValue("<video><model type='ramfb'>", '5.9.0', 'devices/video/model', 'type', 'ramfb', NEWS('5.9.0', "qemu: Introduce a new video model of type 'ramfb'")),
  refusedValue("<input type='evdev'>", '7.4.0', 'devices/input', 'type', 'evdev', RESEARCH('"Input devices" evdev :since: 7.4.0')),
  refusedValue("<tpm model='tpm-crb'>", '4.4.0', 'devices/tpm', 'model', 'tpm-crb', RESEARCH('"TPM device" tpm-crb :since: 4.4.0')),
  refusedValue("<tpm><backend type='emulator'> (swtpm)", '4.5.0', 'devices/tpm/backend', 'type', 'emulator', RESEARCH('"TPM device" emulator backend :since: 4.5.0')),
  refusedValue("<tpm><backend type='external'>", '9.0.0', 'devices/tpm/backend', 'type', 'external', NEWS('9.0.0', 'QEMU: add external backend for swtpm')),
  { what: '<tpm><backend><profile>', since: '10.10.0', effect: 'dropped', severity: 'warning', consequence: 'swtpm runs with its default profile (all algorithms and commands)', path: 'devices/tpm/backend/profile', source: NEWS('10.10.0', 'swtpm: Add support for profiles') },
  {
    what: "<interface><backend type='passt'>", since: '9.1.0', effect: 'refused', severity: 'error', path: 'devices/interface/backend', attribute: 'type', value: 'passt', says: invalidValue('type', 'backend', 'passt'),
    source: NEWS('9.0.0', 'QEMU: support passt (https://passt.top)') + '; but libvirt 9.0.0 as packaged by Debian 12 refuses it (corpus libvirt-verdicts-9.0.0.tsv, net-user-passt.*), so 9.1.0 is used',
  },
  refusedValue("<iommu model='amd'>", '11.5.0', 'devices/iommu', 'model', 'amd', NEWS('11.5.0', 'qemu: add support for AMD IOMMU device')),
  refusedValue("<panic model='pvpanic'>", '9.1.0', 'devices/panic', 'model', 'pvpanic', NEWS('9.1.0', 'qemu: added support for pvpanic-pci device')),
  { what: '<crypto> device', since: '9.1.0', effect: 'dropped', severity: 'warning', consequence: 'the guest gets no virtio-crypto device', path: 'devices/crypto', source: NEWS('9.1.0', 'qemu: Support crypto device') },
  { what: '<pstore> device', since: '10.6.0', effect: 'dropped', severity: 'warning', consequence: 'the guest gets no pstore device for its crash logs', path: 'devices/pstore', source: NEWS('10.6.0', 'Introduce pstore device') },
  { what: "<shmem role='...'>", since: '6.7.0', effect: 'dropped', severity: 'warning', consequence: 'migration of the shared memory follows the default instead of the role', path: 'devices/shmem', attribute: 'role', source: NEWS('6.7.0', 'shmem: Add support for shmem-{plain, doorbell} role option') },
  { what: "<memballoon freePageReporting='...'>", since: '6.9.0', effect: 'dropped', severity: 'warning', consequence: 'the balloon does not report free pages to the host', path: 'devices/memballoon', attribute: 'freePageReporting', source: NEWS('6.9.0', 'qemu: Introduce virtio-balloon free page reporting feature') },
]);
