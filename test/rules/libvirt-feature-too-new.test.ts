import { expect, it } from 'vitest';
import rule from '#rules/libvirt-feature-too-new.js';
import { domain, runRule, testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// A current virt-manager Windows 11 guest with PipeWire audio and virtio sound.
const modern = domain(`<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>
<sound model='virtio'>
  <audio id='1'/>
</sound>
<audio id='1' type='pipewire'/>`);

const lv = (libvirt: string) => ({ libvirt });

const topology = (clusters: string) =>
  domain('').replace("<topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>", `<topology sockets='1' dies='1' clusters='${clusters}' cores='2' threads='2'/>`);

const hypervAndKvm = domain('', {
  features: `<acpi/>
<apic/>
<hyperv mode='custom'>
  <relaxed state='on'/>
  <spinlocks state='on'/>
  <avic state='on'/>
  <emsr_bitmap state='on'/>
</hyperv>
<kvm>
  <hidden state='on'/>
  <poll-control state='on'/>
</kvm>`,
});

const firmwareFeatures = osDomain(`<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-6.0'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
</os>`);

// What libvirt 9.2+ writes for a virt-manager Windows 11 guest, moved to a Debian 12 host (libvirt 9.0).
const dumpedByNewerLibvirt = osDomain(
  `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <nvram template='/usr/share/edk2/ovmf/OVMF_VARS.secboot.fd'>/var/lib/libvirt/qemu/nvram/win11_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`,
  { devices: "<watchdog model='itco' action='reset'/>" },
);
const autoselectionSays = (element: string, attribute: string) => `${element} attribute '${attribute}' cannot be specified when firmware autoselection is enabled`;
const AUTOSELECTION_NOTE =
  "libvirt 9.2 started writing the chosen firmware into the XML (\"Make firmware selection persistent\"), so XML dumped from a newer host carries them; remove the attributes (keep secure='yes') when moving it to this host.";
const autoselection = (line: number, column: number, element: string, attribute: string) => ({
  messageId: 'refusedQuotedNote',
  data: { what: '<loader>/<nvram> attributes together with firmware autoselection', since: '9.2.0', libvirt: '9.0.0', says: autoselectionSays(element, attribute), note: AUTOSELECTION_NOTE },
  line,
  column,
  severity: 'error' as const,
});

testRule(rule, {
  valid: [
    { name: 'quiet once the host libvirt has every feature (10.4.0)', xml: modern, host: lv('10.4.0') },
    { name: 'quiet on libvirt 11.3.0', xml: modern, host: lv('11.3.0') },
    { name: 'skipped when the libvirt version is unknown', xml: modern },
    { name: "clusters='2' on a libvirt that knows clusters (10.1.0)", xml: topology('2'), host: lv('10.1.0') },
    { name: "clusters='1' and dies='1' are harmless when dropped", xml: domain(''), host: lv('9.0.0') },
    { name: 'Hyper-V and KVM features all known to 11.9.0', xml: hypervAndKvm, host: lv('11.9.0') },
    { name: 'a firmware feature list on 7.2.0', xml: firmwareFeatures, host: lv('7.2.0') },
    { name: 'what libvirt 9.2 writes is accepted by 9.2.0', xml: dumpedByNewerLibvirt, host: lv('9.2.0') },
  ],
  invalid: [
    {
      name: 'values an older libvirt refuses, quoting what libvirt 9.0.0 says',
      xml: modern,
      host: lv('9.0.0'),
      errors: [
        {
          messageId: 'refusedQuotedNote',
          data: { what: "<sound model='virtio'>", since: '10.4.0', libvirt: '9.0.0', says: "Invalid value for attribute 'model' in element 'sound': 'virtio'.", note: 'It also needs QEMU 8.2.0 or newer.' },
          line: 27,
          column: 5,
          endLine: 27,
          endColumn: 27,
          severity: 'error',
          message:
            "<sound model='virtio'> needs libvirt 10.4.0 or newer; libvirt 9.0.0 does not know it and refuses to define the domain (libvirt 9.0.0 reports \"Invalid value for attribute 'model' in element 'sound': 'virtio'.\"). It also needs QEMU 8.2.0 or newer. Upgrade libvirt to 10.4.0 or later, or remove it.",
        },
        {
          messageId: 'refusedQuoted',
          line: 30,
          column: 5,
          endLine: 30,
          endColumn: 36,
          severity: 'error',
          message:
            "<audio type='pipewire'> needs libvirt 9.10.0 or newer; libvirt 9.0.0 does not know it and refuses to define the domain (libvirt 9.0.0 reports \"Invalid value for attribute 'type' in element 'audio': 'pipewire'.\"). Upgrade libvirt to 9.10.0 or later, or remove it.",
        },
      ],
    },
    {
      name: 'one release before the feature (10.3.0) only the virtio sound model is reported',
      xml: modern,
      host: lv('10.3.0'),
      errors: [{ messageId: 'refusedQuotedNote', line: 27, column: 5 }],
    },
    {
      name: 'before 7.2 the whole <audio> element is dropped (a warning), not its pipewire value',
      xml: modern,
      host: lv('7.1.0'),
      errors: [
        { messageId: 'refusedQuotedNote', line: 27, column: 5 },
        {
          messageId: 'dropped',
          line: 30,
          column: 5,
          severity: 'warning',
          message:
            "<audio> (audio backend) needs libvirt 7.2.0 or newer; libvirt 7.1.0 silently drops it when the domain is defined, so the backend settings are not applied (libvirt before 7.2 has no <audio> for QEMU; from 6.7 it knows only bhyve's oss type and may reject others). Upgrade libvirt to 7.2.0 or later, or remove it.",
        },
      ],
    },
    {
      name: "a dropped clusters='2' breaks the topology: an error at the attribute",
      xml: topology('2'),
      host: lv('10.0.0'),
      errors: [
        {
          messageId: 'dropped',
          data: {
            what: "<topology clusters='N'> (N > 1)",
            since: '10.1.0',
            libvirt: '10.0.0',
            consequence: 'sockets x dies x cores x threads no longer equals <vcpu> and libvirt refuses the domain: "CPU topology doesn\'t match maximum vcpu count"',
          },
          line: 17,
          column: 36,
          severity: 'error',
        },
      ],
    },
    {
      name: "<os firmware='efi'> before 5.2 (QEMU domains): the VM would boot BIOS",
      xml: domain(''),
      host: lv('5.1.0'),
      errors: [
        {
          messageId: 'dropped',
          data: { what: "<os firmware='efi'> (firmware autoselection)", since: '5.2.0', libvirt: '5.1.0', consequence: 'libvirt picks no firmware and the VM boots the default BIOS instead of UEFI' },
          line: 7,
          column: 7,
          severity: 'error',
        },
        { messageId: 'dropped', data: { what: "<cpu migratable='...'>", since: '6.5.0', libvirt: '5.1.0', consequence: "the host-passthrough CPU uses libvirt's default migratability" }, line: 16, column: 45, severity: 'warning' },
      ],
    },
    {
      name: "<os firmware='efi'> is a QEMU-driver feature: not reported for a bhyve domain",
      xml: domain('').replace("<domain type='kvm'", "<domain type='bhyve'"),
      host: lv('5.1.0'),
      errors: [{ messageId: 'dropped', line: 16, column: 45 }],
    },
    {
      name: 'the Hyper-V and KVM feature lists, and spinlocks without retries (8.9.0)',
      xml: hypervAndKvm,
      host: lv('8.9.0'),
      errors: [
        { messageId: 'refused', data: { what: "<spinlocks state='on'> without retries", since: '11.9.0', libvirt: '8.9.0' }, line: 16, column: 7 },
        { messageId: 'refused', data: { what: 'the Hyper-V enlightenment <avic>', since: '8.10.0', libvirt: '8.9.0' }, line: 17, column: 7 },
        { messageId: 'refused', data: { what: 'the Hyper-V enlightenment <emsr_bitmap>', since: '10.7.0', libvirt: '8.9.0' }, line: 18, column: 7 },
      ].map((e, i) => (i === 0 ? { ...e, messageId: 'refusedNote', data: { ...e.data, note: "Older libvirt requires the retry count: add retries='8191'." } } : e)),
    },
    {
      name: 'only spinlocks without retries is left on 10.7.0',
      xml: hypervAndKvm,
      host: lv('10.7.0'),
      errors: [{ messageId: 'refusedNote', line: 16, column: 7 }],
    },
    {
      name: 'a KVM feature older libvirt does not know (poll-control on 6.9.0)',
      xml: hypervAndKvm,
      host: lv('6.9.0'),
      errors: [
        { messageId: 'refusedNote', line: 16, column: 7 },
        { messageId: 'refused', line: 17, column: 7 },
        { messageId: 'refused', line: 18, column: 7 },
        { messageId: 'refused', data: { what: 'the KVM feature <poll-control>', since: '6.10.0', libvirt: '6.9.0' }, line: 22, column: 7 },
      ],
    },
    {
      name: 'a firmware feature list is dropped before 7.2 under autoselection',
      xml: firmwareFeatures,
      host: lv('7.0.0'),
      errors: [{ messageId: 'dropped', data: { what: '<os><firmware><feature> (firmware features)', since: '7.2.0', libvirt: '7.0.0', consequence: 'autoselection ignores the requested features and may pick a firmware with or without Secure Boot' }, line: 9, column: 5, severity: 'warning' }],
    },
    {
      name: "what libvirt 9.2+ writes into q35 UEFI domains, on 9.0: firmware attributes (not secure='yes') and the iTCO watchdog",
      xml: dumpedByNewerLibvirt,
      host: lv('9.0.0'),
      errors: [
        autoselection(13, 13, 'loader', 'readonly'),
        autoselection(13, 41, 'loader', 'type'),
        autoselection(14, 12, 'nvram', 'template'),
        {
          messageId: 'refusedQuotedNote',
          data: {
            what: "<watchdog model='itco'>",
            since: '9.1.0',
            libvirt: '9.0.0',
            says: "unknown watchdog model 'itco'",
            note: 'libvirt 9.1 and later write this watchdog into every q35 domain, so XML dumped from a newer host carries it; remove the element for this host (q35 has the iTCO watchdog anyway).',
          },
          line: 30,
          column: 5,
          severity: 'error',
        },
      ],
    },
    {
      name: 'the grammar of the host release: an element added after it (not in the table), with the releases it appeared between',
      xml: domain('', { extra: '<throttlegroups>\n  <throttlegroup>\n    <total_bytes_sec>10000000</total_bytes_sec>\n    <group_name>limit0</group_name>\n  </throttlegroup>\n</throttlegroups>' }),
      host: lv('9.0.0'),
      errors: [
        {
          messageId: 'grammarElement',
          data: { libvirt: '9.0.0', after: '9.0.0', present: '11.3.0', name: 'throttlegroups', parent: "<domain type='kvm'>" },
          line: 26,
          column: 4,
          severity: 'error',
          message:
            "<throttlegroups> in <domain type='kvm'> is not in libvirt 9.0.0's grammar (added after 9.0.0, present in 11.3.0): libvirt 9.0.0 ignores it when the domain is defined, so this setting would be lost. Upgrade libvirt (11.3.0 has it), or remove it.",
        },
      ],
    },
    {
      name: 'the grammar of the host release: an attribute, and nothing for a host that has it',
      xml: domain("<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2' discard_no_unref='on'/>\n  <source file='/var/lib/libvirt/images/vm.qcow2'/>\n  <target dev='vda' bus='virtio'/>\n</disk>"),
      host: lv('9.0.0'),
      errors: [{ messageId: 'grammarAttribute', data: { libvirt: '9.0.0', after: '9.0.0', present: '11.3.0', name: 'discard_no_unref', element: "<driver type='qcow2'>" }, line: 25, column: 40, severity: 'error' }],
    },
    {
      name: 'the grammar of the host release: an attribute value',
      xml: domain("<disk type='network' device='disk'>\n  <driver name='qemu' type='raw'/>\n  <source protocol='ssh' name='images/vm.img'>\n    <host name='example.org' port='22'/>\n  </source>\n  <target dev='vda' bus='virtio'/>\n</disk>"),
      host: lv('9.0.0'),
      errors: [
        {
          messageId: 'grammarValue',
          data: { libvirt: '9.0.0', after: '9.0.0', present: '11.3.0', value: 'ssh', name: 'protocol', element: '<source>', consequence: 'libvirt 9.0.0 refuses values it does not know' },
          line: 26,
          column: 25,
          severity: 'error',
        },
      ],
    },
    {
      name: 'the grammar of the host release: a text value, for a host as new as the second-newest grammar',
      xml: domain('', { extra: '<on_crash>preserve-running</on_crash>' }),
      host: lv('11.3.0'),
      errors: [
        {
          messageId: 'grammarText',
          data: { libvirt: '11.3.0', after: '11.3.0', present: '12.9.0', value: 'preserve-running', element: '<on_crash>', consequence: 'libvirt 11.3.0 refuses values it does not know' },
          line: 26,
          column: 13,
          severity: 'error',
        },
      ],
    },
  ],
});

it('libvirt-feature-too-new says it was skipped when the libvirt version is unknown', () => {
  expect(runRule(rule, modern).skippedRules).toEqual([{ ruleId: 'libvirt-feature-too-new', missing: ['libvirt'] }]);
});
